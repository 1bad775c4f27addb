/**
 * How every function is bundled: the CDK stack hands these to `NodejsFunction`, and the
 * benchmark builds the same bundles with esbuild directly, so the figures it prints are the
 * figures of what deploys.
 */
import type { BuildOptions } from 'esbuild';

/** Some bundled CommonJS dependencies call `require`, which an ES module lacks. */
export const REQUIRE_SHIM = "import { createRequire } from 'module';const require = createRequire(import.meta.url);";

/** esbuild's options for a function bundle (what NodejsFunction passes on, see infra/stack.ts). */
export const BUNDLE_OPTIONS: BuildOptions = {
  format: 'esm',
  platform: 'node',
  target: 'node22',
  mainFields: ['module', 'main'],
  minify: true,
  sourcemap: false,
  // The AWS SDK is bundled too: a tree-shaken bundle initialises faster than the runtime's copy.
  external: [],
  banner: { js: REQUIRE_SHIM },
};
