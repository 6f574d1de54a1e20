/**
 * The stage's stack as bin/folio.ts builds it, shared with the infrastructure tests so they
 * synthesize exactly what is deployed (the definitions may be replaced for a test).
 */
import type { App, StackProps } from 'aws-cdk-lib';
import { readStageConfig } from './config';
import { FolioStack, type FolioStackProps } from './folio-stack';

export type DefinitionOverrides = Omit<FolioStackProps, 'config' | keyof StackProps>;

export const createFolioStack = (app: App, overrides: DefinitionOverrides = {}): FolioStack => {
  const config = readStageConfig(app);
  return new FolioStack(app, `Folio-${config.stage}`, {
    config,
    env: { region: config.region, ...(config.account && { account: config.account }) },
    description: `folio customer-data backend (${config.stage})`,
    tags: { project: 'folio', stage: config.stage },
    ...overrides,
  });
};
