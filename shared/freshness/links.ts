/**
 * The signed link of a city's "Still seeking?" confirmation page, and reading it back.
 */
import { signToken, verifyToken } from '../tokens';

/**
 * The signed link of a city's confirmation page.
 *
 * @example
 * const confirmUrl = await listingConfirmLink(publicUrl(), city.id);
 */
export async function listingConfirmLink(publicUrl: string, cityId: string): Promise<string> {
  return `${publicUrl}/api/cities/${encodeURIComponent(cityId)}/confirm-listing?token=${encodeURIComponent(await signToken('listing-confirm', cityId))}`;
}

/**
 * The city a confirmation link acts for: its token must be signed for `listing-confirm` and for
 * the very city of the path (ids are compared as stored, upper case).
 *
 * @returns the city id, or `undefined` for a forged, altered, foreign or missing token
 * @example
 * const cityId = await listingTokenCityId(event.pathParameters?.id, linkToken(event.queryStringParameters));
 */
export async function listingTokenCityId(pathId: string | undefined, token: string): Promise<string | undefined> {
  const cityId = await verifyToken('listing-confirm', token);
  return cityId !== undefined && cityId === pathId?.toUpperCase() ? cityId : undefined;
}
