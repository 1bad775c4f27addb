/**
 * Helpers for tests that run the product as a person does: `npm start` as a child process on
 * free ports.
 */
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

/** The repository's root, where `npm start` runs. */
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A TCP port nothing listens on now, on the loopback address. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Polls `probe` until it answers true; a guard against a hang, not a timing assertion. On
 * giving up it throws with the tail of what the process said.
 */
export async function until(probe: () => boolean | Promise<boolean>, what: string, output: () => string, limitMs = 180_000, everyMs = 100): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!(await Promise.resolve().then(probe).catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}\n--- npm start said ---\n${output().slice(-4000)}`);
    await sleep(everyMs);
  }
}

/** Four free ports for `npm start`: its site and API, SES, DynamoDB and the bus. */
export async function freePorts(): Promise<{ http: number; ses: number; dynamodb: number; events: number }> {
  return { http: await freePort(), ses: await freePort(), dynamodb: await freePort(), events: await freePort() };
}

/** The environment that points `npm start` at `ports` and `dataDir`, with no demo data. */
export function npmStartEnvironment(ports: { http: number; ses: number; dynamodb: number; events: number }, dataDir: string): Record<string, string> {
  return {
    PORT: String(ports.http),
    SES_PORT: String(ports.ses),
    DYNAMODB_PORT: String(ports.dynamodb),
    EVENTS_PORT: String(ports.events),
    DATA_DIR: dataDir,
    SEED_DEMO: '0',
  };
}
