/**
 * The contractors' side of the sync: their list (`CONTRACTORS`), the signed POST to each one's
 * endpoint, and each one's sync state in `contractorSync` (watermark, last acknowledgement,
 * failures). Only status codes are kept of a failure: a contractor's answer is never stored or logged.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamodb } from '#commons/clients/dynamodb';
import { once, requireEnv, tableName } from '#commons/config';
import { type Contractor, contractorsEnv, contractorsSchema } from '#system/contractors';
import type { ContractorSyncPorts, SyncState } from '#domain/messaging/contractor-sync';

export const contractors = once((): readonly Contractor[] => contractorsSchema.parse(JSON.parse(requireEnv(contractorsEnv))));

const table = once(() => tableName('contractorSync'));
const requestTimeoutMs = 15_000;

export const postToContractor: ContractorSyncPorts['post'] = async (endpoint, body, headers) => {
  const response = await fetch(endpoint, { method: 'POST', headers, body, redirect: 'error', signal: AbortSignal.timeout(requestTimeoutMs) });
  // The answer's body is not read into anything: drained, so the connection can be reused.
  await response.arrayBuffer().catch(() => undefined);
  return response.status;
};

export const contractorSyncState: ContractorSyncPorts['state'] = {
  async read(contractor) {
    const result = await dynamodb.send(new GetCommand({ TableName: table(), Key: { contractor }, ConsistentRead: true }));
    return result.Item as SyncState | undefined;
  },

  async acknowledge(contractor, previous, watermark, at) {
    try {
      await dynamodb.send(
        new UpdateCommand({
          TableName: table(),
          Key: { contractor },
          UpdateExpression: 'SET watermark = :watermark, lastAckAt = :at, consecutiveFailures = :zero REMOVE lastError',
          ConditionExpression: previous === undefined ? 'attribute_not_exists(watermark)' : 'watermark = :previous',
          ExpressionAttributeValues: { ':watermark': watermark, ':at': at.toISOString(), ':zero': 0, ...(previous !== undefined && { ':previous': previous }) },
        }),
      );
      return true;
    } catch (error: unknown) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  },

  async failed(contractor, error, at) {
    await dynamodb.send(
      new UpdateCommand({
        TableName: table(),
        Key: { contractor },
        UpdateExpression: 'SET lastError = :error, lastFailureAt = :at, consecutiveFailures = if_not_exists(consecutiveFailures, :zero) + :one',
        ExpressionAttributeValues: { ':error': error, ':at': at.toISOString(), ':zero': 0, ':one': 1 },
      }),
    );
  },
};
