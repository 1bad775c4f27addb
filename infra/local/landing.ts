/**
 * A plain page at `/` that points a person to what the local stack offers.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export function landingPage(req: IncomingMessage, res: ServerResponse): boolean {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (path !== '/') return false;
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Cities Seeking Cities (local)</title></head><body style="font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem">
<h1>Cities Seeking Cities</h1>
<p>The local stack is running. The API lives under <code>/api</code>:</p>
<ul><li><a href="/api/health">/api/health</a></li><li><a href="/api/interests">/api/interests</a></li>
<li><code>POST /api/cities</code> registers a city (JSON body).</li></ul>
</body></html>`;
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': String(Buffer.byteLength(html)) });
  res.end(html);
  return true;
}
