/**
 * A bound on aws-ses-v2-local's mailbox. It keeps every message it is sent in one in-memory
 * array for its `/store` page, so a long-running `npm start` (or a 10,000-subscriber digest)
 * grows without end. Every message stays on disk in the outbox (`.eml`, one file each); the
 * mailbox page keeps only the newest ones.
 *
 * The library offers no option for this, so its store's `emails` array is replaced by one that
 * drops the oldest entries past the limit, and stays bounded when `/clear-store` assigns a new
 * array.
 */
import * as sesStore from 'aws-ses-v2-local/dist/store.js';

interface Store {
  emails: unknown[];
}

type StoreModule = { getStoreReadonly?: () => Store; default?: { getStoreReadonly?: () => Store } };

function bounded(list: unknown[], limit: number): unknown[] {
  const push = (...items: unknown[]) => {
    Array.prototype.push.apply(list, items);
    if (list.length > limit) list.splice(0, list.length - limit);
    return list.length;
  };
  Object.defineProperty(list, 'push', { value: push, enumerable: false, configurable: true });
  if (list.length > limit) list.splice(0, list.length - limit);
  return list;
}

/**
 * Keeps at most `limit` messages in the local SES mailbox (the newest).
 *
 * @example
 * boundMailbox(1_000);
 */
export function boundMailbox(limit: number): void {
  const module = sesStore as unknown as StoreModule;
  const getStore = module.getStoreReadonly ?? module.default?.getStoreReadonly;
  if (!getStore) throw new Error('aws-ses-v2-local no longer exposes its store: revisit infra/local/mailbox.ts');
  const store = getStore();
  let emails = bounded(store.emails, limit);
  Object.defineProperty(store, 'emails', {
    configurable: true,
    enumerable: true,
    get: () => emails,
    set: (next: unknown[]) => {
      emails = bounded(next, limit);
    },
  });
}
