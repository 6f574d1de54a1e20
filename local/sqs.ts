/**
 * A local SQS: the queues of system/queues.ts, each with its dead-letter queue, served over
 * SQS's JSON protocol so the handlers' own SQSClient talks to it, and polled like Lambda's
 * event source mapping polls SQS: batches, visibility timeout, receive counts, partial batch
 * failures (`batchItemFailures`) and redrive to the dead-letter queue after maxReceiveCount.
 * Messages live in memory: a restart of the local stack empties the queues.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { type QueueDefinition, type QueueName, queues } from '#system/queues';
import type { FunctionRuntime } from './runtime';

const region = 'eu-central-1';
const account = '000000000000';

interface StoredMessage {
  readonly messageId: string;
  readonly body: string;
  readonly md5: string;
  readonly sentAt: number;
  receiveCount: number;
  firstReceivedAt: number | undefined;
  visibleAt: number;
  receiptHandle: string | undefined;
}

interface LocalQueue {
  readonly name: string;
  readonly definition: QueueDefinition | undefined;
  readonly messages: StoredMessage[];
  readonly deadLetter: LocalQueue | undefined;
  inFlightBatches: number;
}

export class SqsError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const md5 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');

export class LocalSqs {
  private readonly queues = new Map<string, LocalQueue>();
  private timer: NodeJS.Timeout | undefined;
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly baseUrl: string,
    private readonly runtime: FunctionRuntime,
    private readonly now: () => number = Date.now,
  ) {
    for (const [name, definition] of Object.entries(queues) as [QueueName, QueueDefinition][]) {
      const deadLetter: LocalQueue = { name: `${name}-dlq`, definition: undefined, messages: [], deadLetter: undefined, inFlightBatches: 0 };
      this.queues.set(deadLetter.name, deadLetter);
      this.queues.set(name, { name, definition, messages: [], deadLetter, inFlightBatches: 0 });
    }
  }

  queueUrl(name: string): string {
    return `${this.baseUrl}/${account}/${name}`;
  }

  private queueOf(url: unknown): LocalQueue {
    const name = typeof url === 'string' ? url.split('/').pop() : undefined;
    const queue = name === undefined ? undefined : this.queues.get(name);
    if (queue === undefined) throw new SqsError('QueueDoesNotExist', 'The specified queue does not exist.');
    return queue;
  }

  send(queue: LocalQueue, body: unknown, delaySeconds: unknown): { MessageId: string; MD5OfMessageBody: string } {
    if (typeof body !== 'string' || body.length === 0) throw new SqsError('InvalidParameterValue', 'MessageBody is required');
    if (Buffer.byteLength(body) > 256 * 1024) throw new SqsError('InvalidParameterValue', 'MessageBody is over 256 KiB');
    const message: StoredMessage = {
      messageId: randomUUID(),
      body,
      md5: md5(body),
      sentAt: this.now(),
      receiveCount: 0,
      firstReceivedAt: undefined,
      visibleAt: this.now() + (typeof delaySeconds === 'number' ? delaySeconds * 1000 : 0),
      receiptHandle: undefined,
    };
    queue.messages.push(message);
    this.schedulePoll(0);
    return { MessageId: message.messageId, MD5OfMessageBody: message.md5 };
  }

  /** Answers one SQS JSON-protocol action. */
  handle(action: string, input: Record<string, unknown>): unknown {
    switch (action) {
      case 'SendMessage':
        return this.send(this.queueOf(input['QueueUrl']), input['MessageBody'], input['DelaySeconds']);
      case 'SendMessageBatch': {
        const queue = this.queueOf(input['QueueUrl']);
        const entries = Array.isArray(input['Entries']) ? (input['Entries'] as Record<string, unknown>[]) : [];
        if (entries.length === 0 || entries.length > 10) throw new SqsError('TooManyEntriesInBatchRequest', 'Send 1 to 10 entries.');
        return {
          Successful: entries.map((entry) => ({ Id: entry['Id'], ...this.send(queue, entry['MessageBody'], entry['DelaySeconds']) })),
          Failed: [],
        };
      }
      case 'GetQueueUrl': {
        const name = String(input['QueueName']);
        if (!this.queues.has(name)) throw new SqsError('QueueDoesNotExist', 'The specified queue does not exist.');
        return { QueueUrl: this.queueUrl(name) };
      }
      case 'GetQueueAttributes': {
        const queue = this.queueOf(input['QueueUrl']);
        const now = this.now();
        return {
          Attributes: {
            ApproximateNumberOfMessages: String(queue.messages.filter((m) => m.visibleAt <= now).length),
            ApproximateNumberOfMessagesNotVisible: String(queue.messages.filter((m) => m.visibleAt > now).length),
          },
        };
      }
      case 'ChangeMessageVisibility': {
        const queue = this.queueOf(input['QueueUrl']);
        const message = queue.messages.find((m) => m.receiptHandle === input['ReceiptHandle']);
        if (message === undefined) throw new SqsError('ReceiptHandleIsInvalid', 'The receipt handle is not valid.');
        message.visibleAt = this.now() + Number(input['VisibilityTimeout'] ?? 0) * 1000;
        this.schedulePoll(Math.max(0, message.visibleAt - this.now()));
        return {};
      }
      case 'PurgeQueue':
        this.queueOf(input['QueueUrl']).messages.length = 0;
        return {};
      default:
        throw new SqsError('UnsupportedOperation', `The local SQS does not support ${action}.`);
    }
  }

  start(): void {
    this.schedulePoll(0);
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await Promise.allSettled([...this.running]);
  }

  /** Messages still waiting or in flight, per queue (tests and fault drills read it). */
  depth(name: string): number {
    return this.queues.get(name)?.messages.length ?? 0;
  }

  private schedulePoll(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.poll(), Math.min(Math.max(delayMs, 0), 1_000));
  }

  private poll(): void {
    this.timer = undefined;
    for (const queue of this.queues.values()) {
      const definition = queue.definition;
      if (definition === undefined) continue;
      while (queue.inFlightBatches < definition.maxConcurrency) {
        const batch = this.receive(queue, definition);
        if (batch.length === 0) break;
        queue.inFlightBatches += 1;
        const run = this.deliver(queue, definition, batch).finally(() => {
          queue.inFlightBatches -= 1;
          this.running.delete(run);
          this.schedulePoll(0);
        });
        this.running.add(run);
      }
    }
    const now = this.now();
    const nextVisible = Math.min(
      ...[...this.queues.values()].filter((q) => q.definition).flatMap((q) => q.messages.map((m) => m.visibleAt)),
    );
    this.schedulePoll(Number.isFinite(nextVisible) ? nextVisible - now : 1_000);
  }

  private receive(queue: LocalQueue, definition: QueueDefinition): StoredMessage[] {
    const now = this.now();
    const batch: StoredMessage[] = [];
    for (const message of [...queue.messages]) {
      if (batch.length >= definition.batchSize) break;
      if (message.visibleAt > now) continue;
      if (message.receiveCount >= definition.maxReceiveCount && queue.deadLetter) {
        // Redrive: the message failed maxReceiveCount times; it moves to the dead-letter queue.
        queue.messages.splice(queue.messages.indexOf(message), 1);
        queue.deadLetter.messages.push({ ...message, visibleAt: now, receiptHandle: undefined });
        continue;
      }
      message.receiveCount += 1;
      message.firstReceivedAt ??= now;
      message.visibleAt = now + definition.visibilityTimeoutSeconds * 1000;
      message.receiptHandle = randomUUID();
      batch.push(message);
    }
    return batch;
  }

  private async deliver(queue: LocalQueue, definition: QueueDefinition, batch: StoredMessage[]): Promise<void> {
    const event: SQSEvent = { Records: batch.map((m) => this.toRecord(queue, m)) };
    let failed: Set<string>;
    try {
      const result = (await this.runtime.invoke(definition.consumer, event, definition.consumerNeeds)) as
        | { batchItemFailures?: { itemIdentifier: string }[] }
        | undefined;
      failed = new Set((result?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
    } catch {
      failed = new Set(batch.map((m) => m.messageId));
    }
    for (const message of batch) {
      if (failed.has(message.messageId)) continue;
      const index = queue.messages.indexOf(message);
      if (index >= 0) queue.messages.splice(index, 1);
    }
  }

  private toRecord(queue: LocalQueue, message: StoredMessage): SQSRecord {
    return {
      messageId: message.messageId,
      receiptHandle: message.receiptHandle ?? '',
      body: message.body,
      attributes: {
        ApproximateReceiveCount: String(message.receiveCount),
        SentTimestamp: String(message.sentAt),
        SenderId: account,
        ApproximateFirstReceiveTimestamp: String(message.firstReceivedAt ?? message.sentAt),
      },
      messageAttributes: {},
      md5OfBody: message.md5,
      eventSource: 'aws:sqs',
      eventSourceARN: `arn:aws:sqs:${region}:${account}:${queue.name}`,
      awsRegion: region,
    };
  }
}
