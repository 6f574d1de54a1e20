import { randomUUID } from 'node:crypto';
import { ListPhoneNumbersOptedOutCommand } from '@aws-sdk/client-sns';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { subscriptionStore } from '#adapters/subscription-store';
import { dynamodb } from '#commons/clients/dynamodb';
import { sns } from '#commons/clients/sns';
import { tableName } from '#commons/config';
import { jobHandler } from '#commons/job';
import { importSmsOptOuts } from '#domain/messaging/sms-opt-outs';

const customers = tableName('customers');

async function* optedOutNumbers(): AsyncIterable<string> {
  let nextToken: string | undefined;
  do {
    const page = await sns.send(new ListPhoneNumbersOptedOutCommand({ ...(nextToken !== undefined && { nextToken }) }));
    yield* page.phoneNumbers ?? [];
    nextToken = page.nextToken;
  } while (nextToken !== undefined && nextToken !== '');
}

const customersWithPhone = async (phone: string): Promise<string[]> => {
  const result = await dynamodb.send(
    new QueryCommand({ TableName: customers, IndexName: 'byPhone', KeyConditionExpression: 'phone = :p', ExpressionAttributeValues: { ':p': phone } }),
  );
  return (result.Items ?? []).map((item) => String(item['customerId']));
};

export const handler = jobHandler(async (now) =>
  importSmsOptOuts({ subscriptions: subscriptionStore, clock: () => now, ids: randomUUID, optedOutNumbers, customersWithPhone }),
);
