/**
 * Assembles the CDK app: the stage's stack plus the cdk-nag checks. Kept apart from `app.ts`
 * so the tests synthesize exactly what `cdk synth` does.
 */
import type { App } from 'aws-cdk-lib';
import { addNagChecks } from './nag';
import { environmentOf, readStageSettings, stackNameOf } from './settings';
import { CitiesSeekingCitiesStack, type CitiesSeekingCitiesStackProps } from './stack';

/**
 * Adds the stack of the stage named in the app's context (`stage`, default `dev`) to `app`
 * and attaches the cdk-nag rule packs.
 *
 * @param overrides stack props that replace the ones derived from context (tests use this
 *   to pass a variant of the manifest).
 * @example
 * const stack = defineProgram(new App({ context: { stage: 'prod' } }));
 */
export function defineProgram(app: App, overrides: Partial<CitiesSeekingCitiesStackProps> = {}): CitiesSeekingCitiesStack {
  const settings = readStageSettings(app.node);
  const stack = new CitiesSeekingCitiesStack(app, stackNameOf(settings.stage), {
    stackName: stackNameOf(settings.stage),
    description: `Cities Seeking Cities (${settings.stage})`,
    env: environmentOf(settings),
    stage: settings.stage,
    senderEmail: settings.senderEmail,
    coordinatorEmail: settings.coordinatorEmail,
    publicUrl: settings.publicUrl,
    coordinatorRoutes: settings.coordinatorRoutes,
    domainName: settings.domainName,
    certificateArn: settings.certificateArn,
    alertEmail: settings.alertEmail,
    tags: { project: 'cities-seeking-cities', stage: settings.stage },
    ...overrides,
  });
  addNagChecks(app);
  return stack;
}
