import { table } from '../../shared/data/table';
import { busPublisher } from '../../shared/events/bus';
import { parseJsonBody } from '../../shared/http/request';
import { httpHandler, json } from '../../shared/http/response';
import { requestSubscription } from '../../shared/subscribers/subscribe';
import { subscriptionRequestSchema } from '../../shared/subscribers/schema';

export const handler = httpHandler(async (event) => {
  const request = parseJsonBody(event, subscriptionRequestSchema);
  await requestSubscription({ ...table(), publisher: busPublisher() }, request);
  // The same answer whatever the address's state, so nobody can probe who subscribes.
  return json(202, { status: 'accepted' });
});
