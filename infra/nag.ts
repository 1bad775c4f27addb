/**
 * cdk-nag wiring. The checks run as CDK validation plugins during synth; a finding is either
 * fixed in the stack or acknowledged here, on the narrowest construct, with a written reason.
 */
import { Validations, type Stage } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';

/**
 * Attaches the AWS Solutions and Serverless rule packs to every stack of `app`.
 * Acknowledgements are also written to the template's `Metadata.cdk_nag`, so the deployed
 * template carries its own audit trail.
 */
export function addNagChecks(app: Stage): void {
  Validations.of(app).addPlugins(
    new AwsSolutionsChecks(app, { writeSuppressionsToCloudFormation: true }),
    new ServerlessChecks(app),
  );
}

/**
 * Acknowledges cdk-nag findings on `scope` and its children.
 *
 * @param ruleIds finding ids, e.g. `AwsSolutions-IAM5[Resource::*]` (cdk-nag v3 acknowledges
 *   each finding of a rule separately).
 * @param reason why the finding is acceptable; required.
 * @throws when the reason is blank: an unexplained suppression is not allowed.
 */
export function acknowledge(scope: IConstruct, ruleIds: readonly string[], reason: string): void {
  if (reason.trim().length === 0) throw new Error(`A suppression of ${ruleIds.join(', ')} needs a reason`);
  for (const id of ruleIds) Validations.of(scope).acknowledge({ id, reason });
}
