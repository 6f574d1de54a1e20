/**
 * Privacy requests on DynamoDB. A request is put only under a free id; a state change only from
 * the status (and extension count) it was computed from; a deadline flag only once and only
 * while the request is open. Open requests carry `queue = 'OPEN'`, the partition of the sparse
 * byDue index the operators' queue and the deadline watch read, soonest due first.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from '#system/zod';
import { dynamodb } from '#commons/clients/dynamodb';
import { once, tableName } from '#commons/config';
import { customerPage } from './customer-page';
import { decodeCursor, encodeCursor } from '#commons/http/cursor';
import type { PrivacyRequest, PrivacyRequestStore } from '#domain/privacy/requests';

const table = once(() => tableName('privacyRequests'));
const open = 'OPEN';

const requestIdSchema = z.string().check(z.regex(/^[A-Za-z0-9_-]{8,64}$/));
/** The byCustomer index's key, as a page cursor: only ids, dates and the caller's own customer id. */
const customerCursorSchema = z.strictObject({ requestId: requestIdSchema, customerId: z.string().check(z.minLength(1), z.maxLength(128)), receivedAt: z.string().check(z.maxLength(40)) });
/** The byDue index's key. */
const queueCursorSchema = z.strictObject({ requestId: requestIdSchema, queue: z.literal(open), dueBy: z.string().check(z.maxLength(40)) });

const conditionFailed = (error: unknown): boolean => {
  if (error instanceof ConditionalCheckFailedException) return true;
  throw error;
};

export const privacyRequestStore: PrivacyRequestStore = {
  async get(requestId) {
    const { Item } = await dynamodb.send(new GetCommand({ TableName: table(), Key: { requestId }, ConsistentRead: true }));
    return Item as PrivacyRequest | undefined;
  },

  async create(request) {
    try {
      await dynamodb.send(new PutCommand({ TableName: table(), Item: request, ConditionExpression: 'attribute_not_exists(requestId)' }));
      return true;
    } catch (error: unknown) {
      return !conditionFailed(error);
    }
  },

  async page(customerId, limit, cursor) {
    const page = await customerPage({ table: table(), index: 'byCustomer', cursorSchema: customerCursorSchema, customerId, limit, cursor });
    return { items: page.items as unknown as PrivacyRequest[], next: page.next };
  },

  async queue({ limit, cursor, dueBefore, status }) {
    const start = decodeCursor(cursor, queueCursorSchema);
    const result = await dynamodb.send(
      new QueryCommand({
        TableName: table(),
        IndexName: 'byDue',
        KeyConditionExpression: dueBefore === undefined ? '#queue = :q' : '#queue = :q AND dueBy < :before',
        // Limit counts items read before the filter: a page may be short, the cursor goes on.
        ...(status === undefined ? {} : { FilterExpression: '#status = :status' }),
        ExpressionAttributeNames: { '#queue': 'queue', ...(status === undefined ? {} : { '#status': 'status' }) },
        ExpressionAttributeValues: {
          ':q': open,
          ...(dueBefore === undefined ? {} : { ':before': dueBefore }),
          ...(status === undefined ? {} : { ':status': status }),
        },
        ScanIndexForward: true,
        Limit: limit,
        ExclusiveStartKey: start,
      }),
    );
    return { items: (result.Items ?? []) as PrivacyRequest[], next: encodeCursor(result.LastEvaluatedKey) ?? undefined };
  },

  async openDueBefore(instant) {
    const items: PrivacyRequest[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const result = await dynamodb.send(
        new QueryCommand({
          TableName: table(),
          IndexName: 'byDue',
          KeyConditionExpression: '#queue = :q AND dueBy < :before',
          ExpressionAttributeNames: { '#queue': 'queue' },
          ExpressionAttributeValues: { ':q': open, ':before': instant },
          ExclusiveStartKey: start,
        }),
      );
      items.push(...((result.Items ?? []) as PrivacyRequest[]));
      start = result.LastEvaluatedKey;
    } while (start !== undefined);
    return items;
  },

  async transition(change) {
    const names: Record<string, string> = { '#status': 'status', '#history': 'history', '#extensions': 'extensions' };
    const values: Record<string, unknown> = {
      ':to': change.to,
      ':from': change.from,
      ':n': change.fromExtensions,
      ':entry': [change.entry],
      ':at': change.entry.at,
    };
    let update = 'SET #status = :to, #history = list_append(#history, :entry), updatedAt = :at';
    if (change.dueBy !== undefined) {
      update += ', dueBy = :due, #extensions = :next';
      values[':due'] = change.dueBy;
      values[':next'] = change.fromExtensions + 1;
    }
    if (change.close) {
      update += ' REMOVE #queue';
      names['#queue'] = 'queue';
    }
    try {
      await dynamodb.send(
        new UpdateCommand({
          TableName: table(),
          Key: { requestId: change.requestId },
          UpdateExpression: update,
          ConditionExpression: '#status = :from AND #extensions = :n',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      );
      return true;
    } catch (error: unknown) {
      return !conditionFailed(error);
    }
  },

  async flag(requestId, flag, at) {
    try {
      await dynamodb.send(
        new UpdateCommand({
          TableName: table(),
          Key: { requestId },
          UpdateExpression: 'SET #flag = :at',
          ConditionExpression: 'attribute_exists(requestId) AND #queue = :q AND attribute_not_exists(#flag)',
          ExpressionAttributeNames: { '#flag': flag, '#queue': 'queue' },
          ExpressionAttributeValues: { ':at': at, ':q': open },
        }),
      );
      return true;
    } catch (error: unknown) {
      return !conditionFailed(error);
    }
  },
};
