/**
 * The CDK entry point (`cdk.json` runs it with tsx). Settings come from context:
 *
 *   npx cdk synth -c stage=prod -c senderEmail=cities@example.org -c publicUrl=https://…
 *
 * The stack is environment-agnostic unless both `-c account=…` and `-c region=…` are given,
 * so synth needs neither credentials nor network.
 */
import { App } from 'aws-cdk-lib';
import { defineProgram } from './program';

const app = new App();
defineProgram(app);
app.synth();
