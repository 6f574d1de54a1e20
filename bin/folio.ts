#!/usr/bin/env node
/**
 * The CDK app: one stack per stage, checked by cdk-nag's AwsSolutions pack at synth.
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { createFolioStack } from '../lib/app';
import { acknowledgeStackFindings } from '../lib/nag';

const app = new App();
const stack = createFolioStack(app);
acknowledgeStackFindings(stack);
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
