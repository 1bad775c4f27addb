/**
 * The local bus's memory on disk: every accepted event that still has targets to reach, with
 * each target's tries so far and when it is due next.
 *
 * EventBridge keeps an accepted event until every rule target has taken it or it is a dead
 * letter; a process that held them only in memory would lose them on a crash (they were
 * acknowledged, so no producer sends them again). One file per event, written to a temporary
 * name, flushed and renamed, so a reader only ever sees a whole record; removed once every
 * target is done.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';

/** One target's progress on one held event. */
const targetProgressSchema = z.object({
  /** Tries made so far (0: not tried yet). */
  attempts: z.number().int().min(0),
  /** Epoch milliseconds of the next try. */
  dueAt: z.number(),
});

const heldEventSchema = z.object({
  /** The bus the event was put on: this endpoint's own, or the account's `default` bus. */
  bus: z.enum(['own', 'default']),
  event: z.object({ id: z.string().min(1), 'detail-type': z.string(), detail: z.record(z.string(), z.unknown()) }).loose(),
  targets: z.record(z.string(), targetProgressSchema),
});

export type TargetProgress = z.infer<typeof targetProgressSchema>;
export type HeldEvent = z.infer<typeof heldEventSchema>;

export interface BusJournal {
  /** Every held event, as the last run left them; unreadable files are reported and skipped. */
  load(): Promise<{ held: HeldEvent[]; unreadable: string[] }>;
  /** Writes records and resolves once each is flushed to disk. */
  hold(records: readonly HeldEvent[]): Promise<void>;
  /** Replaces the record of one event (`undefined` removes it); writes of one event run in order. */
  update(eventId: string, record: HeldEvent | undefined): Promise<void>;
  /** Resolves once every update started so far is written. */
  flushed(): Promise<void>;
}

const fileName = (eventId: string) => `${eventId.replace(/[^A-Za-z0-9-]/g, '_')}.json`;

async function writeDurably(path: string, text: string): Promise<void> {
  const temporary = `${path}.${randomUUID()}.tmp`;
  const handle = await open(temporary, 'w', 0o600);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, path);
}

/**
 * A journal in `directory` (created if missing).
 *
 * @example
 * const journal = fileJournal('.data/bus');
 * const { held } = await journal.load();
 */
export function fileJournal(directory: string): BusJournal {
  const chains = new Map<string, Promise<void>>();
  let ready: Promise<unknown> | undefined;
  const ensureDirectory = () => (ready ??= mkdir(directory, { recursive: true }));

  const write = async (eventId: string, record: HeldEvent | undefined) => {
    await ensureDirectory();
    const path = join(directory, fileName(eventId));
    if (record) await writeDurably(path, JSON.stringify(record));
    else await rm(path, { force: true });
  };

  return {
    async load() {
      await ensureDirectory();
      const held: HeldEvent[] = [];
      const unreadable: string[] = [];
      for (const name of (await readdir(directory)).sort()) {
        const path = join(directory, name);
        // A temporary file is a write the crash interrupted; its event's last whole record stands.
        if (name.endsWith('.tmp')) {
          await rm(path, { force: true });
          continue;
        }
        if (!name.endsWith('.json')) continue;
        try {
          held.push(heldEventSchema.parse(JSON.parse(await readFile(path, 'utf8'))));
        } catch {
          unreadable.push(path);
        }
      }
      return { held, unreadable };
    },
    async hold(records) {
      await Promise.all(records.map((record) => this.update(record.event.id, record)));
    },
    update(eventId, record) {
      const previous = chains.get(eventId) ?? Promise.resolve();
      const next = previous.then(() => write(eventId, record));
      const settled = next.catch(() => undefined);
      chains.set(eventId, settled);
      void settled.then(() => {
        if (chains.get(eventId) === settled) chains.delete(eventId);
      });
      return next;
    },
    async flushed() {
      await Promise.all([...chains.values()]);
    },
  };
}
