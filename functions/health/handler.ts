import { dynamoClient } from '../../shared/aws/dynamodb';
import { eventBridgeClient } from '../../shared/aws/eventbridge';
import { sesClient } from '../../shared/aws/sesv2';
import { busName, tableName } from '../../shared/config';
import { tableProbe } from '../../shared/data/table-probe';
import { checkHealth } from '../../shared/health';
import { httpHandler, json } from '../../shared/http/response';

export const handler = httpHandler(async () => {
  const report = await checkHealth({
    tableProbe: tableProbe(dynamoClient(), tableName()),
    eventBridge: eventBridgeClient(),
    ses: sesClient(),
    busName: busName(),
  });
  return json(report.status === 'ok' ? 200 : 503, report);
});
