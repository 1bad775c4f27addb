import { config } from '../../shared/config';
import { table } from '../../shared/data/table';
import { sendDigestBatch } from '../../shared/digest/send';
import { mailing } from '../../shared/email/ses';
import { eventHandler } from '../../shared/events/handler';

export const handler = eventHandler('DigestBatchReady', (detail) => {
  const { mailer, publicUrl } = mailing();
  const { DIGEST_SEND_RATE, DIGEST_RETRY_BASE_MS } = config();
  return sendDigestBatch(
    { ...table(), mailer, publicUrl, sendRate: DIGEST_SEND_RATE, retryBaseMs: DIGEST_RETRY_BASE_MS },
    detail.month,
    detail.subscriberIds,
  );
});
