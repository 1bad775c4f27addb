/**
 * The one entry point to zod for everything bundled into a function (`shared/` and
 * `functions/`): `import * as z from '../zod'`, never from 'zod' or 'zod/mini' directly.
 *
 * It is `zod/mini`, whose functional API tree-shakes down to the validators a bundle actually
 * uses (~20 KB). The classic `zod` namespace cannot be tree-shaken: it carried the whole library
 * and every locale (~450 KB) into each bundle and cost ~25 ms of every cold start.
 *
 * `zod/mini` loads no locale, so its default messages would all read "Invalid input". Where
 * people read the messages (every HTTP function: a 400 names each field and what is wrong with
 * it), `shared/http/response.ts` calls `useEnglishMessages()`, so they read exactly as with
 * classic `zod`. Elsewhere (event consumers and schedules, whose messages only reach the logs) a
 * one-line map names the issue and the expected type, and their bundles skip the locale's 2.7 KB.
 *
 * Two things keep the bundles small, and both are easy to undo by accident:
 * - the locale is imported by name from 'zod/locales', so only English (~3 KB) is bundled;
 *   `z.locales.en` would pull in every locale;
 * - the API is re-exported with `export *` and imported as a namespace, and nothing reads a
 *   nested namespace at run time (`z.core.…`, `z.locales.…`): esbuild keeps a namespace whole
 *   as soon as it is used as an object, and `core` holds every locale. Re-exporting the
 *   namespace object (`export { z }`) does the same to all of zod.
 *
 * Module-level schemas are built inside an arrow function that is called at once and marked
 * with a `@__PURE__` comment: `const x = (pure comment) (() => z.object({…}))();`. Building a
 * schema runs code, so esbuild must otherwise keep every schema of every module a function
 * imports, and build them all at cold start; marked pure, the ones a function never
 * uses are dropped from its bundle (10–26 KB and their construction per function, measured
 * with `npm run bench`). The schemas a function does use are still built at module load.
 */
import { en } from 'zod/locales';
import { config } from 'zod/mini';

config({
  localeError: (issue) => `Invalid input (${issue.code}${'expected' in issue ? `, expected ${issue.expected}` : ''})`,
});

/** Every default message in English, as classic `zod` words it (see above). */
export function useEnglishMessages(): void {
  config(en());
}

export * from 'zod/mini';
/**
 * What every zod error is, from `zod/mini` or classic `zod` alike (for `instanceof`). Exported
 * on its own because reading it as `z.core.$ZodError` would make esbuild keep all of `core`.
 */
export { $ZodError } from 'zod/v4/core';
