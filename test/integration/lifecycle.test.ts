/**
 * `npm start` itself: it keeps data across a restart, stops every process it started on
 * Ctrl-C, and refuses with one clear line when its port is taken.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { awsClientConfig, type StackInfo } from '../support/api';
import { spawnStack } from '../support/spawn-stack';

const dataDir = mkdtempSync(join(tmpdir(), 'folio-lifecycle-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const processesUsing = (dir: string) => {
  try {
    // No shell: a shell's own command line would contain the directory and match.
    return execFileSync('pgrep', ['-f', '--', dir], { encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
};

describe('npm start', () => {
  it('keeps data across a restart and leaves no process behind on Ctrl-C', { timeout: 120_000 }, async () => {
    const env = { FOLIO_IN_MEMORY: '0', FOLIO_DATA_DIR: dataDir };
    const first = await spawnStack({ env });
    const info = (await (await fetch(`${first.url}/_local/stack`)).json()) as StackInfo;
    const db = DynamoDBDocumentClient.from(new DynamoDBClient(awsClientConfig(info.endpoints.dynamodb)));
    await db.send(new PutCommand({ TableName: info.tables['catalogue'], Item: { productId: 'lifecycle-proof', title: 'Kept', author: 'Test', priceMinor: 100, currency: 'RUB', listing: 'none', sortKey: 'x' } }));
    expect(processesUsing(dataDir)).not.toBe('');
    expect(await first.stop('SIGINT')).toBe(0);
    expect(processesUsing(dataDir)).toBe('');

    const second = await spawnStack({ env });
    const book = await fetch(`${second.url}/v1/products/lifecycle-proof`);
    expect(book.status).toBe(200);
    expect(((await book.json()) as { title: string }).title).toBe('Kept');
    expect(await second.stop('SIGTERM')).toBe(0);
    expect(processesUsing(dataDir)).toBe('');
  });

  it('refuses with one line when its port is taken', { timeout: 60_000 }, async () => {
    const running = await spawnStack();
    try {
      await expect(spawnStack({ port: running.port, timeoutMs: 20_000 })).rejects.toThrow(/folio: port \d+ \(the API\) is already in use/);
    } finally {
      await running.stop();
    }
  });
});
