/**
 * Latency and throughput through the local stack: real HTTP requests, real handlers, the real
 * local services, at a fixed concurrency.
 */
export interface LoadFigures {
  requests: number;
  concurrency: number;
  p50Ms: number;
  p99Ms: number;
  throughputPerSecond: number;
  statuses: Record<string, number>;
}

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return Math.round((sorted[Math.max(0, index)] as number) * 10) / 10;
}

/**
 * Sends `requests` requests built by `request(n)`, `concurrency` at a time.
 *
 * @example
 * const figures = await load(400, 20, (n) => fetch(url, { method: 'POST', body: body(n) }));
 */
export async function load(requests: number, concurrency: number, request: (n: number) => Promise<Response>): Promise<LoadFigures> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < requests) {
        const n = next++;
        const at = performance.now();
        const response = await request(n);
        await response.arrayBuffer();
        latencies.push(performance.now() - at);
        statuses[response.status] = (statuses[response.status] ?? 0) + 1;
      }
    }),
  );
  const elapsed = performance.now() - started;
  latencies.sort((a, b) => a - b);
  return {
    requests,
    concurrency,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    throughputPerSecond: Math.round((requests / elapsed) * 1000 * 10) / 10,
    statuses,
  };
}
