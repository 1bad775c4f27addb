import { dynamoClient } from '../../shared/aws/dynamodb';
import { eventBridgeClient } from '../../shared/aws/eventbridge';
import { sesClient } from '../../shared/aws/ses';
import { config } from '../../shared/config';
import { tableProbe } from '../../shared/data/table-probe';
import { checkHealth } from '../../shared/health';
import { httpHandler, json } from '../../shared/http/response';

export const handler = httpHandler(async () => {
  const report = await checkHealth({
    tableProbe: tableProbe(dynamoClient(), config().TABLE_NAME),
    eventBridge: eventBridgeClient(),
    ses: sesClient(),
    busName: config().EVENT_BUS_NAME,
  });
  return json(report.status === 'ok' ? 200 : 503, report);
});
