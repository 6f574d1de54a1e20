/**
 * The unsubscribe link's ports: the signing key from Secrets Manager, the message's recipient from
 * the deliverer's ledger, and the subscription settings.
 */
import { randomUUID } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { dynamodb } from '#commons/clients/dynamodb';
import { once, requireEnv, tableName } from '#commons/config';
import type { UnsubscribePorts } from '#domain/messaging/unsubscribe';
import { secretEnv } from '#system/secrets';
import { secretValue } from './secrets';
import { subscriptionStore } from './subscription-store';

const messages = once(() => tableName('messages'));
const keyId = once(() => requireEnv(secretEnv('unsubscribeSigning')));

export const unsubscribeSigningKey = (): Promise<string> => secretValue(keyId());

export const unsubscribePorts: UnsubscribePorts = {
  subscriptions: subscriptionStore,
  clock: () => new Date(),
  ids: randomUUID,
  signingKey: unsubscribeSigningKey,
  async recipientOf(messageId) {
    const { Item } = await dynamodb.send(new GetCommand({ TableName: messages(), Key: { messageId }, ProjectionExpression: 'customerId' }));
    const customerId = Item?.['customerId'];
    return typeof customerId === 'string' && customerId !== 'none' ? customerId : undefined;
  },
};
