/**
 * Serves the built web site (web/build.ts) for every GET/HEAD that no API route claims — the
 * same files, the same path → file table (web/routes.ts) and the same headers the CloudFront
 * distribution gives them in AWS. Used by `npm start` and by the end-to-end tests.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { API_PATH_PATTERN, buildWebSync, cacheControlFor, contentTypeFor, NOT_FOUND_FILE, SITE_SECURITY_HEADERS, fileForPath } from '../../web/build';
import type { Fallback } from './http';

/**
 * Builds the site into `outDir` (a fresh temporary directory when omitted) and returns the
 * fallback that serves it. The files are read once into memory: the build never changes while
 * the server runs.
 *
 * @example
 * await startLocalStack({ fallback: sitePages('.data/site') });
 */
export function sitePages(outDir?: string): Fallback {
  const dir = outDir ?? mkdtempSync(join(tmpdir(), 'cities-site-'));
  const files = new Map<string, Buffer>();
  for (const file of buildWebSync(dir).files) files.set(file, readFileSync(join(dir, file)));

  return (req: IncomingMessage, res: ServerResponse): boolean => {
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    } catch {
      path = '';
    }
    // The API's paths keep the API's own answer (JSON 404 for an unknown route).
    if (API_PATH_PATTERN.test(path)) return false;
    const wanted = fileForPath(path);
    const found = wanted === undefined ? undefined : files.get(wanted);
    const file = found ? (wanted as string) : NOT_FOUND_FILE;
    const body = found ?? files.get(NOT_FOUND_FILE) ?? Buffer.from('Not found');
    res.writeHead(found ? 200 : 404, {
      'content-type': contentTypeFor(file),
      'content-length': String(body.length),
      'cache-control': found ? cacheControlFor(file) : 'no-cache',
      ...SITE_SECURITY_HEADERS,
    });
    res.end(req.method === 'HEAD' ? undefined : body);
    return true;
  };
}
