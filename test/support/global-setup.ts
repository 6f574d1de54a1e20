/**
 * Starts one local stack for the whole integration run; every test file talks to it over HTTP
 * and the real AWS SDK clients, with ids of its own.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { root, spawnStack } from './spawn-stack';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    operatorPassword: string;
    stackLogFile: string;
  }
}

export const operatorPassword = 'Integration-Operator-Pass1!';

export default async function setup(project: TestProject) {
  const dir = join(root, 'test-results');
  mkdirSync(dir, { recursive: true });
  const logFile = join(dir, 'local-stack.log');
  const stack = await spawnStack({ env: { LOCAL_OPERATOR_PASSWORD: operatorPassword }, logFile });
  project.provide('baseUrl', stack.url);
  project.provide('operatorPassword', operatorPassword);
  project.provide('stackLogFile', logFile);
  return async () => {
    await stack.stop('SIGINT');
  };
}
