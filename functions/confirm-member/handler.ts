import { config } from '../../shared/config';
import { table } from '../../shared/data/table';
import { pageHandler } from '../../shared/http/page';
import { confirmMember } from '../../shared/members/confirm';
import { memberManageLink, memberSuggestionsLink } from '../../shared/members/links';
import { memberConfirmationPage } from '../../shared/members/pages';
import { linkToken } from '../../shared/subscribers/links';
import { invalidLinkPage } from '../../shared/subscribers/pages';
import { verifyToken } from '../../shared/tokens';

// The confirmation page's button. The body is not read: the signed token in the URL is what
// authorizes the change.
export const handler = pageHandler(async (event) => {
  const memberId = await verifyToken('member-confirm', linkToken(event.queryStringParameters));
  if (!memberId) return invalidLinkPage();
  const outcome = await confirmMember(table(), memberId);
  const publicUrl = config().PUBLIC_URL;
  return memberConfirmationPage(outcome, {
    manageUrl: await memberManageLink(publicUrl, memberId),
    suggestionsUrl: await memberSuggestionsLink(publicUrl, memberId),
  });
});
