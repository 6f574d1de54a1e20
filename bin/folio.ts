#!/usr/bin/env node
/**
 * The CDK app: one stack per stage, checked by cdk-nag's AwsSolutions pack at synth.
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readStageConfig } from '../lib/config';
import { FolioStack } from '../lib/folio-stack';
import { acknowledgeStackFindings } from '../lib/nag';

const app = new App();
const config = readStageConfig(app);
const stack = new FolioStack(app, `Folio-${config.stage}`, {
  config,
  env: { region: config.region, ...(config.account && { account: config.account }) },
  description: `folio customer-data backend (${config.stage})`,
  tags: { project: 'folio', stage: config.stage },
});
acknowledgeStackFindings(stack);
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
