/**
 * The append-only tables refuse every change to an item, through the endpoint the functions use
 * (the DynamoDB proxy standing in for the tables' resource policy), with the error DynamoDB gives
 * for an explicit deny; the item is unchanged afterwards. Other tables still accept updates.
 */
import { randomUUID } from 'node:crypto';
import { DynamoDBClient, DynamoDBServiceException } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  DeleteCommand,
  DynamoDBDocumentClient,
  ExecuteStatementCommand,
  GetCommand,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { type TableDefinition, tables } from '../../system/tables';
import { awsClientConfig, type StackInfo, stackInfo } from '../support/api';

let info: StackInfo;
let db: DynamoDBDocumentClient;

beforeAll(async () => {
  info = await stackInfo();
  expect(info.endpoints.dynamodbProxy).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect(info.endpoints.dynamodbProxy).not.toBe(info.endpoints.dynamodb);
  db = DynamoDBDocumentClient.from(new DynamoDBClient(awsClientConfig(info.endpoints.dynamodbProxy)));
});

const definitions = Object.entries(tables) as [string, TableDefinition][];
const appendOnly = definitions.filter(([, d]) => d.appendOnly === true);
const ordinary = definitions.filter(([, d]) => d.appendOnly !== true);

/** A key for the table, with unique values. */
const keyOf = (definition: TableDefinition): Record<string, string> => ({
  [definition.partitionKey.name]: `append-only-${randomUUID()}`,
  ...(definition.sortKey ? { [definition.sortKey.name]: `entry-${randomUUID()}` } : {}),
});

const expectDenied = async (action: string, table: string, run: () => Promise<unknown>) => {
  const error = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, `${action} on ${table} was not refused`).toBeInstanceOf(DynamoDBServiceException);
  const denied = error as DynamoDBServiceException;
  expect(denied.name).toBe('AccessDeniedException');
  expect(denied.$metadata.httpStatusCode).toBe(400);
  expect(denied.message).toBe(`User: local is not authorized to perform: ${action} on resource: ${table} with an explicit deny in a resource-based policy`);
};

describe('the append-only tables, through the functions’ DynamoDB endpoint', () => {
  it('has at least one append-only table and one other table to test', () => {
    expect(appendOnly.length).toBeGreaterThan(0);
    expect(ordinary.length).toBeGreaterThan(0);
  });

  describe.each(appendOnly)('%s', (name, definition) => {
    it('accepts a new item, and refuses to update or delete it by any route', async () => {
      const TableName = info.tables[name] ?? '';
      const key = keyOf(definition);
      const item = { ...key, note: 'original', version: 1 };
      await db.send(new PutCommand({ TableName, Item: item }));

      await expectDenied('dynamodb:UpdateItem', TableName, () =>
        db.send(new UpdateCommand({ TableName, Key: key, UpdateExpression: 'SET note = :n', ExpressionAttributeValues: { ':n': 'changed' } })),
      );
      await expectDenied('dynamodb:DeleteItem', TableName, () => db.send(new DeleteCommand({ TableName, Key: key })));
      await expectDenied('dynamodb:BatchWriteItem', TableName, () => db.send(new BatchWriteCommand({ RequestItems: { [TableName]: [{ DeleteRequest: { Key: key } }] } })));
      await expectDenied('dynamodb:UpdateItem', TableName, () =>
        db.send(
          new TransactWriteCommand({
            TransactItems: [
              { Put: { TableName, Item: { ...keyOf(definition), note: 'other' } } },
              { Update: { TableName, Key: key, UpdateExpression: 'SET version = :v', ExpressionAttributeValues: { ':v': 2 } } },
            ],
          }),
        ),
      );
      const where = Object.keys(key)
        .map((attribute) => `"${attribute}" = ?`)
        .join(' AND ');
      await expectDenied('dynamodb:PartiQLDelete', TableName, () =>
        db.send(new ExecuteStatementCommand({ Statement: `DELETE FROM "${TableName}" WHERE ${where}`, Parameters: Object.values(key) })),
      );

      const { Item } = await db.send(new GetCommand({ TableName, Key: key, ConsistentRead: true }));
      expect(Item).toEqual(item);
    });

    it('still accepts a transaction that only puts and checks', async () => {
      const TableName = info.tables[name] ?? '';
      const key = keyOf(definition);
      await db.send(new PutCommand({ TableName, Item: { ...key, note: 'first' } }));
      const second = keyOf(definition);
      await db.send(
        new TransactWriteCommand({
          TransactItems: [
            { ConditionCheck: { TableName, Key: key, ConditionExpression: 'attribute_exists(note)' } },
            { Put: { TableName, Item: { ...second, note: 'second' }, ConditionExpression: 'attribute_not_exists(note)' } },
          ],
        }),
      );
      const { Item } = await db.send(new GetCommand({ TableName, Key: second, ConsistentRead: true }));
      expect(Item).toEqual({ ...second, note: 'second' });
    });
  });

  it('lets an ordinary table be updated through the same endpoint', async () => {
    const [name, definition] = ordinary[0] ?? ['', tables.catalogue];
    const TableName = info.tables[name] ?? '';
    const key = keyOf(definition);
    // Index key attributes must have their declared types; this item carries none of them.
    await db.send(new PutCommand({ TableName, Item: { ...key, note: 'original' } }));
    await db.send(new UpdateCommand({ TableName, Key: key, UpdateExpression: 'SET note = :n', ExpressionAttributeValues: { ':n': 'changed' } }));
    const { Item } = await db.send(new GetCommand({ TableName, Key: key, ConsistentRead: true }));
    expect(Item).toEqual({ ...key, note: 'changed' });
    await db.send(new DeleteCommand({ TableName, Key: key }));
  });
});
