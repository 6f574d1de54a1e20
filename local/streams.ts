/**
 * The local DynamoDB stream event source: polls DynamoDB Local's stream of each consumer's
 * table and invokes the consumer with a DynamoDBStreamEvent, as Lambda's event source mapping
 * does: batches in order per shard, a failing batch retried from the first failed record
 * (`batchItemFailures`) up to retryAttempts, then set aside (in AWS: the dead-letter queue).
 * Positions are kept in memory; a restarted stack delivers only records written after its start:
 * at start each shard is read from its trim horizon to its end without delivering (DynamoDB
 * Local refuses a LATEST iterator on a shard that has no record yet).
 */
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record,
} from '@aws-sdk/client-dynamodb-streams';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { StreamConsumerDefinition } from '#system/streams';
import type { FunctionRuntime } from './runtime';

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const region = 'eu-central-1';

interface ShardCursor {
  iterator: string | undefined;
  closed: boolean;
  lastSequence: string | undefined;
}

export interface StreamFailure {
  readonly consumer: string;
  readonly records: readonly DynamoDBRecord[];
}

export class LocalStreams {
  private readonly dynamodb: DynamoDBClient;
  private readonly streams: DynamoDBStreamsClient;
  private readonly shards = new Map<string, Map<string, ShardCursor>>();
  private readonly streamArns = new Map<string, string>();
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;
  private stopped = false;
  /** Batches that failed every retry (in AWS they go to the consumer's dead-letter queue). */
  readonly failures: StreamFailure[] = [];

  constructor(
    endpoint: string,
    private readonly consumers: readonly StreamConsumerDefinition[],
    private readonly physicalName: (table: StreamConsumerDefinition['table']) => string,
    private readonly runtime: Pick<FunctionRuntime, 'invoke'>,
    private readonly intervalMs = 200,
  ) {
    this.dynamodb = new DynamoDBClient({ endpoint, region, credentials });
    this.streams = new DynamoDBStreamsClient({ endpoint, region, credentials });
  }

  /** Finds each stream and starts after its latest record, like a new event source mapping at LATEST. */
  async start(): Promise<void> {
    for (const consumer of this.consumers) {
      const { Table } = await this.dynamodb.send(new DescribeTableCommand({ TableName: this.physicalName(consumer.table) }));
      const arn = Table?.LatestStreamArn;
      if (arn === undefined) throw new Error(`table ${consumer.table} has no stream for ${consumer.name}`);
      this.streamArns.set(consumer.name, arn);
      this.shards.set(consumer.name, new Map());
      await this.discoverShards(consumer, true);
    }
    this.schedule();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.polling;
    this.dynamodb.destroy();
    this.streams.destroy();
  }

  /** One poll of every shard of every consumer; resolves when the batches are handled. */
  async pollOnce(): Promise<void> {
    for (const consumer of this.consumers) {
      await this.discoverShards(consumer, false);
      for (const [shardId, cursor] of this.shards.get(consumer.name) ?? []) {
        if (cursor.closed || cursor.iterator === undefined) continue;
        let page;
        try {
          page = await this.streams.send(new GetRecordsCommand({ ShardIterator: cursor.iterator, Limit: 1000 }));
        } catch (error: unknown) {
          if (!(error instanceof Error && /ExpiredIterator|TrimmedDataAccess/.test(error.name))) throw error;
          cursor.iterator = await this.iterator(consumer, shardId, cursor.lastSequence);
          continue;
        }
        const records = page.Records ?? [];
        for (let i = 0; i < records.length; i += consumer.batchSize) {
          await this.deliver(consumer, records.slice(i, i + consumer.batchSize));
        }
        cursor.lastSequence = page.Records?.at(-1)?.dynamodb?.SequenceNumber ?? cursor.lastSequence;
        cursor.iterator = page.NextShardIterator;
        cursor.closed = page.NextShardIterator === undefined;
      }
    }
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.polling = this.pollOnce()
        .catch(() => undefined)
        .finally(() => this.schedule());
    }, this.intervalMs);
    this.timer.unref();
  }

  private async iterator(consumer: StreamConsumerDefinition, shardId: string, after: string | undefined): Promise<string | undefined> {
    const arn = this.streamArns.get(consumer.name);
    const { ShardIterator } = await this.streams.send(
      new GetShardIteratorCommand({
        StreamArn: arn,
        ShardId: shardId,
        ...(after === undefined ? { ShardIteratorType: 'TRIM_HORIZON' } : { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: after }),
      }),
    );
    return ShardIterator;
  }

  /** New shards are read from their start; at `skipExisting` (the stack's start), past their current end. */
  private async discoverShards(consumer: StreamConsumerDefinition, skipExisting: boolean): Promise<void> {
    const arn = this.streamArns.get(consumer.name);
    const known = this.shards.get(consumer.name);
    if (arn === undefined || known === undefined) return;
    const { StreamDescription } = await this.streams.send(new DescribeStreamCommand({ StreamArn: arn }));
    for (const shard of StreamDescription?.Shards ?? []) {
      const id = shard.ShardId;
      if (id === undefined || known.has(id)) continue;
      const cursor: ShardCursor = { iterator: await this.iterator(consumer, id, undefined), closed: false, lastSequence: undefined };
      while (skipExisting && cursor.iterator !== undefined) {
        const page = await this.streams.send(new GetRecordsCommand({ ShardIterator: cursor.iterator, Limit: 1000 }));
        cursor.lastSequence = page.Records?.at(-1)?.dynamodb?.SequenceNumber ?? cursor.lastSequence;
        cursor.iterator = page.NextShardIterator;
        if ((page.Records ?? []).length === 0) break;
      }
      cursor.closed = cursor.iterator === undefined;
      known.set(id, cursor);
    }
  }

  private toLambdaRecord(consumer: StreamConsumerDefinition, record: _Record): DynamoDBRecord {
    return {
      eventID: record.eventID,
      eventName: record.eventName,
      eventVersion: record.eventVersion ?? '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: region,
      dynamodb: {
        ...record.dynamodb,
        ApproximateCreationDateTime:
          record.dynamodb?.ApproximateCreationDateTime === undefined ? undefined : Math.floor(new Date(record.dynamodb.ApproximateCreationDateTime).getTime() / 1000),
      } as DynamoDBRecord['dynamodb'],
      eventSourceARN: this.streamArns.get(consumer.name),
    };
  }

  private async deliver(consumer: StreamConsumerDefinition, batch: readonly _Record[]): Promise<void> {
    let pending = batch.map((r) => this.toLambdaRecord(consumer, r));
    for (let attempt = 0; attempt <= consumer.retryAttempts && pending.length > 0; attempt += 1) {
      const event: DynamoDBStreamEvent = { Records: pending };
      try {
        const result = (await this.runtime.invoke(consumer.consumer, event, consumer.needs)) as { batchItemFailures?: { itemIdentifier: string }[] } | undefined;
        const failed = result?.batchItemFailures?.[0]?.itemIdentifier;
        // Lambda resumes from the first failed record's sequence number, keeping order.
        const from = failed === undefined ? -1 : pending.findIndex((r) => r.dynamodb?.SequenceNumber === failed);
        pending = from < 0 ? [] : pending.slice(from);
      } catch {
        // The whole batch is retried.
      }
    }
    if (pending.length > 0) this.failures.push({ consumer: consumer.name, records: pending });
  }
}
