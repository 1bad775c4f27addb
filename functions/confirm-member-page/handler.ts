import { config } from '../../shared/config';
import { table } from '../../shared/data/table';
import { pageHandler } from '../../shared/http/page';
import { memberManageLink, memberSuggestionsLink } from '../../shared/members/links';
import { memberConfirmFormPage } from '../../shared/members/pages';
import { getMember } from '../../shared/members/repository';
import { linkToken } from '../../shared/subscribers/links';
import { invalidLinkPage } from '../../shared/subscribers/pages';
import { verifyToken } from '../../shared/tokens';

// A GET never changes anything: mail scanners open every link in a message, so the emailed
// link opens a page whose button POSTs to the same address.
export const handler = pageHandler(async (event) => {
  const token = linkToken(event.queryStringParameters);
  const memberId = await verifyToken('member-confirm', token);
  if (!memberId) return invalidLinkPage();
  const publicUrl = config().PUBLIC_URL;
  return memberConfirmFormPage(token, await getMember(table(), memberId, false), {
    manageUrl: await memberManageLink(publicUrl, memberId),
    suggestionsUrl: await memberSuggestionsLink(publicUrl, memberId),
  });
});
