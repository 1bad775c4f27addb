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

/**
 * Every value the function's own modules import from the AWS SDK (clients and the commands it
 * sends), by package: the bare handler imports exactly these, so the baseline is "the same SDK
 * usage without our code", not a client that could send nothing.
 */
function sdkImportsIn(metafile: Metafile): Map<string, Set<string>> {
  const imports = new Map<string, Set<string>>();
  for (const input of Object.keys(metafile.inputs)) {
    if (input.includes('node_modules') || !/\.ts$/.test(input)) continue;
    const source = readFileSync(input, 'utf8');
    for (const match of source.matchAll(/import\s*\{([^}]+)\}\s*from\s*'(@aws-sdk\/[^']+)'/g)) {
      const names = (match[1] as string)
        .split(',')
        .map((name) => name.trim())
        .filter((name) => name && !name.startsWith('type '))
        .map((name) => name.split(/\s+as\s+/)[0] as string);
      const pkg = match[2] as string;
      if (!imports.has(pkg)) imports.set(pkg, new Set());
      for (const name of names) imports.get(pkg)!.add(name);
    }
  }
  return imports;
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
    bare.push(initMsOnce(baseline));
    own.push(initMsOnce(file));
    ratios.push((own.at(-1) as number) / Math.max(bare.at(-1) as number, 0.1));
  }
  // The ratio is the median of the pairs' ratios: each pair ran back to back, so a slow
  // moment of this 2-core machine inflates both halves of a pair and cancels out.
  return { initMs: round1(median(own)), baselineInitMs: round1(median(bare)), initRatio: Math.round(median(ratios) * 100) / 100 };
}

/**
 * @example
 * const figures = measureBundles(11);
 */
export function measureBundles(runs = 11, log: (line: string) => void = () => undefined): FunctionFigures[] {
  const dir = mkdtempSync(join(tmpdir(), 'cities-bench-bundles-'));
  const baselines = new Map<string, { bytes: number; file: string }>();
  const figures: FunctionFigures[] = [];
  for (const spec of FUNCTIONS as readonly FunctionSpec[]) {
    const outfile = join(dir, `${spec.name}.mjs`);
    const metafile = bundle(resolve(handlerEntry(spec)), outfile);
    const clients = clientsIn(metafile);
    const usage = sdkImportsIn(metafile);
    const key = [...usage].map(([pkg, names]) => `${pkg}:${[...names].sort().join(',')}`).sort().join('|') || 'none';
    if (!baselines.has(key)) {
      // The bare handler: the same SDK clients and commands, referenced so tree-shaking keeps them.
      const source = join(dir, `baseline-${baselines.size}.ts`);
      const lines = [...usage].map(
        ([pkg, names], i) => `import { ${[...names].map((name) => `${name} as S${i}_${name}`).join(', ')} } from ${JSON.stringify(resolve('node_modules', pkg))};`,
      );
      const refs = [...usage].flatMap(([, names], i) => [...names].map((name) => `S${i}_${name}`));
      writeFileSync(source, `${lines.join('\n')}\nexport const sdk = [${refs.join(', ')}];\nexport const handler = async () => sdk.length;\n`);
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
