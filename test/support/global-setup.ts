/**
 * Starts one local stack for the whole integration run; every test file talks to it over HTTP
 * and the real AWS SDK clients, with ids of its own.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { findPersonalData } from './personal-data';
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
  // One file per run: two runs at once in one checkout must not write over each other's log,
  // which the teardown scans.
  const logFile = join(dir, `local-stack-${process.pid}.log`);
  const stack = await spawnStack({ env: { LOCAL_OPERATOR_PASSWORD: operatorPassword }, logFile });
  project.provide('baseUrl', stack.url);
  project.provide('operatorPassword', operatorPassword);
  project.provide('stackLogFile', logFile);
  return async () => {
    await stack.stop('SIGINT');
    // The whole run's log, every test's customers included, must hold no personal data.
    const found = findPersonalData(readFileSync(logFile, 'utf8'), [operatorPassword]);
    if (found.length > 0) {
      // vitest reports a teardown error but still exits 0; the exit code must say it too.
      process.exitCode = 1;
      throw new Error(`the local stack's log holds personal data:\n${found.join('\n')}`);
    }
  };
}
