/**
 * Asking for a member profile: the rules of `POST /api/members`.
 *
 * The caller always gets the same answer (202), whatever the address's state, so the route
 * cannot be used to find out who is a member. What happens depends on that state:
 *
 *   no member    → pending with this profile, and a confirmation email
 *   pending      → the profile replaced by this request, and another confirmation — at most once
 *                  per RESEND_AFTER_MS (inside it, nothing changes)
 *   active       → the profile is NOT changed (anyone can send the form); the member is emailed
 *                  their manage link instead, at most once per RESEND_AFTER_MS
 *   suppressed   → nothing: the address bounced or complained and is never mailed again
 */
import type { Table } from '../data/table';
import { isSuppressed } from '../email/suppression-list';
import { outboxAttributes, publishFromOutbox } from '../events/outbox';
import type { EventPublisher } from '../events/publisher';
import { RESEND_AFTER_MS } from '../subscribers/subscribe';
import { memberIdOf } from './identity';
import { memberKey, putPendingMember, rerequestMember } from './repository';
import type { MemberRequest } from './schema';

export interface MemberRequestDeps extends Table {
  publisher: EventPublisher;
  now?: () => Date;
}

/** What a request did; for logs and tests only — the client never sees it. */
export type MemberRequestOutcome = 'created' | 'requested-again' | 'unchanged';

/**
 * Records a profile request and, when the state allows it, announces `MemberRequested`
 * through the member's outbox (a bus failure delays the email but never loses it).
 *
 * @example
 * await requestMembership({ ...table(), publisher: busPublisher() }, parseJsonBody(event, memberRequestSchema));
 */
export async function requestMembership(deps: MemberRequestDeps, request: MemberRequest): Promise<MemberRequestOutcome> {
  const now = (deps.now ?? (() => new Date()))();
  const requestedAt = now.toISOString();
  const id = memberIdOf(request.email);
  if (await isSuppressed(deps, request.email)) return 'unchanged';

  const outbox = outboxAttributes([{ detailType: 'MemberRequested', detail: { memberId: id, requestedAt } }], now);
  const created = await putPendingMember(
    deps,
    {
      id,
      email: request.email,
      name: request.name,
      state: request.state,
      population: request.population,
      interests: request.interests,
      regions: request.regions,
      alertsOptOut: false,
      status: 'pending',
      createdAt: requestedAt,
      lastRequestedAt: requestedAt,
    },
    outbox,
  );
  const recorded =
    created || (await rerequestMember(deps, request, { requestedAt, resendAfter: new Date(now.getTime() - RESEND_AFTER_MS).toISOString() }, outbox));
  if (!recorded) return 'unchanged';
  await publishFromOutbox(deps, memberKey(id), outbox);
  return created ? 'created' : 'requested-again';
}
