import { publicUrl } from '../../shared/config';
import { monthFromPath, previewDigest } from '../../shared/digest/coming-month';
import { renderDigestPreview } from '../../shared/digest/render';
import { requireCoordinator } from '../../shared/http/auth';
import { html, httpHandler } from '../../shared/http/response';
import { table } from '../../shared/runtime/table';

export const handler = httpHandler(async (event) => {
  requireCoordinator(event);
  const digest = await previewDigest(table(), monthFromPath(event.pathParameters?.month));
  return html(200, renderDigestPreview(digest, publicUrl()));
});
