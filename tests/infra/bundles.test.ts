/**
 * What goes into a function's bundle: each function carries only what it uses (the pure
 * schema pattern of shared/zod.ts, and no MIME machinery beyond nodemailer's encoders).
 * Sizes and init times are figures for `npm run bench`; these tests pin what is in or out.
 */
import { describe, expect, it } from 'vitest';
import { buildSync } from 'esbuild';
import { resolve } from 'node:path';
import { FUNCTIONS, handlerEntry, type FunctionSpec } from '../../infra/manifest';
import { BUNDLE_OPTIONS } from '../../infra/bundling';

function bundleOf(name: string): { text: string; inputs: string[] } {
  const spec = (FUNCTIONS as readonly FunctionSpec[]).find((candidate) => candidate.name === name);
  if (!spec) throw new Error(`no function ${name}`);
  const result = buildSync({ ...BUNDLE_OPTIONS, entryPoints: [resolve(handlerEntry(spec))], outfile: `/tmp/${name}.mjs`, bundle: true, write: false, metafile: true, logLevel: 'silent' });
  // Inputs that made it into the output: a module that was imported but fully tree-shaken has 0 bytes.
  const output = Object.values(result.metafile.outputs)[0]!;
  const inputs = Object.entries(output.inputs).filter(([, input]) => input.bytesInOutput > 0).map(([path]) => path);
  return { text: result.outputFiles[0]!.text, inputs };
}

// A message only the registration schema carries.
const REGISTRATION_ONLY = 'choose at least one interest';

describe('function bundles', () => {
  it('keep the registration schema in register-city and drop it where it is never used', () => {
    // Act
    const register = bundleOf('register-city');
    const getCity = bundleOf('get-city');

    // Assess
    expect(register.text).toContain(REGISTRATION_ONLY);
    expect(getCity.text).not.toContain(REGISTRATION_ONLY);
  });

  it('build email with nodemailer\'s encoders only: no MailComposer, MIME-type table or fetch client', () => {
    // Act
    const { inputs } = bundleOf('send-digest-batch');

    // Assess
    expect(inputs.some((input) => input.includes('nodemailer/dist/esm/qp/'))).toBe(true);
    expect(inputs.filter((input) => /nodemailer\/dist\/esm\/(mail-composer|mime-node|fetch)\/|mime-types/.test(input))).toEqual([]);
  });
});
