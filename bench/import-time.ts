/**
 * Cold-start import time of a bundle: the time Node takes to load and evaluate it in a fresh
 * process, which is what a Lambda cold start pays before the first invocation (module-level
 * clients, configuration and the whole bundle's top level run here).
 */
import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { queueEnv, queueNames } from '../system/queues';
import { tableEnv, tableNames } from '../system/tables';

/**
 * The environment of each import: every variable module-level configuration requires
 * (lambdas/commons/config.ts throws on a missing one), with dummy values. Nothing is inherited
 * from the caller, so a developer's AWS profile or NODE_OPTIONS cannot change the figures.
 */
export const importEnv = (): Record<string, string> => ({
  AWS_REGION: 'eu-central-1',
  ...Object.fromEntries(tableNames.map((table) => [tableEnv(table), `folio-bench-${table}`])),
  ...Object.fromEntries(
    queueNames.map((queue) => [queueEnv(queue), `https://sqs.eu-central-1.amazonaws.com/000000000000/folio-bench-${queue}`]),
  ),
  USER_POOL_ID: 'eu-central-1_bench',
  USER_POOL_CLIENT_ID: 'bench-client',
  SES_FROM_ADDRESS: 'bench@example.com',
});

const importTimeoutMs = 30_000;

/** Imports the bundle in a fresh Node process and returns the milliseconds the import took. */
export const timeImport = (file: string, env: Record<string, string> = importEnv()): Promise<number> =>
  new Promise((resolve, reject) => {
    // Timed inside the child, so Node's own start-up (the same for every bundle) is left out.
    const code = `const t=performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)}); process.stdout.write(String(performance.now()-t))`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', code], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), importTimeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (exitCode, signal) => {
      clearTimeout(timer);
      const ms = Number(stdout.trim());
      if (exitCode !== 0 || stdout.trim() === '' || !Number.isFinite(ms)) {
        reject(new Error(`importing ${file} failed (exit ${exitCode ?? signal}): ${stdout.slice(-500)}${stderr.slice(-2000)}`));
        return;
      }
      resolve(ms);
    });
  });

export interface InterleavedSamples {
  readonly baseline: number[];
  readonly subject: number[];
}

/**
 * `runs` imports of the subject and as many of the baseline, alternating, so a noisy moment of
 * the machine (another process, thermal throttling) hits both sides alike and the ratio stays
 * fair. One discarded pair first: the first process after bundling pays for cold file caches.
 */
export const timeInterleaved = async (baselineFile: string, subjectFile: string, runs: number): Promise<InterleavedSamples> => {
  const env = importEnv();
  await timeImport(baselineFile, env);
  await timeImport(subjectFile, env);
  const samples: InterleavedSamples = { baseline: [], subject: [] };
  // Sequential on purpose: parallel imports would compete for the CPUs they are measured on.
  for (let run = 0; run < runs; run++) {
    samples.baseline.push(await timeImport(baselineFile, env));
    samples.subject.push(await timeImport(subjectFile, env));
  }
  return samples;
};
