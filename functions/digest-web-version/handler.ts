import { publicUrl } from '../../shared/config';
import { renderDigestWebPage } from '../../shared/digest/render';
import { getDigest } from '../../shared/digest/repository';
import { monthSchema } from '../../shared/digest/schema';
import { html, httpHandler } from '../../shared/http/response';
import { page } from '../../shared/http/page';
import { table } from '../../shared/runtime/table';

export const handler = httpHandler(async (event) => {
  const month = monthSchema.safeParse(event.pathParameters?.month);
  const digest = month.success ? await getDigest(table(), month.data) : undefined;
  if (!digest || digest.status !== 'assembled') {
    return html(404, page({ title: 'No such digest', body: '<p>There is no digest for that month. <a href="/digests">See the archive</a>.</p>' }));
  }
  return html(200, renderDigestWebPage(digest, publicUrl()), { 'cache-control': 'public, max-age=300' });
});
