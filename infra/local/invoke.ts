/**
 * Invoking a function locally as Lambda would: in a container of its own (its manifest
 * environment and the configuration read from it), with a context that knows its deadline, and
 * failing with Lambda's "Task timed out" once its timeout has passed.
 *
 * One process hosts every function, so the container is an `AsyncLocalStorage` scope that
 * shared/runtime/container.ts consults. A timed-out handler cannot be stopped here as Lambda
 * stops it; it is abandoned instead, and the caller sees the failure (the bus retries it, the HTTP
 * API answers 500): the idempotent consumers make the abandoned run harmless.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { FUNCTION_DEFAULTS, type FunctionSpec } from '../manifest';
import { newContainer, useContainerScope, type Container } from '../../shared/runtime/container';

export type AnyHandler = (event: unknown, context?: unknown) => Promise<unknown>;

const scope = new AsyncLocalStorage<Container>();

/** The error Lambda reports for an invocation that ran past its timeout. */
export class TaskTimedOutError extends Error {
  constructor(functionName: string, seconds: number) {
    super(`Task timed out after ${seconds.toFixed(2)} seconds (${functionName})`);
    this.name = 'TaskTimedOutError';
  }
}

/** A Lambda context for `spec`, with its deadline. */
export function lambdaContext(spec: Pick<FunctionSpec, 'name' | 'timeoutSeconds' | 'memoryMb'>, startedAt = Date.now()) {
  const deadline = startedAt + (spec.timeoutSeconds ?? FUNCTION_DEFAULTS.timeoutSeconds) * 1000;
  return {
    functionName: spec.name,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${spec.name}`,
    memoryLimitInMB: String(spec.memoryMb ?? FUNCTION_DEFAULTS.memoryMb),
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${spec.name}`,
    logStreamName: 'local',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
}

/**
 * Wraps `handler` so that every call runs as an invocation of `spec`.
 *
 * @example
 * const invoke = asInvocation(spec, handler);
 * await invoke({ scheduledTime: new Date().toISOString() });
 */
export function asInvocation(spec: FunctionSpec, handler: AnyHandler): AnyHandler {
  useContainerScope(() => scope.getStore());
  // The manifest's environment is the function's; a variable the local process sets itself
  // (a person running `npm start`, a test) overrides it, read again after every reset.
  const container = newContainer(() => ({ ...spec.environment, ...process.env }));
  const timeoutSeconds = spec.timeoutSeconds ?? FUNCTION_DEFAULTS.timeoutSeconds;
  return (event) =>
    scope.run(container, () => {
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new TaskTimedOutError(spec.name, timeoutSeconds)), timeoutSeconds * 1000);
        timer.unref();
      });
      return Promise.race([handler(event, lambdaContext(spec)), timedOut]).finally(() => clearTimeout(timer));
    });
}
