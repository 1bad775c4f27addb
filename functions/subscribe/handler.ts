import { parseJsonBody } from '../../shared/http/request';
import { httpHandler, json } from '../../shared/http/response';
import { requestSubscription } from '../../shared/subscribers/subscribe';
import { subscriptionRequestSchema } from '../../shared/subscribers/schema';
import { busPublisher } from '../../shared/runtime/publisher';
import { table } from '../../shared/runtime/table';

export const handler = httpHandler(async (event) => {
  const request = parseJsonBody(event, subscriptionRequestSchema);
  await requestSubscription({ ...table(), publisher: busPublisher() }, request);
  // The same answer whatever the address's state, so nobody can probe who subscribes.
  return json(202, { status: 'accepted' });
});
