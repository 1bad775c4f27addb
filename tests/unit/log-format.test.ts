/**
 * What `npm start` shows in a terminal (infra/local/log-format.ts): the handlers' JSON log lines
 * in, one short human line (or nothing) out.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { captureConsole, humanLine, labelInvocations, logFormatFor } from '../../infra/local/log-format';

// 12:04:31 in the local time zone, whichever it is: the terminal shows local time.
const AT = new Date(2031, 0, 1, 12, 4, 31).toISOString();
const CORRELATION_ID = '3f2a9c1e-5b7d-4e11-9a0f-1c2d3e4f5a6b';
const line = (fields: Record<string, unknown>) => JSON.stringify({ timestamp: AT, ...fields });

describe('humanLine', () => {
  it('turns a request line into method, route, status, time taken and a short correlation id', () => {
    // Prepare
    const json = line({ level: 'info', message: 'request', correlationId: CORRELATION_ID, route: 'POST /api/cities', status: 201 });

    // Act
    const shown = humanLine(json, { elapsedMs: 47.6 });

    // Assess
    expect(shown).toBe('12:04:31 POST /api/cities 201 48 ms  corr=3f2a9c1e…');
  });

  it('turns a consumed event into the event, the function that took it and its outcome', () => {
    // Prepare
    const json = line({
      level: 'info',
      message: 'event consumed',
      eventId: '8ac67baa-5b6a-4ace-99d0-49b08110da3f',
      detailType: 'CityRegistered',
      correlationId: CORRELATION_ID,
      outcome: { coordinator: 'sent', contact: 'sent' },
    });

    // Act
    const shown = humanLine(json, { functionName: 'notify-city-registered', elapsedMs: 35 });

    // Assess
    expect(shown).toBe('12:04:31 CityRegistered → notify-city-registered ok 35 ms  coordinator=sent contact=sent  corr=3f2a9c1e…');
  });

  it('shows a warning with its message, its fields and the request it belongs to', () => {
    // Prepare
    const json = line({
      level: 'warn',
      message: 'dependency unavailable',
      correlationId: CORRELATION_ID,
      route: 'POST /api/cities',
      error: 'ThrottlingException: Rate exceeded',
    });

    // Act
    const shown = humanLine(json, { functionName: 'register-city' });

    // Assess
    expect(shown).toBe('12:04:31 WARN dependency unavailable  error=ThrottlingException: Rate exceeded  (POST /api/cities)  corr=3f2a9c1e…');
  });

  it('cuts an error stack to its first line and where in the repository it was thrown', () => {
    // Prepare
    const stack = `TypeError: boom\n    at route (${process.cwd()}/shared/http/response.ts:110:15)\n    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)`;
    const json = line({ level: 'error', message: 'unexpected error', route: 'GET /api/cities', correlationId: 'abc12345', error: stack });

    // Act
    const shown = humanLine(json);

    // Assess
    expect(shown).toBe('12:04:31 ERROR unexpected error  error=TypeError: boom (shared/http/response.ts:110)  (GET /api/cities)  corr=abc12345');
  });

  it('names the scheduled function that logged a line outside any request or event', () => {
    // Prepare
    const json = line({ level: 'info', message: 'digest delivery checked', checks: [{ month: '2031-01', state: 'no-digest' }] });

    // Act
    const shown = humanLine(json, { functionName: 'check-digest-delivery' });

    // Assess
    expect(shown).toBe('12:04:31 check-digest-delivery: digest delivery checked  checks=[2031-01 no-digest]');
  });

  it('hides CloudWatch metric (EMF) lines', () => {
    // Prepare
    const emf = JSON.stringify({
      _aws: { Timestamp: 1, CloudWatchMetrics: [{ Namespace: 'CitiesSeekingCities', Dimensions: [['Stage']], Metrics: [{ Name: 'CityRegistered', Unit: 'Count' }] }] },
      Stage: 'local',
      CityRegistered: 1,
    });

    // Act
    const shown = humanLine(emf);

    // Assess
    expect(shown).toBeUndefined();
  });

  it("hides the detail lines a request's or an event's own line sums up, and the handler's retry notice", () => {
    // Prepare
    const inEvent = { eventId: 'e1', detailType: 'CityRegistered', correlationId: CORRELATION_ID };
    const emailSent = line({ level: 'info', message: 'email sent', ...inEvent, cause: 'city-registered/1/contact' });
    const willRetry = line({ level: 'error', message: 'event failed; it will be retried', ...inEvent, error: 'Error: boom' });

    // Act
    const shown = [humanLine(emailSent), humanLine(willRetry)];

    // Assess
    expect(shown).toEqual([undefined, undefined]);
  });

  it("rewords the bus's retry and dead-letter lines", () => {
    // Prepare
    const now = new Date(2031, 0, 1, 12, 4, 31);
    const retry = 'RETRY notify-city-registered CityRegistered 8ac67baa try 2/9 in 3912 ms: boom';
    const dead = 'DEAD LETTER notify-city-registered CityRegistered 8ac67baa: boom';

    // Act
    const shown = [humanLine(retry, { now }), humanLine(dead, { now })];

    // Assess
    expect(shown).toEqual([
      '12:04:31 CityRegistered → notify-city-registered failed, retry 2/9 in 4 s: boom',
      '12:04:31 CityRegistered → notify-city-registered failed for good (dead letter): boom',
    ]);
  });

  it('passes a line that is not a JSON log object through unchanged', () => {
    // Prepare
    const lines = ['client closed the connection: GET /api/cities', '{not json', '[1,2]', '{"some":"object"}'];

    // Act
    const shown = lines.map((text) => humanLine(text));

    // Assess
    expect(shown).toEqual(lines);
  });

  it('colours what needs attention only when asked', () => {
    // Prepare
    const json = line({ level: 'info', message: 'request', route: 'GET /api/cities/{id}', status: 404 });

    // Act
    const [plain, coloured] = [humanLine(json), humanLine(json, { color: true })];

    // Assess
    expect(plain).toBe('12:04:31 GET /api/cities/{id} 404');
    expect(coloured).toBe('12:04:31 GET /api/cities/{id} \u001b[33m404\u001b[39m');
  });
});

describe('logFormatFor', () => {
  it('is human in a terminal and JSON elsewhere, unless LOG_FORMAT says otherwise', () => {
    // Prepare
    const cases = [
      [undefined, true],
      [undefined, false],
      ['json', true],
      ['pretty', false],
    ] as const;

    // Act
    const formats = cases.map(([setting, terminal]) => logFormatFor(setting, terminal));

    // Assess
    expect(formats).toEqual(['pretty', 'json', 'json', 'pretty']);
  });
});

describe('captureConsole', () => {
  const saved = { log: console.log, error: console.error, info: console.info, warn: console.warn, debug: console.debug };
  afterEach(() => {
    Object.assign(console, saved);
  });

  it('holds every line until the summary is printed, then shows human lines naming the function', async () => {
    // Prepare
    const out = vi.fn();
    const err = vi.fn();
    Object.assign(console, { log: out, error: err });
    const logs = captureConsole('pretty');
    const handler = labelInvocations('notify-city-registered', async () => {
      console.log(line({ level: 'info', message: 'event consumed', eventId: 'e1', detailType: 'CityRegistered', outcome: 'sent' }));
      console.log(JSON.stringify({ _aws: {}, CityRegistered: 1 }));
      console.error(line({ level: 'warn', message: 'slow', detailType: 'CityRegistered', eventId: 'e1' }));
    });

    // Act
    await handler({});
    const beforeSummary = out.mock.calls.length + err.mock.calls.length;
    logs.print('Cities Seeking Cities is running locally');
    logs.release();

    // Assess
    expect(beforeSummary).toBe(0);
    expect(out.mock.calls.map(([text]) => text)).toEqual([
      'Cities Seeking Cities is running locally',
      expect.stringMatching(/^12:04:31 CityRegistered → notify-city-registered ok \d+ ms {2}sent$/),
    ]);
    expect(err.mock.calls.map(([text]) => text)).toEqual(['12:04:31 WARN slow  (CityRegistered → notify-city-registered)']);
  });

  it('writes JSON lines exactly as logged, after the summary, and then gives console back', () => {
    // Prepare
    const out = vi.fn();
    console.log = out;
    const logs = captureConsole('json');
    const json = line({ level: 'info', message: 'request', route: 'GET /api/health', status: 200 });

    // Act
    console.log(json);
    logs.print('summary');
    logs.release();

    // Assess
    expect(out.mock.calls.map(([text]) => text)).toEqual(['summary', json]);
    expect(console.log).toBe(out);
  });
});
