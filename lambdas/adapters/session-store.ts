/**
 * Session records on DynamoDB: one item per customer, changed by read-modify-write guarded by
 * a version number, read with strong consistency so a logout is seen by the next request.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { dynamodb } from '#commons/clients/dynamodb';
import { once, tableName } from '#commons/config';
import { refreshTokenDaysMax, type SessionState, type SessionStore } from '#domain/accounts/sessions';
import { ConflictError } from '#domain/errors';

const sessionsTable = once(() => tableName('sessions'));

/** Enough for a dozen concurrent changes of one record (each round lets at least one through). */
const updateAttempts = 12;

type Stored = SessionState & { customerId: string; version: number };

const read = async (customerId: string): Promise<Stored | undefined> => {
  const { Item } = await dynamodb.send(new GetCommand({ TableName: sessionsTable(), Key: { customerId }, ConsistentRead: true }));
  return Item as Stored | undefined;
};

export const sessionStore: SessionStore = {
  async get(customerId) {
    return read(customerId);
  },

  async update(customerId, change) {
    for (let attempt = 0; attempt < updateAttempts; attempt += 1) {
      // Writers that lost the race wait a random while before reading again, so concurrent
      // sign-ins of one account (several devices at once) do not collide in step every round.
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.random() * 25 * attempt));
      const current = await read(customerId);
      const version = current?.version ?? 0;
      const next = change(current ?? { sessions: {} });
      try {
        await dynamodb.send(
          new PutCommand({
            TableName: sessionsTable(),
            // Idle records expire once every refresh token they could speak of has.
            Item: { ...next, customerId, version: version + 1, expiresAt: Math.floor(Date.now() / 1000) + (refreshTokenDaysMax + 1) * 86_400 },
            ConditionExpression: current === undefined ? 'attribute_not_exists(customerId)' : 'version = :v',
            ...(current === undefined ? {} : { ExpressionAttributeValues: { ':v': version } }),
          }),
        );
        return;
      } catch (error: unknown) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    }
    throw new ConflictError('session record contended', 'Please retry.');
  },
};
