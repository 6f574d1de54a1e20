/**
 * The `messages` table as the deliverer's ledger: one record per message id with its status,
 * attempts and the provider's id; kept for the retention period, then expired by TTL.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamodb } from '#commons/clients/dynamodb';
import { once, tableName } from '#commons/config';
import type { MessageLedger } from '#domain/messaging/delivery';

const table = once(() => tableName('messages'));
/** Message records are evidence of what was sent; kept three years, then expired. */
const retentionSeconds = 3 * 365 * 24 * 3600;

export const messageLedger: MessageLedger = {
  async claim(message, now) {
    try {
      await dynamodb.send(
        new UpdateCommand({
          TableName: table(),
          Key: { messageId: message.messageId },
          UpdateExpression:
            'SET #status = :sending, attempts = if_not_exists(attempts, :zero) + :one, channel = :channel, category = :category, ' +
            'recipient = :to, subject = :subject, customerId = :customerId, createdAt = if_not_exists(createdAt, :now), updatedAt = :now, expiresAt = :expires',
          ConditionExpression: 'attribute_not_exists(#status) OR (#status <> :sent AND #status <> :suppressed)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':sending': 'SENDING',
            ':sent': 'SENT',
            ':suppressed': 'SUPPRESSED',
            ':zero': 0,
            ':one': 1,
            ':channel': message.channel,
            ':category': message.category,
            ':to': message.to,
            ':subject': message.subject ?? null,
            ':customerId': message.customerId ?? 'none',
            ':now': now.toISOString(),
            ':expires': Math.floor(now.getTime() / 1000) + retentionSeconds,
          },
        }),
      );
      return true;
    } catch (error: unknown) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  },

  async markSent(messageId, providerId, now) {
    await dynamodb.send(
      new UpdateCommand({
        TableName: table(),
        Key: { messageId },
        UpdateExpression: 'SET #status = :sent, providerId = :providerId, sentAt = :now, updatedAt = :now REMOVE lastError',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':sent': 'SENT', ':providerId': providerId, ':now': now.toISOString() },
      }),
    );
  },

  async markSuppressed(messageId, now) {
    await dynamodb.send(
      new UpdateCommand({
        TableName: table(),
        Key: { messageId },
        UpdateExpression: 'SET #status = :suppressed, suppressedAt = :now, updatedAt = :now REMOVE lastError',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':suppressed': 'SUPPRESSED', ':now': now.toISOString() },
      }),
    );
  },

  async markFailed(messageId, reason, now) {
    await dynamodb.send(
      new UpdateCommand({
        TableName: table(),
        Key: { messageId },
        UpdateExpression: 'SET #status = :retrying, lastError = :reason, updatedAt = :now',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':retrying': 'RETRYING', ':reason': reason, ':now': now.toISOString() },
      }),
    );
  },
};
