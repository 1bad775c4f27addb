/**
 * The deployment settings, read from CDK context (`cdk.json` or `-c key=value`) and validated
 * once, so a typo in a stage name or an address fails the synth instead of the deployment.
 */
import type { Environment } from 'aws-cdk-lib';
import type { Node } from 'constructs';
import { z } from 'zod';
import { configSchema } from '../shared/config';

export const STAGES = ['dev', 'prod'] as const;
export type StageName = (typeof STAGES)[number];

export const stageSettingsSchema = z.object({
  stage: z.enum(STAGES).default('dev'),
  senderEmail: z.email().default('cities@example.org'),
  coordinatorEmail: z.email().default('coordinator@example.org'),
  publicUrl: z.url({ protocol: /^https?$/ }).default('https://example.org'),
  /** Inquiry routing by world region, as the JSON the functions read (validated the same way). */
  coordinatorRoutes: z
    .string()
    .optional()
    .refine((routes) => configSchema.shape.COORDINATOR_ROUTES.safeParse(routes).success, {
      message: 'must be JSON from world region to email, e.g. {"asia":"asia@example.org"}',
    }),
  // Both optional: without them the stack stays environment-agnostic, so synth needs no
  // credentials and no lookups.
  account: z.string().regex(/^\d{12}$/, 'must be a 12-digit AWS account id').optional(),
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'must be an AWS region such as eu-west-1').optional(),
});

export type StageSettings = z.infer<typeof stageSettingsSchema>;

const CONTEXT_KEYS = ['stage', 'senderEmail', 'coordinatorEmail', 'publicUrl', 'coordinatorRoutes', 'account', 'region'] as const;

/**
 * Reads and validates the deployment settings from the context of `node`.
 *
 * @throws when a context value is invalid, naming the key.
 * @example
 * const settings = readStageSettings(app.node); // { stage: 'dev', senderEmail: 'cities@example.org', … }
 */
export function readStageSettings(node: Node): StageSettings {
  const raw = Object.fromEntries(CONTEXT_KEYS.map((key) => [key, node.tryGetContext(key)]));
  const parsed = stageSettingsSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid CDK context: ${problems.join('; ')}`);
  }
  return parsed.data;
}

/** The stack name of a stage, e.g. `CitiesSeekingCities-dev`. */
export function stackNameOf(stage: StageName): string {
  return `CitiesSeekingCities-${stage}`;
}

/** The stack environment: pinned only when both account and region are given in context. */
export function environmentOf(settings: StageSettings): Environment | undefined {
  return settings.account && settings.region ? { account: settings.account, region: settings.region } : undefined;
}
