/**
 * The local DynamoDB stream event source: polls DynamoDB Local's stream of each consumer's
 * table and invokes the consumer with a DynamoDBStreamEvent, as Lambda's event source mapping
 * does: batches in order per shard, a failing batch retried from the first failed record
 * (`batchItemFailures`) up to retryAttempts, then set aside (in AWS: the dead-letter queue).
 * Positions are kept in memory; a restarted stack starts at the stream's latest records.
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
      await this.discoverShards(consumer, 'LATEST');
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
      await this.discoverShards(consumer, 'TRIM_HORIZON');
      for (const cursor of this.shards.get(consumer.name)?.values() ?? []) {
        if (cursor.closed || cursor.iterator === undefined) continue;
        const { Records = [], NextShardIterator } = await this.streams.send(new GetRecordsCommand({ ShardIterator: cursor.iterator, Limit: 1000 }));
        for (let i = 0; i < Records.length; i += consumer.batchSize) {
          await this.deliver(consumer, Records.slice(i, i + consumer.batchSize));
        }
        cursor.iterator = NextShardIterator;
        cursor.closed = NextShardIterator === undefined;
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

  /** Shards present at start begin at `initial`; shards that appear later are read from their start. */
  private async discoverShards(consumer: StreamConsumerDefinition, initial: 'LATEST' | 'TRIM_HORIZON'): Promise<void> {
    const arn = this.streamArns.get(consumer.name);
    const known = this.shards.get(consumer.name);
    if (arn === undefined || known === undefined) return;
    const { StreamDescription } = await this.streams.send(new DescribeStreamCommand({ StreamArn: arn }));
    for (const shard of StreamDescription?.Shards ?? []) {
      const id = shard.ShardId;
      if (id === undefined || known.has(id)) continue;
      const { ShardIterator } = await this.streams.send(new GetShardIteratorCommand({ StreamArn: arn, ShardId: id, ShardIteratorType: initial }));
      known.set(id, { iterator: ShardIterator, closed: ShardIterator === undefined });
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
