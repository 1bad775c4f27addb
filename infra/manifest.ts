/**
 * The one declaration of the program's functions and their triggers.
 *
 * The CDK stack builds a `NodejsFunction`, its route, rule or schedule and its grants from each
 * entry; the local runner (`npm start`) wires the very same handler files to its HTTP server,
 * bus and scheduler. Nothing here is written twice, so local and cloud cannot drift.
 */
import { patternFor, type DetailType } from '../shared/events/contracts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type Trigger =
  /** An HTTP API route; `{name}` segments become path parameters. */
  | { kind: 'http'; method: HttpMethod; path: string; auth?: 'coordinator' }
  /** An EventBridge rule on the program's bus. */
  | { kind: 'event'; detailTypes: DetailType[] }
  /** An EventBridge Scheduler schedule: `rate(…)` or `cron(…)`, in `timezone` (default UTC). */
  | { kind: 'schedule'; expression: string; timezone?: string };

/** What a function may touch; the stack grants exactly this and nothing more. */
export interface Access {
  table?: 'read' | 'readwrite';
  /** May put events on the program's bus. */
  bus?: boolean;
  /** May send email from the sender identity. */
  ses?: boolean;
  /** May describe the table, the bus and the SES account (the health check). */
  describe?: boolean;
}

export interface FunctionSpec {
  /** Kebab-case name; also the folder under `functions/`. */
  name: string;
  description: string;
  trigger: Trigger;
  access: Access;
  timeoutSeconds?: number;
  memoryMb?: number;
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
    access: { table: 'readwrite', ses: true },
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

/** Every event-triggered function, with its pattern. */
export function eventSubscriptions(specs: readonly FunctionSpec[] = FUNCTIONS) {
  return specs.flatMap((spec) =>
    spec.trigger.kind === 'event' ? [{ spec, pattern: eventPatternOf(spec.trigger) }] : [],
  );
}
