import { publicUrl } from '../../shared/config';
import { pageHandler } from '../../shared/http/page';
import { confirmMember } from '../../shared/members/confirm';
import { memberManageLink, memberSuggestionsLink } from '../../shared/members/links';
import { memberConfirmationPage } from '../../shared/members/pages';
import { linkToken } from '../../shared/subscribers/links';
import { invalidLinkPage } from '../../shared/subscribers/pages';
import { verifyToken } from '../../shared/tokens';
import { table } from '../../shared/runtime/table';

// The confirmation page's button. The body is not read: the signed token in the URL is what
// authorizes the change.
export const handler = pageHandler(async (event) => {
  const memberId = await verifyToken('member-confirm', linkToken(event.queryStringParameters));
  if (!memberId) return invalidLinkPage();
  const outcome = await confirmMember(table(), memberId);
  const baseUrl = publicUrl();
  return memberConfirmationPage(outcome, {
    manageUrl: await memberManageLink(baseUrl, memberId),
    suggestionsUrl: await memberSuggestionsLink(baseUrl, memberId),
  });
});
