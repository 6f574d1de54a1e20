/**
 * The local stack is built from the same definitions as the CDK app: its tables, its jobs,
 * its user pool and the seeded operator.
 */
import { CognitoIdentityProviderClient, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { DescribeTableCommand, DescribeTimeToLiveCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { jobs } from '../../system/jobs';
import { tables } from '../../system/tables';
import { awsClientConfig, call, stackInfo } from '../support/api';

describe('the local stack', () => {
  it('creates every table of system/tables.ts with its keys, indexes and TTL', async () => {
    const info = await stackInfo();
    const client = new DynamoDBClient(awsClientConfig(info.endpoints.dynamodb));
    for (const [name, definition] of Object.entries(tables)) {
      const { Table } = await client.send(new DescribeTableCommand({ TableName: info.tables[name] }));
      expect(Table?.KeySchema?.[0]).toEqual({ AttributeName: definition.partitionKey.name, KeyType: 'HASH' });
      const indexes = (Table?.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName).sort();
      expect(indexes, name).toEqual(('indexes' in definition ? definition.indexes.map((i) => i.name) : []).sort());
      if ('timeToLive' in definition) {
        const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: info.tables[name] }));
        expect(ttl.TimeToLiveDescription?.AttributeName, name).toBe(definition.timeToLive);
      }
    }
  });

  it('lists the scheduled jobs as deployed, and answers 404 for a job that does not exist', async () => {
    const list = await call<{ items: { name: string; schedule: string }[] }>('GET', '/_local/jobs');
    expect(list.status).toBe(200);
    expect(list.body.items.map((j) => [j.name, j.schedule])).toEqual(jobs.map((j) => [j.name, j.schedule]));
    const missing = await call('POST', '/_local/jobs/no-such-job/run');
    expect(missing.status).toBe(404);
  });

  it('seeds the operator, who can sign in to the local user pool', async () => {
    const info = await stackInfo();
    const cognito = new CognitoIdentityProviderClient(awsClientConfig(info.endpoints.cognito));
    const result = await cognito.send(
      new InitiateAuthCommand({
        ClientId: info.clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: 'operator@example.com', PASSWORD: inject('operatorPassword') },
      }),
    );
    const token = result.AuthenticationResult?.AccessToken ?? '';
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as Record<string, unknown>;
    expect(claims['cognito:groups']).toEqual(['operators']);
    expect(claims['token_use']).toBe('access');
  });

  it('shows an empty mailer contractor until the subscription sync delivers to it', async () => {
    const mailer = await call<{ items: unknown[] }>('GET', '/_local/contractors/mailer');
    expect(mailer.status).toBe(200);
    expect(Array.isArray(mailer.body.items)).toBe(true);
    expect((await call('GET', '/_local/contractors/unknown')).status).toBe(404);
  });
});
