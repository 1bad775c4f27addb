import { publicUrl } from '../../shared/config';
import { pageHandler } from '../../shared/http/page';
import { memberManageLink, memberSuggestionsLink } from '../../shared/members/links';
import { memberConfirmFormPage } from '../../shared/members/pages';
import { getMember } from '../../shared/members/repository';
import { linkToken } from '../../shared/subscribers/links';
import { invalidLinkPage } from '../../shared/subscribers/pages';
import { verifyToken } from '../../shared/tokens';
import { table } from '../../shared/runtime/table';

// A GET never changes anything: mail scanners open every link in a message, so the emailed
// link opens a page whose button POSTs to the same address.
export const handler = pageHandler(async (event) => {
  const token = linkToken(event.queryStringParameters);
  const memberId = await verifyToken('member-confirm', token);
  if (!memberId) return invalidLinkPage();
  const baseUrl = publicUrl();
  return memberConfirmFormPage(token, await getMember(table(), memberId, false), {
    manageUrl: await memberManageLink(baseUrl, memberId),
    suggestionsUrl: await memberSuggestionsLink(baseUrl, memberId),
  });
});
