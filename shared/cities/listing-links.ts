/**
 * The signed link to a city's manage page, and reading its token back. The token signs the
 * city id for `listing-manage` (`shared/tokens.ts`): it does nothing anywhere else (a
 * `listing-confirm` token never manages a listing, and this one never confirms), and, like
 * every link token, it does not expire, so the link is the same in every email to the contact.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { ValidationError } from '../errors';
import { linkToken } from '../subscribers/links';
import { signToken, verifyToken } from '../tokens';

/**
 * The link to the page where a city's contact edits its listing (`/cities/{id}/manage`, a page
 * of the site whose script calls `GET`/`PUT /api/cities/{id}/listing` with the same token).
 *
 * @example
 * const manageUrl = await listingManageLink(publicUrl(), city.id);
 */
export async function listingManageLink(publicUrl: string, cityId: string): Promise<string> {
  return `${publicUrl}/cities/${encodeURIComponent(cityId)}/manage?token=${encodeURIComponent(await signToken('listing-manage', cityId))}`;
}

/**
 * The city a request's manage token acts for: signed for `listing-manage` and for the very city
 * of the path (ids are compared as stored, upper case). Checked before anything else is read,
 * so a forged link learns nothing and changes nothing.
 *
 * @throws ValidationError (400, at `token`) for a missing, forged, altered or foreign token
 * @example
 * const cityId = await authorizedListingCityId(event);
 */
export async function authorizedListingCityId(event: Pick<APIGatewayProxyEventV2, 'pathParameters' | 'queryStringParameters'>): Promise<string> {
  const cityId = await verifyToken('listing-manage', linkToken(event.queryStringParameters));
  if (cityId === undefined || cityId !== event.pathParameters?.id?.toUpperCase()) {
    throw new ValidationError([{ path: 'token', message: 'is not a valid link to this listing; please open the link from our most recent email again' }]);
  }
  return cityId;
}
