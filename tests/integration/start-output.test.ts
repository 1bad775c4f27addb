/**
 * What `npm start` prints, run as a person runs it (a child process on free ports with its own
 * DATA_DIR): the start-up summary first, then one human line per request and event with
 * LOG_FORMAT=pretty, or the JSON log lines when its output is not a terminal.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePorts, npmStartEnvironment, REPO_ROOT, sleep, until } from '../support/processes';

const SUMMARY = /^Cities Seeking Cities is running locally \(data in .*\)\.$/;

/**
 * Runs `npm start` with `env` (and no LOG_FORMAT unless given), polls its health until it
 * answers (so requests come in while it is still starting), waits for the summary, runs `act`
 * against it, stops it with SIGINT and answers what it printed: stdout without npm's own banner,
 * and stderr.
 */
async function npmStart(env: Record<string, string>, act: (api: string, stdout: () => string) => Promise<void>) {
  const ports = await freePorts();
  const dataDir = await mkdtemp(join(tmpdir(), 'start-output-'));
  const { LOG_FORMAT: _ignored, ...inherited } = process.env;
  const child = spawn('npm', ['start'], {
    cwd: REPO_ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...inherited,
      ...npmStartEnvironment(ports, dataDir),
      LOG_LEVEL: 'info',
      ...env,
    },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const closed = new Promise((resolve) => child.once('close', resolve));
  const said = () => `${stdout}\n--- stderr ---\n${stderr}`;
  const api = `http://127.0.0.1:${ports.http}`;
  try {
    await until(async () => (await fetch(`${api}/api/health`)).ok, 'npm start to answer', said, 90_000);
    await until(() => stdout.includes('Press Ctrl-C to stop.'), 'the summary', said, 90_000);
    await act(api, () => stdout);
  } finally {
    process.kill(-child.pid!, 'SIGINT');
    const stopped = await Promise.race([closed.then(() => true), sleep(30_000).then(() => false)]);
    if (!stopped) process.kill(-child.pid!, 'SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  }
  // npm's own banner (`> cities-seeking-cities@… start`, `> tsx …`) is npm's, not ours.
  const lines = stdout.split('\n').filter((text) => text.trim() !== '' && !text.startsWith('> '));
  return { lines, stderr };
}

async function register(api: string, name: string): Promise<number> {
  const response = await fetch(`${api}/api/cities`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      name,
      country: 'LA',
      population: 80_000,
      description: 'A river town seeking a U.S. partner for school exchanges.',
      interests: ['education'],
      contact: { name: 'Contact Person', email: 'contact@town.example.org' },
    }),
  });
  return response.status;
}

function jsonRequestLines(text: string): Array<Record<string, unknown>> {
  return text.split('\n').flatMap((line) => {
    try {
      const entry = JSON.parse(line) as Record<string, unknown>;
      return entry.message === 'request' ? [entry] : [];
    } catch {
      return [];
    }
  });
}

describe('npm start output', () => {
  it('prints the summary first, then one human line per request and event with LOG_FORMAT=pretty', { timeout: 150_000 }, async () => {
    // Prepare
    let status = 0;

    // Act
    const { lines, stderr } = await npmStart({ LOG_FORMAT: 'pretty' }, async (api, stdout) => {
      status = await register(api, 'Pakxan');
      await until(() => stdout().includes('CityRegistered → notify-city-registered ok'), 'the event line', stdout);
    });

    // Assess
    expect(status).toBe(201);
    expect(lines[0]).toMatch(SUMMARY);
    const summaryEnd = lines.indexOf('Press Ctrl-C to stop.');
    expect(summaryEnd).toBeGreaterThan(0);
    // The health checks answered while it was starting come after the summary, as human lines.
    const healthLine = lines.findIndex((text) => /^\d\d:\d\d:\d\d GET \/api\/health 200 \d+ ms {2}corr=\S+$/.test(text));
    expect(healthLine).toBeGreaterThan(summaryEnd);
    expect(lines.filter((text) => / POST \/api\/cities /.test(text))).toEqual([
      expect.stringMatching(/^\d\d:\d\d:\d\d POST \/api\/cities 201 \d+ ms {2}corr=\S+$/),
    ]);
    expect(lines).toContainEqual(expect.stringMatching(/^\d\d:\d\d:\d\d CityRegistered → notify-city-registered ok \d+ ms/));
    expect(jsonRequestLines(lines.join('\n'))).toEqual([]);
    expect(lines.join('\n')).not.toContain('"_aws"');
    expect(jsonRequestLines(stderr)).toEqual([]);
  });

  it('prints the JSON log lines as in AWS when its output is not a terminal', { timeout: 150_000 }, async () => {
    // Prepare
    let status = 0;

    // Act
    const { lines } = await npmStart({}, async (api, stdout) => {
      status = await register(api, 'Thakhek');
      await until(() => jsonRequestLines(stdout()).some((entry) => entry.route === 'POST /api/cities'), 'the request line', stdout);
    });

    // Assess
    expect(status).toBe(201);
    expect(lines[0]).toMatch(SUMMARY);
    expect(jsonRequestLines(lines.join('\n'))).toContainEqual(
      expect.objectContaining({ level: 'info', message: 'request', route: 'POST /api/cities', status: 201, correlationId: expect.any(String) }),
    );
  });
});
