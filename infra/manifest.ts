/**
 * The one declaration of the program's functions and their triggers.
 *
 * The CDK stack builds a `NodejsFunction`, its route, rule or schedule and its grants from each
 * entry; the local runner (`npm start`) wires the very same handler files to its HTTP server,
 * bus and scheduler, with each entry's environment and timeout. Order does not matter: routes
 * are matched by specificity, as API Gateway does. Nothing here is written twice, so local and cloud cannot drift.
 */
import { patternFor, type DetailType } from '../shared/events/contracts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type Trigger =
  /** An HTTP API route; `{name}` segments become path parameters. */
  | { kind: 'http'; method: HttpMethod; path: string; auth?: 'coordinator' }
  /** An EventBridge rule on the program's bus. */
  | { kind: 'event'; detailTypes: DetailType[] }
  /** An EventBridge Scheduler schedule: `rate(…)` or `cron(…)`, in `timezone` (default UTC). */
  | { kind: 'schedule'; expression: string; timezone?: string }
  /**
   * SES bounce and complaint events, which SES's configuration set publishes to the account's
   * default bus (the only bus SES can publish to).
   */
  | { kind: 'email-feedback' };

/** What a function may touch; the stack grants exactly this and nothing more. */
export interface Access {
  table?: 'read' | 'readwrite';
  /** May put events on the program's bus. */
  bus?: boolean;
  /** May send email from the sender identity. */
  ses?: boolean;
  /** May describe the table, the bus and the SES account (the health check). */
  describe?: boolean;
  /** May read the token-signing secret (subscription and unsubscribe links). */
  secret?: boolean;
}

export interface FunctionSpec {
  /** Kebab-case name; also the folder under `functions/`. */
  name: string;
  description: string;
  trigger: Trigger;
  access: Access;
  timeoutSeconds?: number;
  memoryMb?: number;
  /** Caps parallel invocations in AWS (e.g. to pace sending within the SES quota). */
  reservedConcurrency?: number;
  /**
   * Function-specific configuration, set on the function in AWS and on its local container (where
   * a variable set in the local process's own environment overrides it).
   */
  environment?: Record<string, string>;
}

export const FUNCTIONS = [
  {
    name: 'health',
    description: 'Answers 200 when the table, the bus and SES all answer',
    trigger: { kind: 'http', method: 'GET', path: '/api/health' },
    access: { describe: true },
  },
  {
    name: 'list-interests',
    description: 'Lists the interest ids with their labels',
    trigger: { kind: 'http', method: 'GET', path: '/api/interests' },
    access: {},
  },
  {
    name: 'register-city',
    description: 'Stores a city registration as pending and announces CityRegistered',
    trigger: { kind: 'http', method: 'POST', path: '/api/cities' },
    access: { table: 'readwrite', bus: true },
  },
  {
    name: 'notify-city-registered',
    description: 'Emails the coordinator about a new registration and acknowledges it to the contact',
    trigger: { kind: 'event', detailTypes: ['CityRegistered'] },
    access: { table: 'readwrite', ses: true },
  },
  {
    name: 'list-cities',
    description: 'City Search: one page of approved cities matching the filters, by name',
    trigger: { kind: 'http', method: 'GET', path: '/api/cities' },
    access: { table: 'read' },
  },
  {
    name: 'get-city',
    description: 'One public city',
    trigger: { kind: 'http', method: 'GET', path: '/api/cities/{id}' },
    access: { table: 'read' },
  },
  {
    name: 'submit-inquiry',
    description: 'Stores an inquiry about a public city and announces InquirySubmitted',
    trigger: { kind: 'http', method: 'POST', path: '/api/cities/{id}/inquiries' },
    access: { table: 'readwrite', bus: true },
  },
  {
    name: 'notify-inquiry-submitted',
    description: 'Emails the responsible coordinator about an inquiry and acknowledges it to the inquirer',
    trigger: { kind: 'event', detailTypes: ['InquirySubmitted'] },
    access: { table: 'readwrite', ses: true },
  },
  {
    name: 'admin-list-cities',
    description: 'Coordinators: cities by review status, with contacts',
    trigger: { kind: 'http', method: 'GET', path: '/api/admin/cities', auth: 'coordinator' },
    access: { table: 'read' },
  },
  {
    name: 'admin-approve-city',
    description: 'Coordinators: approves a pending city and announces CityApproved',
    trigger: { kind: 'http', method: 'POST', path: '/api/admin/cities/{id}/approve', auth: 'coordinator' },
    access: { table: 'readwrite', bus: true },
  },
  {
    name: 'admin-reject-city',
    description: 'Coordinators: rejects a pending city with a reason and announces CityRejected',
    trigger: { kind: 'http', method: 'POST', path: '/api/admin/cities/{id}/reject', auth: 'coordinator' },
    access: { table: 'readwrite', bus: true },
  },
  {
    name: 'admin-update-city',
    description: "Coordinators: sets a city's seeking flag",
    trigger: { kind: 'http', method: 'PATCH', path: '/api/admin/cities/{id}', auth: 'coordinator' },
    access: { table: 'readwrite' },
  },
  {
    name: 'admin-list-inquiries',
    description: 'Coordinators: inquiries, newest first, optionally for one city',
    trigger: { kind: 'http', method: 'GET', path: '/api/admin/inquiries', auth: 'coordinator' },
    access: { table: 'read' },
  },
  {
    name: 'notify-city-reviewed',
    description: "Tells a city's contact that it was approved or, with the reason, rejected",
    trigger: { kind: 'event', detailTypes: ['CityApproved', 'CityRejected'] },
    // The secret signs the manage link in the approval email.
    access: { table: 'readwrite', ses: true, secret: true },
  },
  {
    name: 'subscribe',
    description: 'Takes a digest subscription request; always 202, the confirmation link does the rest',
    trigger: { kind: 'http', method: 'POST', path: '/api/subscriptions' },
    access: { table: 'readwrite', bus: true },
  },
  {
    name: 'send-subscription-confirmation',
    description: 'Emails the double opt-in confirmation link',
    trigger: { kind: 'event', detailTypes: ['SubscriptionRequested'] },
    access: { table: 'readwrite', ses: true, secret: true },
  },
  {
    name: 'confirm-subscription-page',
    description: 'The confirmation link: a page whose button POSTs; a GET never confirms',
    trigger: { kind: 'http', method: 'GET', path: '/api/subscriptions/confirm' },
    access: { table: 'read', secret: true },
  },
  {
    name: 'confirm-subscription',
    description: 'The confirmation button: activates the subscriber and answers with a page',
    trigger: { kind: 'http', method: 'POST', path: '/api/subscriptions/confirm' },
    access: { table: 'readwrite', secret: true },
  },
  {
    name: 'unsubscribe',
    description: 'One-click unsubscribe (RFC 8058 POST); takes effect at once',
    trigger: { kind: 'http', method: 'POST', path: '/api/unsubscribe' },
    access: { table: 'readwrite', secret: true },
  },
  {
    name: 'unsubscribe-page',
    description: 'The unsubscribe page: a button that POSTs; a GET never unsubscribes',
    trigger: { kind: 'http', method: 'GET', path: '/unsubscribe' },
    access: { table: 'read', secret: true },
  },
  {
    name: 'submit-member',
    description: 'Takes a member profile request; always 202, the confirmation link does the rest',
    trigger: { kind: 'http', method: 'POST', path: '/api/members' },
    access: { table: 'readwrite', bus: true },
  },
  {
    name: 'send-member-confirmation',
    description: "Emails a member's double opt-in link (or, when already active, the manage link)",
    trigger: { kind: 'event', detailTypes: ['MemberRequested'] },
    access: { table: 'readwrite', ses: true, secret: true },
  },
  {
    name: 'confirm-member-page',
    description: 'The member confirmation link: a page whose button POSTs; a GET never confirms',
    trigger: { kind: 'http', method: 'GET', path: '/api/members/confirm' },
    access: { table: 'read', secret: true },
  },
  {
    name: 'confirm-member',
    description: 'The member confirmation button: activates the profile and shows the manage link',
    trigger: { kind: 'http', method: 'POST', path: '/api/members/confirm' },
    access: { table: 'readwrite', secret: true },
  },
  {
    name: 'get-member',
    description: "A member's profile, through the signed manage link",
    trigger: { kind: 'http', method: 'GET', path: '/api/members/{id}' },
    access: { table: 'readwrite', secret: true },
  },
  {
    name: 'update-member',
    description: "Changes a member's profile, through the signed manage link",
    trigger: { kind: 'http', method: 'PUT', path: '/api/members/{id}' },
    access: { table: 'readwrite', secret: true },
  },
  {
    name: 'member-suggestions',
    description: 'The seeking cities that fit a member best, with reasons',
    trigger: { kind: 'http', method: 'GET', path: '/api/members/{id}/suggestions' },
    access: { table: 'read', secret: true },
    // Reads every seeking city's listing (100 a Query): seconds at tens of thousands of cities.
    timeoutSeconds: 30,
  },
  {
    name: 'admin-list-members',
    description: 'Coordinators: members by status',
    trigger: { kind: 'http', method: 'GET', path: '/api/admin/members', auth: 'coordinator' },
    access: { table: 'read' },
  },
  {
    name: 'admin-city-suggestions',
    description: 'Coordinators: the active members a city fits best, with reasons',
    trigger: { kind: 'http', method: 'GET', path: '/api/admin/cities/{id}/suggestions', auth: 'coordinator' },
    access: { table: 'read' },
    timeoutSeconds: 30,
  },
  {
    name: 'suppress-address',
    description: 'Suppresses addresses that bounced or complained, so they are never mailed again',
    trigger: { kind: 'email-feedback' },
    access: { table: 'readwrite' },
  },
  {
    name: 'rollover',
    description: 'At 09:00 New York time on the 1st, announces MonthRolledOver',
    trigger: { kind: 'schedule', expression: 'cron(0 9 1 * ? *)', timezone: 'America/New_York' },
    access: { bus: true },
  },
  {
    name: 'assemble-digest',
    description: "Chooses and records the month's featured cities once, then announces DigestAssembled",
    trigger: { kind: 'event', detailTypes: ['MonthRolledOver'] },
    access: { table: 'readwrite', bus: true, ses: true },
    timeoutSeconds: 60,
  },
  {
    name: 'check-listings',
    description: 'Asks cities whose listing was last confirmed over a year ago whether they still seek, once a month; unanswered for 60 days, a listing stops showing as seeking',
    trigger: { kind: 'event', detailTypes: ['MonthRolledOver'] },
    access: { table: 'readwrite', ses: true, secret: true },
    timeoutSeconds: 300,
  },
  {
    name: 'confirm-listing-page',
    description: 'The listing confirmation page: a button that POSTs; a GET never confirms',
    trigger: { kind: 'http', method: 'GET', path: '/api/cities/{id}/confirm-listing' },
    access: { table: 'read', secret: true },
  },
  {
    name: 'confirm-listing',
    description: 'The listing confirmation button: records that the city is still seeking',
    trigger: { kind: 'http', method: 'POST', path: '/api/cities/{id}/confirm-listing' },
    access: { table: 'readwrite', secret: true },
  },
  {
    name: 'get-city-listing',
    description: "A city's listing as its contact may edit it, through the signed manage link",
    trigger: { kind: 'http', method: 'GET', path: '/api/cities/{id}/listing' },
    access: { table: 'read', secret: true },
  },
  {
    name: 'update-city-listing',
    description: "Changes a city's listing through the signed manage link (public at once) and announces CityListingChanged",
    trigger: { kind: 'http', method: 'PUT', path: '/api/cities/{id}/listing' },
    access: { table: 'readwrite', bus: true, secret: true },
  },
  {
    name: 'report-partner-found',
    description: 'A city\'s contact reports "We found a partner": the city stops seeking and CityPartnerFound is announced',
    trigger: { kind: 'http', method: 'POST', path: '/api/cities/{id}/partner-found' },
    access: { table: 'readwrite', bus: true, secret: true },
  },
  {
    name: 'notify-listing-managed',
    description: "Tells the city's coordinator what its contact changed in the listing (before → after), or that it found a partner",
    trigger: { kind: 'event', detailTypes: ['CityListingChanged', 'CityPartnerFound'] },
    access: { table: 'readwrite', ses: true },
  },
  {
    name: 'match-approved-city',
    description: 'Queues an approved city for the weekly alert of every member it fits (and who did not opt out)',
    trigger: { kind: 'event', detailTypes: ['CityApproved'] },
    access: { table: 'readwrite' },
    timeoutSeconds: 120,
  },
  {
    name: 'send-member-alerts',
    description: 'Mondays at 14:00 New York time, emails each member with queued cities one alert listing them',
    trigger: { kind: 'schedule', expression: 'cron(0 14 ? * MON *)', timezone: 'America/New_York' },
    access: { table: 'readwrite', ses: true, secret: true },
    timeoutSeconds: 300,
  },
  {
    name: 'plan-digest-delivery',
    description: "Splits the month's active subscribers into DigestBatchReady batches",
    trigger: { kind: 'event', detailTypes: ['DigestAssembled'] },
    access: { table: 'readwrite', bus: true },
    timeoutSeconds: 300,
  },
  {
    name: 'send-digest-batch',
    description: 'Sends one batch of digests, paced, each (month, subscriber) exactly once',
    trigger: { kind: 'event', detailTypes: ['DigestBatchReady'] },
    access: { table: 'readwrite', ses: true, secret: true },
    timeoutSeconds: 120,
    // Two invocations at 7 messages a second each: the 14/s of a new SES production account.
    reservedConcurrency: 2,
    environment: { DIGEST_SEND_RATE: '7' },
  },
  {
    name: 'list-digests',
    description: 'The digest archive, newest first',
    trigger: { kind: 'http', method: 'GET', path: '/api/digests' },
    access: { table: 'read' },
  },
  {
    name: 'digest-web-version',
    description: 'A digest as a web page ("View this email in your browser")',
    trigger: { kind: 'http', method: 'GET', path: '/digests/{month}' },
    access: { table: 'read' },
  },
  {
    name: 'admin-pin-digest-cities',
    description: 'Coordinators: pins up to three cities for a coming month',
    trigger: { kind: 'http', method: 'PUT', path: '/api/admin/digests/{month}/pins', auth: 'coordinator' },
    access: { table: 'readwrite' },
  },
  {
    name: 'admin-set-spotlight',
    description: "Coordinators: sets a month's Best Practice Spotlight",
    trigger: { kind: 'http', method: 'PUT', path: '/api/admin/digests/{month}/spotlight', auth: 'coordinator' },
    access: { table: 'readwrite' },
  },
  {
    name: 'admin-preview-digest',
    description: "Coordinators: the month's digest HTML as it would go out, without side effects",
    trigger: { kind: 'http', method: 'GET', path: '/api/admin/digests/{month}/preview', auth: 'coordinator' },
    access: { table: 'read' },
  },
  {
    name: 'check-digest-delivery',
    description: "Hourly: finishes a month's digest delivery that was interrupted (planning unfinished, subscribers without a delivery record); a day late, it alarms",
    trigger: { kind: 'schedule', expression: 'rate(1 hour)' },
    access: { table: 'readwrite', bus: true },
    timeoutSeconds: 300,
  },
  {
    name: 'sweep-outbox',
    description: 'Re-publishes events whose first publication was not confirmed',
    trigger: { kind: 'schedule', expression: 'rate(5 minutes)' },
    access: { table: 'readwrite', bus: true },
    timeoutSeconds: 60,
  },
] as const satisfies readonly FunctionSpec[];

export type FunctionName = (typeof FUNCTIONS)[number]['name'];

/** The handler file of a function, relative to the repository root. */
export function handlerEntry(spec: Pick<FunctionSpec, 'name'>): string {
  return `functions/${spec.name}/handler.ts`;
}

/** The EventBridge pattern of an event-triggered function. */
export function eventPatternOf(trigger: Extract<Trigger, { kind: 'event' }>) {
  return patternFor(trigger.detailTypes);
}

/**
 * The pattern of SES bounce and complaint events on the default bus (the detail types SES's
 * event publishing uses for EventBridge).
 */
export const EMAIL_FEEDBACK_PATTERN = {
  source: ['aws.ses'],
  'detail-type': ['Email Bounced', 'Email Complaint Received'],
};

/** Lambda's timeout and memory where an entry sets none; the CDK stack and the local runner use both. */
export const FUNCTION_DEFAULTS = { timeoutSeconds: 10, memoryMb: 256 } as const;

/** Each function with its trigger narrowed to one kind, for whoever wires that kind. */
type SpecWith<K extends Trigger['kind']> = FunctionSpec & { trigger: Extract<Trigger, { kind: K }> };

function withTrigger<K extends Trigger['kind']>(kind: K, specs: readonly FunctionSpec[]): Array<SpecWith<K>> {
  return specs.filter((spec): spec is SpecWith<K> => spec.trigger.kind === kind);
}

/** Every HTTP-triggered function with its route. */
export function httpRoutes(specs: readonly FunctionSpec[] = FUNCTIONS) {
  return withTrigger('http', specs);
}

/** Every event-triggered function, with its pattern. */
export function eventSubscriptions(specs: readonly FunctionSpec[] = FUNCTIONS) {
  return withTrigger('event', specs).map((spec) => ({ spec, pattern: eventPatternOf(spec.trigger) }));
}

/** Every scheduled function. */
export function scheduledFunctions(specs: readonly FunctionSpec[] = FUNCTIONS) {
  return withTrigger('schedule', specs);
}

/** Every function that handles SES bounces and complaints from the default bus, with its pattern. */
export function emailFeedbackSubscriptions(specs: readonly FunctionSpec[] = FUNCTIONS) {
  return withTrigger('email-feedback', specs).map((spec) => ({ spec, pattern: EMAIL_FEEDBACK_PATTERN }));
}
