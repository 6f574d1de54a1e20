/**
 * Sign-in failure counters on DynamoDB, one item per key and window, expired by TTL.
 */
import { BatchGetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamodb } from '#commons/clients/dynamodb';
import { once, tableName } from '#commons/config';
import type { ThrottlePurpose, ThrottleStore } from '#domain/accounts/throttle';

const table = once(() => tableName('throttles'));
const accountItem = (key: string, window: number, purpose: ThrottlePurpose) => `${purpose}#account#${key}#${window}`;
const networkItem = (network: string, window: number, purpose: ThrottlePurpose) => `${purpose}#network#${network}#${window}`;

export const throttleStore: ThrottleStore = {
  async counts(accountKey, network, windowStart, purpose = 'signin') {
    const keys = [accountItem(accountKey, windowStart, purpose), networkItem(network, windowStart, purpose)];
    const result = await dynamodb.send(
      new BatchGetCommand({ RequestItems: { [table()]: { Keys: keys.map((throttleKey) => ({ throttleKey })), ProjectionExpression: 'throttleKey, failures' } } }),
    );
    const found = new Map((result.Responses?.[table()] ?? []).map((item) => [item['throttleKey'] as string, Number(item['failures'] ?? 0)]));
    return { account: found.get(keys[0] ?? '') ?? 0, network: found.get(keys[1] ?? '') ?? 0 };
  },

  async recordFailure(accountKey, network, windowStart, expiresAt, purpose = 'signin') {
    const [account] = await Promise.all([
      dynamodb.send(
        new UpdateCommand({
          TableName: table(),
          Key: { throttleKey: accountItem(accountKey, windowStart, purpose) },
          UpdateExpression: 'ADD failures :one, networks :network SET expiresAt = :expires',
          ExpressionAttributeValues: { ':one': 1, ':network': new Set([network]), ':expires': expiresAt },
          ReturnValues: 'ALL_NEW',
        }),
      ),
      dynamodb.send(
        new UpdateCommand({
          TableName: table(),
          Key: { throttleKey: networkItem(network, windowStart, purpose) },
          UpdateExpression: 'ADD failures :one SET expiresAt = :expires',
          ExpressionAttributeValues: { ':one': 1, ':expires': expiresAt },
        }),
      ),
    ]);
    const networks = account.Attributes?.['networks'] as Set<string> | undefined;
    return { count: Number(account.Attributes?.['failures'] ?? 1), networks: networks?.size ?? 1 };
  },
};
