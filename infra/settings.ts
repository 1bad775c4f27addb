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

export const stageSettingsSchema = z
  .object({
    stage: z.enum(STAGES).default('dev'),
    senderEmail: z.email().default('cities@example.org'),
    coordinatorEmail: z.email().default('coordinator@example.org'),
    /**
     * The public site URL, the base of links in emails. Defaults to `https://<domainName>` when a
     * custom domain is configured, else to a placeholder (set it to the distribution's URL, which
     * the `SiteUrl` output prints after the first deployment).
     */
    publicUrl: z.url({ protocol: /^https?$/ }).optional(),
    /** Inquiry routing by world region, as the JSON the functions read (validated the same way). */
    coordinatorRoutes: z
      .string()
      .optional()
      .refine((routes) => z.safeParse(configSchema.shape.COORDINATOR_ROUTES, routes).success, {
        message: 'must be JSON from world region to email, e.g. {"asia":"asia@example.org"}',
      }),
    // Both optional: without them the stack stays environment-agnostic, so synth needs no
    // credentials and no lookups.
    account: z.string().regex(/^\d{12}$/, 'must be a 12-digit AWS account id').optional(),
    region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'must be an AWS region such as eu-west-1').optional(),
    /**
     * The site's own domain (e.g. `cities.example.org`), served by CloudFront with
     * `certificateArn`. Both or neither: without them the site is served on the distribution's
     * `*.cloudfront.net` domain with CloudFront's default certificate.
     */
    domainName: z
      .string()
      .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'must be a lower-case domain name such as cities.example.org')
      .optional(),
    /** An ACM certificate for `domainName`; CloudFront accepts only certificates in us-east-1. */
    certificateArn: z
      .string()
      .regex(/^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[0-9a-f-]{36}$/, 'must be the ARN of an ACM certificate in us-east-1 (CloudFront uses only those)')
      .optional(),
    /** Where coordinator alerts (alarms) are emailed; others can subscribe to the topic later. */
    alertEmail: z.email().optional(),
  })
  .refine((settings) => Boolean(settings.domainName) === Boolean(settings.certificateArn), {
    message: 'domainName and certificateArn go together: give both or neither',
    path: ['certificateArn'],
  })
  .transform((settings) => ({
    ...settings,
    publicUrl: settings.publicUrl ?? (settings.domainName ? `https://${settings.domainName}` : 'https://example.org'),
  }));

export type StageSettings = z.infer<typeof stageSettingsSchema>;

const CONTEXT_KEYS = [
  'stage',
  'senderEmail',
  'coordinatorEmail',
  'publicUrl',
  'coordinatorRoutes',
  'account',
  'region',
  'domainName',
  'certificateArn',
  'alertEmail',
] as const;

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
