/**
 * Bundle size and module-init time of every function, against a bare handler that imports only
 * the same AWS SDK clients and commands (what any function using them must pay).
 */
import { buildSync, type Metafile } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { FUNCTIONS, handlerEntry, type FunctionSpec } from '../infra/manifest';
import { BUNDLE_OPTIONS } from '../infra/bundling';

// The SDK client packages (reported per function).
const SDK_PACKAGES = [
  '@aws-sdk/client-dynamodb',
  '@aws-sdk/lib-dynamodb',
  '@aws-sdk/client-eventbridge',
  '@aws-sdk/client-sesv2',
  '@aws-sdk/client-secrets-manager',
];

export interface FunctionFigures {
  name: string;
  bundleBytes: number;
  baselineBytes: number;
  initMs: number;
  baselineInitMs: number;
  initRatio: number;
  sdkClients: string[];
}

function bundle(entry: string, outfile: string): Metafile {
  const result = buildSync({ ...BUNDLE_OPTIONS, entryPoints: [entry], outfile, bundle: true, metafile: true, logLevel: 'silent' });
  return result.metafile!;
}

/** The SDK client packages a bundle pulls in, read from esbuild's metafile. */
function clientsIn(metafile: Metafile): string[] {
  const inputs = Object.keys(metafile.inputs);
  return SDK_PACKAGES.filter((pkg) => inputs.some((input) => input.includes(`node_modules/${pkg}/`)));
}

interface SdkUsage {
  /** Imported at module load: `import { A } from '@aws-sdk/…'`. */
  static: Map<string, Set<string>>;
  /** Loaded on first use: `const { A } = await import('@aws-sdk/…')` (bundled all the same). */
  dynamic: Map<string, Set<string>>;
}

function namesOf(list: string): string[] {
  return list
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name && !name.startsWith('type '))
    .map((name) => name.split(/\s+(?:as|:)\s+|\s*:\s*/)[0] as string);
}

function add(map: Map<string, Set<string>>, pkg: string, names: string[]): void {
  if (!map.has(pkg)) map.set(pkg, new Set());
  for (const name of names) map.get(pkg)!.add(name);
}

/**
 * Every value the function's own modules import from the AWS SDK (clients and the commands it
 * sends), by package, statically or on first use: the bare handler imports exactly these the
 * same way, so the baseline is "the same SDK usage without our code", not a client that could
 * send nothing.
 */
function sdkImportsIn(metafile: Metafile): SdkUsage {
  const usage: SdkUsage = { static: new Map(), dynamic: new Map() };
  for (const input of Object.keys(metafile.inputs)) {
    if (input.includes('node_modules') || !/\.ts$/.test(input)) continue;
    const source = readFileSync(input, 'utf8');
    for (const match of source.matchAll(/import\s*\{([^}]+)\}\s*from\s*'(@aws-sdk\/[^']+)'/g)) {
      add(usage.static, match[2] as string, namesOf(match[1] as string));
    }
    for (const match of source.matchAll(/const\s*\{([^}]+)\}\s*=\s*await\s+import\('(@aws-sdk\/[^']+)'\)/g)) {
      add(usage.dynamic, match[2] as string, namesOf(match[1] as string));
    }
  }
  return usage;
}

/** The bare handler's source: the same SDK values, loaded the same way, referenced so tree-shaking keeps them. */
function baselineSource(usage: SdkUsage): string {
  const path = (pkg: string) => JSON.stringify(resolve('node_modules', pkg));
  const lines = [...usage.static].map(([pkg, names], i) => `import { ${[...names].map((name) => `${name} as S${i}_${name}`).join(', ')} } from ${path(pkg)};`);
  const refs = [...usage.static].flatMap(([, names], i) => [...names].map((name) => `S${i}_${name}`));
  const loaders = [...usage.dynamic].map(([pkg, names]) => `async () => { const { ${[...names].join(', ')} } = await import(${path(pkg)}); return [${[...names].join(', ')}]; }`);
  return `${lines.join('\n')}\nexport const sdk = [${refs.join(', ')}];\nexport const load = [${loaders.join(', ')}];\nexport const handler = async () => sdk.length + load.length;\n`;
}

/** Milliseconds to import `file` in a fresh Node process. */
function initMsOnce(file: string): number {
  const script = `const t = performance.now(); await import(${JSON.stringify(`file://${file}`)}); process.stdout.write(String(performance.now() - t));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    env: { ...process.env, AWS_REGION: 'us-east-1', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  });
  return Number(out.toString());
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const round1 = (value: number) => Math.round(value * 10) / 10;

/**
 * Median init of `file` and of `baseline` over `runs` fresh processes each, alternating the
 * two so that a busy moment of the machine weighs on both alike.
 */
function pairedInitMs(file: string, baseline: string, runs: number): { initMs: number; baselineInitMs: number; initRatio: number } {
  const own: number[] = [];
  const bare: number[] = [];
  const ratios: number[] = [];
  for (let run = 0; run < runs; run++) {
    // Which of the two runs first alternates, so that neither gains from going second.
    const [first, second] = run % 2 === 0 ? [baseline, file] : [file, baseline];
    const times = new Map([[first, initMsOnce(first)], [second, initMsOnce(second)]]);
    bare.push(times.get(baseline) as number);
    own.push(times.get(file) as number);
    ratios.push((own.at(-1) as number) / Math.max(bare.at(-1) as number, 0.1));
  }
  // The ratio is the median of the pairs' ratios: each pair ran back to back, so a slow
  // moment of this 2-core machine inflates both halves of a pair and cancels out.
  return { initMs: round1(median(own)), baselineInitMs: round1(median(bare)), initRatio: Math.round(median(ratios) * 100) / 100 };
}

/**
 * @example
 * const figures = measureBundles(15);
 */
export function measureBundles(runs = 15, log: (line: string) => void = () => undefined): FunctionFigures[] {
  const dir = mkdtempSync(join(tmpdir(), 'cities-bench-bundles-'));
  const baselines = new Map<string, { bytes: number; file: string }>();
  const figures: FunctionFigures[] = [];
  for (const spec of FUNCTIONS as readonly FunctionSpec[]) {
    const outfile = join(dir, `${spec.name}.mjs`);
    const metafile = bundle(resolve(handlerEntry(spec)), outfile);
    const clients = clientsIn(metafile);
    const usage = sdkImportsIn(metafile);
    const sorted = (map: Map<string, Set<string>>) => [...map].map(([pkg, names]) => [pkg, [...names].sort()]).sort();
    const key = JSON.stringify({ static: sorted(usage.static), dynamic: sorted(usage.dynamic) });
    if (!baselines.has(key)) {
      const source = join(dir, `baseline-${baselines.size}.ts`);
      writeFileSync(source, baselineSource(usage));
      const baselineFile = join(dir, `baseline-${baselines.size}.mjs`);
      bundle(source, baselineFile);
      baselines.set(key, { bytes: statSync(baselineFile).size, file: baselineFile });
    }
    const baseline = baselines.get(key)!;
    const { initMs, baselineInitMs, initRatio } = pairedInitMs(outfile, baseline.file, runs);
    const entry: FunctionFigures = {
      name: spec.name,
      bundleBytes: statSync(outfile).size,
      baselineBytes: baseline.bytes,
      initMs,
      baselineInitMs,
      initRatio,
      sdkClients: clients,
    };
    log(`${spec.name}: ${entry.bundleBytes} B, init ${initMs} ms (bare SDK ${baselineInitMs} ms, ×${entry.initRatio})`);
    figures.push(entry);
  }
  return figures;
}
