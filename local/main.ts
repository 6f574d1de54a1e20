/**
 * `npm start`: folio on embedded stand-ins at http://127.0.0.1:3000 (PORT overrides).
 * Data is kept in .local/ (FOLIO_DATA_DIR overrides; FOLIO_IN_MEMORY=1 keeps nothing).
 */
import { resolve } from 'node:path';
import { startLocalStack } from './stack';

// The AWS SDKs warn about Node versions and v2's end of support on every start; the stand-in
// that loads v2 (cognito-local) is not ours to migrate. Other warnings still show.
const quiet = /NodeVersionSupportWarning|AWS SDK for JavaScript \(v2\)/;
process.removeAllListeners('warning');
process.on('warning', (warning) => {
  if (!quiet.test(`${warning.name}: ${warning.message}`)) process.stderr.write(`${warning.name}: ${warning.message}\n`);
});

const started = performance.now();
const port = Number(process.env['PORT'] ?? 3000);
const inMemory = process.env['FOLIO_IN_MEMORY'] === '1';
const dataDir = inMemory ? undefined : resolve(process.env['FOLIO_DATA_DIR'] ?? '.local');
const givenPassword = process.env['LOCAL_OPERATOR_PASSWORD'];

const fail = (error: unknown): never => {
  process.stderr.write(`folio: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
};

if (!Number.isInteger(port) || port < 1 || port > 65535) fail(new Error(`PORT must be a port number, not ${process.env['PORT']}`));

const stack = await startLocalStack({
  port,
  ...(dataDir === undefined ? {} : { dataDir }),
  ...(givenPassword === undefined ? {} : { operatorPassword: givenPassword }),
}).catch(fail);

const seconds = ((performance.now() - started) / 1000).toFixed(1);
process.stdout.write(
  [
    '',
    `folio is running at ${stack.url}  (started in ${seconds} s)`,
    `  API        ${stack.url}/v1/health`,
    `  OpenAPI    ${stack.url}/v1/openapi.json`,
    `  Outbox     ${stack.url}/_local/outbox`,
    `  Jobs       ${stack.url}/_local/jobs  (run one: POST /_local/jobs/{name}/run)`,
    `  Contractor ${stack.url}/_local/contractors/mailer`,
    `  Stand-ins  ${stack.url}/_local/stack`,
    `  Operator   ${stack.operator.email}  password: ${givenPassword === undefined ? stack.operator.password : '(from LOCAL_OPERATOR_PASSWORD)'}`,
    `  Data       ${dataDir ?? 'in memory (FOLIO_IN_MEMORY=1)'}`,
    'Ctrl-C stops everything.',
    '',
  ].join('\n') + '\n',
);

let stopping = false;
const shutdown = (signal: string) => {
  if (stopping) return;
  stopping = true;
  process.stdout.write(`\nfolio: ${signal}, stopping...\n`);
  stack.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
