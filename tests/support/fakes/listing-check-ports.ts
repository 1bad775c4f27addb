/**
 * The ports of the month's listing check in memory: city items, the SEEKING listing they are
 * projected into, the checkpoints, delivery records and a mailer, each with the semantics of
 * its table-backed counterpart in `tableListingCheckPorts`:
 *
 * - the SEEKING listing changes only when a city is (re-)synced, as `syncDirectory` does, so a
 *   city item changed behind the listing's back stays listed until then;
 * - `seekingPage` reads the listing by name, `pageSize` ids a page, and like a DynamoDB query
 *   with a limit gives a `nextKey` whenever the page is full (the page after may be empty);
 * - `updateIfUnchanged` applies only to a city still approved and seeking whose confirmation
 *   and request times are those it was read with (`updateCityIfUnchanged`);
 * - `deliver` is the real delivery rule (`deliverThrough`) on in-memory delivery records,
 *   taking its lease at the injected clock, as `deliverOnce` does at `new Date()`.
 */
import type { City } from '../../../shared/cities/schema';
import type { PageKey } from '../../../shared/data/table';
import { deliverThrough, type DeliveryLease } from '../../../shared/email/deliveries';
import type { EmailMessage } from '../../../shared/email/message';
import type { ListingCheckPorts } from '../../../shared/freshness/check';
import { InMemoryDeliveryRecords } from './delivery-records';
import { InMemoryListingCheckpoints } from './listing-checkpoints';

export interface InMemoryListingCheckOptions {
  /** The clock deliveries take their lease at (default: the real one). */
  now?: () => Date;
  /** Cities per page of the SEEKING listing (default 25, as in production). */
  pageSize?: number;
  coordinatorEmail?: string;
  publicUrl?: string;
}

/** One email the mailer accepted. */
export interface SentEmail {
  message: EmailMessage;
  messageId: string;
}

const copy = <T>(value: T): T => structuredClone(value);
const listingKey = (city: Pick<City, 'nameKey' | 'id'>) => `${city.nameKey}#${city.id}`;

export class InMemoryListingCheckPorts implements ListingCheckPorts {
  readonly checkpoints = new InMemoryListingCheckpoints();
  readonly deliveries = new InMemoryDeliveryRecords();
  readonly coordinatorEmail: string;
  readonly publicUrl: string;
  /** What the mailer accepted, in order. */
  readonly sent: SentEmail[] = [];
  /** Where each page of the SEEKING listing was read from, in order. */
  readonly pageReads: Array<PageKey | undefined> = [];
  /** Recipients the mailer fails for (SES refusing or down), until removed. */
  readonly failingRecipients = new Set<string>();
  /** Runs once, just before the next conditional update of a city (something landing meanwhile). */
  beforeNextUpdate: (() => void) | undefined;

  private readonly cities = new Map<string, City>();
  /** The SEEKING listing: city id → its sort key (`<nameKey>#<id>`). */
  private readonly seekingListing = new Map<string, string>();
  private readonly now: () => Date;
  private readonly pageSize: number;
  private messages = 0;

  constructor(options: InMemoryListingCheckOptions = {}) {
    this.now = options.now ?? (() => new Date());
    this.pageSize = options.pageSize ?? 25;
    this.coordinatorEmail = options.coordinatorEmail ?? 'coordinator@example.org';
    this.publicUrl = options.publicUrl ?? 'http://localhost:3000';
  }

  // ——— the ports ———

  async seekingPage(startKey: PageKey | undefined): Promise<{ ids: string[]; nextKey?: PageKey }> {
    this.pageReads.push(startKey ? copy(startKey) : undefined);
    const after = typeof startKey?.gsi1sk === 'string' ? startKey.gsi1sk : undefined;
    const entries = [...this.seekingListing]
      .filter(([, key]) => after === undefined || key > after)
      .sort(([, a], [, b]) => a.localeCompare(b))
      .slice(0, this.pageSize);
    const last = entries.at(-1);
    return { ids: entries.map(([id]) => id), ...(entries.length === this.pageSize && last ? { nextKey: { gsi1sk: last[1] } } : {}) };
  }

  async getCities(ids: string[]): Promise<City[]> {
    return ids.flatMap((id) => {
      const city = this.cities.get(id);
      return city ? [copy(city)] : [];
    });
  }

  async updateIfUnchanged(city: City, set: Record<string, unknown>): Promise<City | undefined> {
    const meanwhile = this.beforeNextUpdate;
    this.beforeNextUpdate = undefined;
    meanwhile?.();
    const stored = this.cities.get(city.id);
    const unchanged =
      stored !== undefined &&
      stored.status === 'approved' &&
      stored.seeking === true &&
      stored.listingConfirmedAt === city.listingConfirmedAt &&
      stored.listingReminderSentAt === city.listingReminderSentAt;
    if (!unchanged) return undefined;
    const defined = Object.fromEntries(Object.entries(set).filter(([, value]) => value !== undefined));
    const updated = { ...stored, ...copy(defined) } as City;
    this.cities.set(city.id, updated);
    return copy(updated);
  }

  async syncListings(city: City): Promise<void> {
    this.project(city);
  }

  deliver(cause: string, send: (lease: DeliveryLease) => Promise<{ messageId: string }>): Promise<'sent' | 'duplicate'> {
    return deliverThrough(this.deliveries, cause, send, this.now());
  }

  async send(message: EmailMessage, _lease: DeliveryLease): Promise<{ messageId: string }> {
    const refused = message.to.find((address) => this.failingRecipients.has(address));
    if (refused) throw new Error(`The mailer is failing for ${refused}`);
    const messageId = `fake-message-${++this.messages}`;
    this.sent.push({ message: copy(message), messageId });
    return { messageId };
  }

  // ——— what a test arranges and reads ———

  /** Stores a city and syncs its listings, as approval does. */
  putCity(city: City): void {
    this.cities.set(city.id, copy(city));
    this.project(city);
  }

  /** Changes a city item only; its listings stay as they were (as a direct table write would). */
  setCity(id: string, fields: Partial<City>): void {
    const stored = this.cities.get(id);
    if (!stored) throw new Error(`no city ${id}`);
    this.cities.set(id, { ...stored, ...copy(fields) });
  }

  /** The button on the "Still seeking?" page, as `confirmCityListing`: only while approved and seeking. */
  confirm(id: string, at: Date): boolean {
    const stored = this.cities.get(id);
    if (stored?.status !== 'approved' || !stored.seeking) return false;
    this.cities.set(id, { ...stored, listingConfirmedAt: at.toISOString() });
    return true;
  }

  /** The stored city (a copy). */
  city(id: string): City | undefined {
    const city = this.cities.get(id);
    return city ? copy(city) : undefined;
  }

  /** The ids in the SEEKING listing. */
  seekingIds(): string[] {
    return [...this.seekingListing.keys()];
  }

  /** What the mailer sent to `address`. */
  sentTo(address: string): EmailMessage[] {
    return this.sent.filter((email) => email.message.to.includes(address)).map((email) => email.message);
  }

  private project(city: City): void {
    if (city.status === 'approved' && city.seeking) this.seekingListing.set(city.id, listingKey(city));
    else this.seekingListing.delete(city.id);
  }
}
