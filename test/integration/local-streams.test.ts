/**
 * The local stream event source against DynamoDB Local's own stream: records reach the
 * consumer in order with Lambda's shape, and a partial batch failure is retried from the first
 * failed record only.
 */
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../local/dynamodb';
import { freePort } from '../../local/ports';
import { LocalStreams } from '../../local/streams';
import type { StreamConsumerDefinition } from '../../system/streams';
import type { TableName } from '../../system/tables';

const tableName = 'stream-probe';
const consumer: StreamConsumerDefinition = {
  name: 'probe',
  description: 'records what it receives',
  table: 'streamProbe' as TableName,
  consumer: 'probe',
  needs: {},
  batchSize: 10,
  retryAttempts: 2,
};

let dynamo: DynamoDbLocal;
let client: DynamoDBDocumentClient;

beforeAll(async () => {
  dynamo = await startDynamoDbLocal(await freePort(), undefined);
  const raw = new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'eu-central-1', credentials: { accessKeyId: 'l', secretAccessKey: 'l' } });
  await raw.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    }),
  );
  client = DynamoDBDocumentClient.from(raw);
}, 60_000);

afterAll(async () => {
  dynamo.process.kill('SIGTERM');
  await new Promise((r) => dynamo.process.once('exit', r));
});

describe('the local stream event source', () => {
  it('delivers inserts, changes and removals in order, in the shape Lambda receives, retrying from a failed record', async () => {
    const received: DynamoDBRecord[][] = [];
    let failedOnce = false;
    const runtime = {
      invoke: async (_name: string, event: unknown) => {
        const records = (event as DynamoDBStreamEvent).Records;
        received.push(records);
        const second = records.find((r) => r.eventName === 'MODIFY');
        if (second && !failedOnce) {
          failedOnce = true;
          return { batchItemFailures: [{ itemIdentifier: second.dynamodb?.SequenceNumber }] };
        }
        return { batchItemFailures: [] };
      },
    };
    const streams = new LocalStreams(dynamo.endpoint, [consumer], () => tableName, runtime, 60_000);
    await streams.start();
    await client.send(new PutCommand({ TableName: tableName, Item: { id: 'a', v: 1 } }));
    await client.send(new UpdateCommand({ TableName: tableName, Key: { id: 'a' }, UpdateExpression: 'SET v = :v', ExpressionAttributeValues: { ':v': 2 } }));
    await client.send(new DeleteCommand({ TableName: tableName, Key: { id: 'a' } }));
    for (let i = 0; i < 20 && received.flat().length < 5; i += 1) await streams.pollOnce();
    await streams.stop();

    const [first, retry] = received;
    expect(first?.map((r) => r.eventName)).toEqual(['INSERT', 'MODIFY', 'REMOVE']);
    // Lambda resumes at the first failed record: the insert is not delivered again.
    expect(retry?.map((r) => r.eventName)).toEqual(['MODIFY', 'REMOVE']);
    const modify = first?.[1];
    expect(modify).toMatchObject({
      eventSource: 'aws:dynamodb',
      awsRegion: 'eu-central-1',
      dynamodb: { Keys: { id: { S: 'a' } }, NewImage: { id: { S: 'a' }, v: { N: '2' } }, OldImage: { id: { S: 'a' }, v: { N: '1' } }, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    });
    expect(modify?.eventSourceARN).toMatch(/stream-probe\/stream\//);
    expect(typeof modify?.dynamodb?.ApproximateCreationDateTime).toBe('number');
    expect(streams.failures).toEqual([]);
  });
});
