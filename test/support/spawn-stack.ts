/**
 * Starts `local/main.ts` (what `npm start` runs) as a child process and waits for its banner.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { resolve } from 'node:path';
import { freePort } from '../../local/ports';

export const root = resolve(import.meta.dirname, '..', '..');

export interface SpawnedStack {
  readonly url: string;
  readonly port: number;
  readonly child: ChildProcess;
  readonly output: () => string;
  readonly startMs: number;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export const spawnStack = async (options: {
  env?: Record<string, string>;
  port?: number;
  logFile?: string;
  timeoutMs?: number;
} = {}): Promise<SpawnedStack> => {
  const port = options.port ?? (await freePort());
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'local/main.ts'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), FOLIO_IN_MEMORY: '1', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const log = options.logFile ? createWriteStream(options.logFile) : undefined;
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    log?.write(chunk);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));

  let giveUp: NodeJS.Timeout | undefined;
  const ready = await Promise.race([
    new Promise<boolean>((done) => {
      const check = () => (output.includes('folio is running at') ? done(true) : setTimeout(check, 50).unref());
      check();
    }),
    exited.then(() => false),
    new Promise<boolean>((done) => {
      giveUp = setTimeout(() => done(false), options.timeoutMs ?? 60_000);
    }),
  ]);
  clearTimeout(giveUp);
  const startMs = performance.now() - started;
  const stop = async (signal: NodeJS.Signals = 'SIGINT') => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    const code = await exited;
    log?.end();
    return code;
  };
  if (!ready) {
    await stop('SIGKILL');
    throw new Error(`the local stack did not start:\n${output.slice(-3000)}`);
  }
  return { url: `http://127.0.0.1:${port}`, port, child, output: () => output, startMs, stop };
};
