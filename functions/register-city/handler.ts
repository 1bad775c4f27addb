import { documentClient } from '../../shared/aws/dynamodb';
import { eventBridgeClient } from '../../shared/aws/eventbridge';
import { registerCity } from '../../shared/cities/register';
import { registrationSchema } from '../../shared/cities/schema';
import { config } from '../../shared/config';
import { eventBridgePublisher } from '../../shared/events/publisher';
import { parseJsonBody } from '../../shared/http/request';
import { httpHandler, json } from '../../shared/http/response';

export const handler = httpHandler(async (event) => {
  const registration = parseJsonBody(event, registrationSchema);
  const city = await registerCity(
    {
      documents: documentClient(),
      tableName: config().TABLE_NAME,
      publisher: eventBridgePublisher(eventBridgeClient(), { busName: config().EVENT_BUS_NAME }),
    },
    registration,
  );
  return json(201, { id: city.id, status: city.status }, { location: `/api/cities/${city.id}` });
});
