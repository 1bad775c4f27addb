/**
 * What `npm start` shows in a terminal: one short human line per request and per event instead
 * of the JSON log lines the handlers write (shared/logger.ts), which stay exactly as they are in
 * AWS and wherever `npm start`'s output is not a terminal.
 *
 * Local only, so no function bundle carries it: it wraps `console` in the `npm start` process
 * rather than asking the logger for a hook. It also holds every line until the start-up summary
 * has been printed, so the summary always comes first.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { format as formatArgs } from 'node:util';
import type { AnyHandler } from './invoke';

export type LogFormat = 'json' | 'pretty';

/** `LOG_FORMAT` if set, else human lines in a terminal and JSON anywhere else. */
export function logFormatFor(setting: LogFormat | undefined, stdoutIsTerminal: boolean): LogFormat {
  return setting ?? (stdoutIsTerminal ? 'pretty' : 'json');
}

// Which function is running, and since when: the JSON lines carry neither, the human ones want both.
const invocation = new AsyncLocalStorage<{ functionName: string; startedAt: number }>();

/**
 * Runs every call of `handler` labelled as an invocation of `functionName`, so that the lines it
 * logs can name the function and tell how long it has run. Costs nothing else.
 *
 * @example
 * handlers[spec.name] = labelInvocations(spec.name, asInvocation(spec, handler));
 */
export function labelInvocations(functionName: string, handler: AnyHandler): AnyHandler {
  return (event, context) => invocation.run({ functionName, startedAt: performance.now() }, () => handler(event, context));
}

/** What a line's JSON does not say: the function that logged it, how long it had run. */
export interface LineContext {
  functionName?: string;
  elapsedMs?: number;
  /** ANSI colours (a terminal that wants them). */
  color?: boolean;
  /** The time of a line that carries none (the bus's own lines); now by default. */
  now?: Date;
}

const MAX_VALUE = 80;

/**
 * The human line for one log line, or `undefined` for a line the terminal does not show:
 * CloudWatch metric lines (EMF), the detail lines a request's or an event's own line sums up,
 * and a handler's "will be retried", which the bus's retry line says with the target's name.
 * A line that is not a JSON log object comes back as it is (except the bus's retry and dead
 * letter lines, which are reworded).
 *
 * @example
 * humanLine('{"level":"info","message":"request","timestamp":"…","route":"POST /api/cities","status":201,"correlationId":"3f2a…"}', { elapsedMs: 48 });
 * // → '12:04:31 POST /api/cities 201 48 ms  corr=3f2a9c1e…'
 */
export function humanLine(line: string, context: LineContext = {}): string | undefined {
  const paint = painter(context.color ?? false);
  const text = line.trim();
  if (!text.startsWith('{')) return busLine(text, context, paint) ?? line;
  let entry: unknown;
  try {
    entry = JSON.parse(text);
  } catch {
    return line;
  }
  if (!entry || typeof entry !== 'object' || Array.isArray(entry)) return line;
  const record = entry as Record<string, unknown>;
  if ('_aws' in record) return undefined;
  const { level, message, timestamp, eventId: _eventId, correlationId, route, detailType, ...fields } = record;
  if (typeof message !== 'string' || typeof level !== 'string') return line;

  const time = clock(typeof timestamp === 'string' ? new Date(timestamp) : (context.now ?? new Date()));
  const took = context.elapsedMs === undefined ? '' : ` ${Math.round(context.elapsedMs)} ms`;
  const corr = typeof correlationId === 'string' ? paint.dim(`  corr=${short(correlationId)}`) : '';
  const event = typeof detailType === 'string' ? (context.functionName ? `${detailType} → ${context.functionName}` : detailType) : undefined;

  if (level === 'info' && message === 'request' && typeof route === 'string') {
    const status = Number(fields.status);
    const shownStatus = status >= 500 ? paint.red(String(status)) : status >= 400 ? paint.yellow(String(status)) : String(status);
    return `${time} ${route} ${shownStatus}${took}${corr}`;
  }
  if (level === 'info' && message === 'event consumed' && event) {
    const outcome = describe(fields.outcome);
    return `${time} ${event} ${paint.green('ok')}${took}${outcome ? `  ${outcome}` : ''}${corr}`;
  }
  if (message === 'event failed; it will be retried' && event) return undefined;
  if (level === 'info' && (event || typeof route === 'string')) return undefined;

  const tag = level === 'error' ? paint.red('ERROR ') : level === 'warn' ? paint.yellow('WARN ') : level === 'debug' ? paint.dim('debug ') : '';
  const details = describeFields(fields);
  // Where it happened: the event or request it belongs to, else the function (a schedule's run).
  const where = event ?? (typeof route === 'string' ? route : undefined);
  const prefix = !where && context.functionName ? `${context.functionName}: ` : '';
  return `${time} ${tag}${prefix}${message}${details ? `  ${details}` : ''}${where ? paint.dim(`  (${where})`) : ''}${corr}`;
}

/** The bus's retry and dead-letter lines, reworded; other lines are not the bus's business here. */
function busLine(text: string, context: LineContext, paint: Painter): string | undefined {
  const time = clock(context.now ?? new Date());
  const retry = /^RETRY (\S+) (\S+) (\S+) try (\d+)\/(\d+) in (\d+) ms: (.*)$/s.exec(text);
  if (retry) {
    const [, target, detailType, , attempt, attempts, delay, error] = retry;
    const wait = Number(delay) < 1000 ? `${delay} ms` : `${Math.round(Number(delay) / 1000)} s`;
    return `${time} ${detailType} → ${target} ${paint.yellow('failed')}, retry ${attempt}/${attempts} in ${wait}: ${firstLine(error!)}`;
  }
  const dead = /^DEAD LETTER (?!FILE )(\S+) (\S+) (\S+): (.*)$/s.exec(text);
  if (dead) {
    const [, target, detailType, , error] = dead;
    return `${time} ${detailType} → ${target} ${paint.red('failed for good')} (dead letter): ${firstLine(error!)}`;
  }
  return undefined;
}

/** `hh:mm:ss` in the local time of the person watching. */
function clock(date: Date): string {
  const at = Number.isNaN(date.getTime()) ? new Date() : date;
  return [at.getHours(), at.getMinutes(), at.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

/** A correlation id short enough to read and still to tell apart: the first 8 characters. */
function short(id: string): string {
  return id.length <= 12 ? id : `${id.slice(0, 8)}…`;
}

function firstLine(text: string): string {
  return text.split('\n')[0]!.trim();
}

function clip(text: string): string {
  return text.length <= MAX_VALUE ? text : `${text.slice(0, MAX_VALUE - 1)}…`;
}

/**
 * A value in a few words: a scalar as it is, a list by its items (or its length when long), an
 * object as `key=value` pairs. An error's stack is cut to its first line and where it was thrown.
 */
function describe(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return clip(errorSummary(value));
  if (typeof value !== 'object') return String(value);
  if (Array.isArray(value)) {
    if (value.length > 5) return `[${value.length} items]`;
    // A few small records read best as their values: `2026-11 no-digest, 2026-12 no-digest`.
    const items = value.map((item) => (item !== null && typeof item === 'object' ? Object.values(item).map((field) => (typeof field === 'object' && field !== null ? JSON.stringify(field) : String(field))).join(' ') : String(item)));
    return clip(`[${items.join(', ')}]`);
  }
  return describeFields(value as Record<string, unknown>);
}

function describeFields(fields: Record<string, unknown>): string {
  return Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${value !== null && typeof value === 'object' && !Array.isArray(value) ? `{${describe(value)}}` : describe(value)}`)
    .join(' ');
}

/** `Error: boom\n    at f (/repo/shared/x.ts:12:5)` → `Error: boom (shared/x.ts:12)`. */
function errorSummary(text: string): string {
  if (!text.includes('\n')) return text;
  const [first, ...rest] = text.split('\n');
  const frame = rest.map((line) => /\(?([^\s()]+?):(\d+):\d+\)?$/.exec(line.trim())).find((match) => match && !match[1]!.includes('node_modules') && !match[1]!.startsWith('node:'));
  const where = frame ? ` (${frame[1]!.replace(/^file:\/\//, '').replace(`${process.cwd()}/`, '')}:${frame[2]})` : '';
  return `${first!.trim()}${where}`;
}

interface Painter {
  red(text: string): string;
  yellow(text: string): string;
  green(text: string): string;
  dim(text: string): string;
}

function painter(color: boolean): Painter {
  const ansi = (code: number, reset: number) => (text: string) => (color ? `\u001b[${code}m${text}\u001b[${reset}m` : text);
  return { red: ansi(31, 39), yellow: ansi(33, 39), green: ansi(32, 39), dim: ansi(2, 22) };
}

type Method = 'log' | 'info' | 'debug' | 'warn' | 'error';
const METHODS: readonly Method[] = ['log', 'info', 'debug', 'warn', 'error'];

export interface ConsoleCapture {
  /** Prints at once, past the hold (the start-up summary). */
  print(text: string): void;
  /** Prints every line held so far and stops holding (idempotent). */
  release(): void;
}

/**
 * Takes over `console` in this process: every line is held until {@link ConsoleCapture.release},
 * then (with `pretty`) turned into its human line as it comes. With `json` the lines are
 * written as they were logged, and after the release `console` is given back untouched.
 *
 * @example
 * const logs = captureConsole(logFormatFor(settings.LOG_FORMAT, process.stdout.isTTY === true));
 * // … start everything
 * logs.print(summary);
 * logs.release();
 */
export function captureConsole(format: LogFormat, options: { color?: boolean } = {}): ConsoleCapture {
  const original = Object.fromEntries(METHODS.map((method) => [method, console[method]])) as Record<Method, (text: string) => void>;
  const show = (method: Method, text: string) => original[method].call(console, text);
  let held: Array<[Method, string]> | undefined = [];

  const write = (method: Method, text: string | undefined) => {
    if (text === undefined) return;
    if (held) held.push([method, text]);
    else show(method, text);
  };
  for (const method of METHODS) {
    console[method] = (...args: unknown[]) => {
      const text = formatArgs(...args);
      if (format === 'json') return write(method, text);
      // Formatted now, not at the release: how long the invocation had run is known only now.
      const running = invocation.getStore();
      write(
        method,
        humanLine(text, {
          functionName: running?.functionName,
          elapsedMs: running && performance.now() - running.startedAt,
          // Colour for a stream that is a terminal: warnings and errors go to stderr.
          color: options.color && (method === 'warn' || method === 'error' ? process.stderr.isTTY === true : true),
        }),
      );
    };
  }

  const release = () => {
    process.off('exit', release);
    const lines = held;
    held = undefined;
    for (const [method, text] of lines ?? []) show(method, text);
    if (format === 'json') for (const method of METHODS) console[method] = original[method];
  };
  // A process that ends before the summary (a failed start, a crash) still shows what it logged.
  process.once('exit', release);
  return { print: (text) => show('log', text), release };
}
