import { dynamoClient } from '../../shared/aws/dynamodb';
import { eventBridgeClient } from '../../shared/aws/eventbridge';
import { sesClient } from '../../shared/aws/ses';
import { config } from '../../shared/config';
import { checkHealth } from '../../shared/health';
import { httpHandler, json } from '../../shared/http/response';

export const handler = httpHandler(async () => {
  const report = await checkHealth({
    dynamo: dynamoClient(),
    eventBridge: eventBridgeClient(),
    ses: sesClient(),
    tableName: config().TABLE_NAME,
    busName: config().EVENT_BUS_NAME,
  });
  return json(report.status === 'ok' ? 200 : 503, report);
});
