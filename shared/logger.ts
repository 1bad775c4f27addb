/**
 * Structured JSON logs, one object per line, so CloudWatch Logs Insights can query them.
 * Deliberately tiny: a logger library would cost every function cold-start time for no gain.
 *
 * Per-invocation keys (event id, correlation id) live in AsyncLocalStorage rather than in a
 * module variable: locally every handler shares one process and runs concurrently, and the
 * keys of one invocation must never appear on another's lines.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

type Level = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

const invocationKeys = new AsyncLocalStorage<Record<string, unknown>>();

function threshold(): number {
  const level = (process.env.LOG_LEVEL ?? 'info').toLowerCase() as Level;
  return ORDER[level] ?? ORDER.info;
}

function write(level: Level, message: string, fields: Record<string, unknown> = {}): void {
  if (ORDER[level] < threshold()) return;
  const line = JSON.stringify({ level, message, timestamp: new Date().toISOString(), ...invocationKeys.getStore(), ...fields });
  if (level === 'error' || level === 'warn') console.error(line);
  else console.log(line);
}

export const logger = {
  debug: (message: string, fields?: Record<string, unknown>) => write('debug', message, fields),
  info: (message: string, fields?: Record<string, unknown>) => write('info', message, fields),
  warn: (message: string, fields?: Record<string, unknown>) => write('warn', message, fields),
  error: (message: string, fields?: Record<string, unknown>) => write('error', message, fields),
  /**
   * Runs `work` with `keys` on every line it logs.
   *
   * @example
   * await logger.withKeys({ correlationId }, () => consume(detail));
   */
  withKeys<T>(keys: Record<string, unknown>, work: () => Promise<T>): Promise<T> {
    return invocationKeys.run({ ...invocationKeys.getStore(), ...keys }, work);
  },
  /**
   * The correlation id of the current invocation, if any: events published now carry it on,
   * so one registration or inquiry can be followed from the request to the email.
   */
  correlationId(): string | undefined {
    const id = invocationKeys.getStore()?.correlationId;
    return typeof id === 'string' ? id : undefined;
  },
};
