/**
 * Route-level throttling of the public write routes: anyone on the internet can POST a
 * registration, an inquiry or a subscription, so those routes get far tighter limits than the
 * stage default, derived from the manifest (every http trigger with POST, PUT or PATCH and no
 * `auth`). Coordinator routes sit behind the JWT authorizer and keep the stage default.
 */
import type { CfnStage, HttpRoute, HttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import type { FunctionSpec, HttpMethod } from '../manifest';

/** The stage default: far above real traffic, a ceiling against floods. */
export const STAGE_THROTTLE = { burstLimit: 50, rateLimit: 20 } as const;

/** Each public write route: a handful of form submissions a second is already a lot. */
export const PUBLIC_WRITE_THROTTLE = { burstLimit: 10, rateLimit: 5 } as const;

const WRITE_METHODS: readonly HttpMethod[] = ['POST', 'PUT', 'PATCH'];

/**
 * The route keys (`METHOD /path`, as API Gateway names routes) of the public write routes.
 *
 * @example
 * publicWriteRouteKeys(FUNCTIONS) // ['POST /api/cities', 'POST /api/cities/{id}/inquiries', …]
 */
export function publicWriteRouteKeys(specs: readonly FunctionSpec[]): string[] {
  return specs.flatMap((spec) =>
    spec.trigger.kind === 'http' && !spec.trigger.auth && WRITE_METHODS.includes(spec.trigger.method)
      ? [`${spec.trigger.method} ${spec.trigger.path}`]
      : [],
  );
}

/**
 * Sets `PUBLIC_WRITE_THROTTLE` on each of `routeKeys` of `stage`. The stage depends on the
 * routes: API Gateway rejects route settings for a route that does not exist yet.
 *
 * @param routes every route of the API, by route key.
 * @throws when a route key has no route.
 */
export function throttlePublicWrites(stage: HttpStage, routeKeys: readonly string[], routes: ReadonlyMap<string, HttpRoute>): void {
  const settings: Record<string, { ThrottlingBurstLimit: number; ThrottlingRateLimit: number }> = {};
  for (const key of routeKeys) {
    const route = routes.get(key);
    if (!route) throw new Error(`No route ${key} to throttle`);
    stage.node.addDependency(route);
    settings[key] = { ThrottlingBurstLimit: PUBLIC_WRITE_THROTTLE.burstLimit, ThrottlingRateLimit: PUBLIC_WRITE_THROTTLE.rateLimit };
  }
  if (routeKeys.length > 0) (stage.node.defaultChild as CfnStage).routeSettings = settings;
}
