/**
 * What lives as long as a Lambda container: the validated configuration, the SDK clients, the
 * bus publisher, the link-signing key. Each is built on first use and kept for the container's
 * life (module scope outlives invocations), so a warm invocation builds nothing.
 *
 * In AWS a process is one function's container. Locally one process hosts every function, so
 * the local runner gives each function a container of its own (its environment from the
 * manifest, the configuration read from it) through {@link useContainerScope}; SDK clients,
 * which depend only on the process, stay one per process ({@link perProcess}). `resetRuntime()` is the one
 * reset: it drops everything every container built, for a test or a restarted local stack.
 */

/** One function's container: its environment and what was built in it. */
export interface Container {
  /** The environment its configuration is read from (read when the configuration is built). */
  environment(): NodeJS.ProcessEnv;
  /** Each dependency built here, with what releases it. */
  built: Map<unknown, [value: unknown, dispose?: (value: never) => void]>;
}

const containers = new Set<Container>();

/** Creates an empty container whose configuration comes from `environment`. */
export function newContainer(environment: () => NodeJS.ProcessEnv): Container {
  const container: Container = { environment, built: new Map() };
  containers.add(container);
  return container;
}

const PROCESS = /* @__PURE__ */ newContainer(() => process.env);
let current = (): Container => PROCESS;

function declare<T>(perProcessOnly: boolean, build: () => T, dispose?: (value: T) => void): () => T {
  const get = (): T => {
    const { built } = perProcessOnly ? PROCESS : current();
    if (!built.has(get)) built.set(get, [build(), dispose as (value: never) => void]);
    return built.get(get)![0] as T;
  };
  return get;
}

/**
 * Declares a dependency built once per container from the container's configuration.
 *
 * @example
 * export const busPublisher = perContainer(() => eventBridgePublisher(eventBridgeClient(), { busName: busName() }));
 */
export function perContainer<T>(build: () => T): () => T {
  return declare(false, build);
}

/**
 * Declares a dependency built once per process: an SDK client, which reads only the process's
 * own AWS settings (locally the endpoints of the local services, the same for every function),
 * so every local function shares one, and a test that injects a fault into it reaches them all.
 *
 * @param dispose releases it when the runtime is reset (an SDK client's sockets)
 * @example
 * export const sesClient = perProcess(() => new SESv2Client({}), (client) => client.destroy());
 */
export function perProcess<T>(build: () => T, dispose?: (value: T) => void): () => T {
  return declare(true, build, dispose);
}

/** The environment of the container the caller runs in (`process.env` in AWS). */
export function containerEnvironment(): NodeJS.ProcessEnv {
  return current().environment();
}

/**
 * Tells the runtime which container the caller runs in (the local runner, which hosts every
 * function in one process, answers from an `AsyncLocalStorage`). Nothing in AWS calls this.
 */
export function useContainerScope(scope: (() => Container | undefined) | undefined): void {
  current = () => scope?.() ?? PROCESS;
}

/**
 * Drops every configuration, client and publisher any container built, so the next use builds
 * them again from the environment as it is now (tests and the local stack change endpoints).
 *
 * @example
 * process.env.DIGEST_SEND_RATE = '1000';
 * resetRuntime();
 */
export function resetRuntime(): void {
  for (const { built } of containers) {
    for (const [value, dispose] of built.values()) dispose?.(value as never);
    built.clear();
  }
}
