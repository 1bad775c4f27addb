import { digestRetryBaseMs, digestSendRate } from '../../shared/config';
import { sendDigestBatch } from '../../shared/digest/send';
import { eventHandler } from '../../shared/events/handler';
import { table } from '../../shared/runtime/table';
import { mailing } from '../../shared/runtime/mailing';

export const handler = eventHandler('DigestBatchReady', (detail) => {
  const { mailer, publicUrl } = mailing();
  return sendDigestBatch(
    { ...table(), mailer, publicUrl, sendRate: digestSendRate(), retryBaseMs: digestRetryBaseMs() },
    detail.month,
    detail.subscriberIds,
  );
});
