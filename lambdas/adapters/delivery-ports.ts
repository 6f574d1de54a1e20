/**
 * What the deliverer needs besides the ledger and the senders: the send-time check of optional
 * messages against the customer record, the providers' sending rates, and the retry backoff.
 */
import { ChangeMessageVisibilityCommand } from '@aws-sdk/client-sqs';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { dynamodb } from '#commons/clients/dynamodb';
import { sqs } from '#commons/clients/sqs';
import { once, optionalEnv, queueUrl, tableName } from '#commons/config';
import { type Pacer, type SendTimeCheck, tokenBucket } from '#domain/messaging/delivery';
import { smsLength } from '#domain/messaging/templates/sms';
import { mayReceive, optionalCategories, type Recipient, subscriptionChannels } from '#domain/messaging/permissions';
import { queues } from '#system/queues';

const customers = once(() => tableName('customers'));
const ownQueue = once(() => queueUrl('outboundMessages'));

export const mayStillReceive: SendTimeCheck = async (message) => {
  const channel = subscriptionChannels.find((c) => c === message.channel);
  const category = optionalCategories.find((c) => c === message.category);
  if (channel === undefined || category === undefined || message.customerId === undefined) return false;
  const { Item } = await dynamodb.send(new GetCommand({ TableName: customers(), Key: { customerId: message.customerId }, ConsistentRead: true }));
  return mayReceive(Item as Recipient | undefined, channel, category);
};

/**
 * The account's sending rates are shared by the deliverer's concurrent instances (the queue's
 * maxConcurrency), so each paces itself at its share. SES: sends per second of the account
 * (14 for a new production account); SNS SMS: parts per second (20 by default). Push is not paced.
 */
const instances = queues.outboundMessages.maxConcurrency;
const emailBucket = tokenBucket(Number(optionalEnv('EMAIL_SENDS_PER_SECOND', '14')) / instances);
const smsBucket = tokenBucket(Number(optionalEnv('SMS_PARTS_PER_SECOND', '20')) / instances);

export const pace: Pacer = async (message) => {
  if (message.channel === 'email') await emailBucket.take(1);
  else if (message.channel === 'sms') await smsBucket.take(smsLength(message.text).parts);
};

export const retryBaseSeconds = Number(optionalEnv('MESSAGE_RETRY_BASE_SECONDS', '10'));

/** Makes a failed message wait `seconds` before SQS offers it again (best effort: the queue's own timeout applies otherwise). */
export const delayRetry = async (receiptHandle: string, seconds: number): Promise<void> => {
  await sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: ownQueue(), ReceiptHandle: receiptHandle, VisibilityTimeout: seconds }));
};
