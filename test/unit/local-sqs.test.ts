/**
 * The local SQS behaves like the Lambda event source mapping it stands in for: partial batch
 * failures are retried alone, and a message that keeps failing moves to the dead-letter queue.
 */
import type { SQSEvent } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import type { FunctionRuntime } from '../../local/runtime';
import { LocalSqs } from '../../local/sqs';
import { queues } from '../../system/queues';

const fakeRuntime = (consume: (event: SQSEvent) => Promise<unknown>) =>
  ({ invoke: async (_name: string, event: unknown) => consume(event as SQSEvent) }) as unknown as FunctionRuntime;

let sqs: LocalSqs | undefined;
afterEach(async () => {
  await sqs?.stop();
});

const waitFor = async (condition: () => boolean) => {
  for (let i = 0; i < 200 && !condition(); i += 1) await new Promise((r) => setTimeout(r, 10));
};

describe('the local SQS', () => {
  it('delivers a message in the shape Lambda receives and deletes it on success', async () => {
    const seen: SQSEvent[] = [];
    sqs = new LocalSqs('http://127.0.0.1:1', fakeRuntime(async (event) => { seen.push(event); return { batchItemFailures: [] }; }));
    sqs.start();
    const url = sqs.queueUrl('outboundMessages');
    const sent = sqs.handle('SendMessage', { QueueUrl: url, MessageBody: '{"a":1}' }) as { MessageId: string; MD5OfMessageBody: string };
    await waitFor(() => seen.length > 0 && sqs?.depth('outboundMessages') === 0);
    const record = seen[0]?.Records[0];
    expect(record).toMatchObject({ messageId: sent.MessageId, body: '{"a":1}', eventSource: 'aws:sqs', md5OfBody: sent.MD5OfMessageBody });
    expect(record?.attributes.ApproximateReceiveCount).toBe('1');
    expect(record?.eventSourceARN).toMatch(/:outboundMessages$/);
    expect(sqs.depth('outboundMessages')).toBe(0);
  });

  it('keeps only the failed items of a batch, and redrives a message that keeps failing', async () => {
    let now = 1_000_000;
    const attempts = new Map<string, number>();
    sqs = new LocalSqs(
      'http://127.0.0.1:1',
      fakeRuntime(async (event) => ({
        batchItemFailures: event.Records.filter((r) => {
          attempts.set(r.body, (attempts.get(r.body) ?? 0) + 1);
          return r.body === 'poison';
        }).map((r) => ({ itemIdentifier: r.messageId })),
      })),
      () => now,
    );
    sqs.start();
    const url = sqs.queueUrl('outboundMessages');
    sqs.handle('SendMessageBatch', { QueueUrl: url, Entries: [{ Id: '1', MessageBody: 'good' }, { Id: '2', MessageBody: 'poison' }] });
    const { maxReceiveCount, visibilityTimeoutSeconds } = queues.outboundMessages;
    for (let i = 0; i <= maxReceiveCount; i += 1) {
      await waitFor(() => (attempts.get('poison') ?? 0) >= Math.min(i + 1, maxReceiveCount));
      now += visibilityTimeoutSeconds * 1000 + 1;
      sqs.start();
    }
    await waitFor(() => sqs?.depth('outboundMessages-dlq') === 1);
    expect(attempts.get('good')).toBe(1);
    expect(attempts.get('poison')).toBe(maxReceiveCount);
    expect(sqs.depth('outboundMessages')).toBe(0);
    expect(sqs.depth('outboundMessages-dlq')).toBe(1);
  });

  it('refuses an unknown queue like SQS does', () => {
    sqs = new LocalSqs('http://127.0.0.1:1', fakeRuntime(async () => ({})));
    expect(() => sqs?.handle('SendMessage', { QueueUrl: 'http://127.0.0.1:1/000000000000/nope', MessageBody: 'x' })).toThrow(/does not exist/);
  });
});
