/**
 * The local stand-in for the append-only tables' resource policy: which DynamoDB calls it refuses.
 * Everything comes from system/tables.ts, so the cases iterate its definitions.
 */
import { describe, expect, it } from 'vitest';
import { appendOnlyPolicy, decide, denialMessage, partiqlAction, requestedActions } from '../../local/dynamodb-proxy';
import { localTableName } from '../../local/environment';
import { appendOnlyDeniedActions, type TableName, tableNames, tables } from '../../system/tables';

const policy = appendOnlyPolicy(localTableName);
const appendOnly = tableNames.filter((t) => (tables[t] as { appendOnly?: boolean }).appendOnly === true).map(localTableName);
const ordinary = tableNames.filter((t) => (tables[t] as { appendOnly?: boolean }).appendOnly !== true).map(localTableName);
const key = { customerId: { S: 'c-1' }, receiptKey: { S: 'r-1' } };

describe('the append-only policy', () => {
  it('covers exactly the tables marked appendOnly and the actions of appendOnlyDeniedActions', () => {
    expect(appendOnly.length).toBeGreaterThan(0);
    expect(ordinary.length).toBeGreaterThan(0);
    expect([...policy.tables].sort()).toEqual([...appendOnly].sort());
    expect([...policy.deniedActions].sort()).toEqual([...appendOnlyDeniedActions].sort());
  });

  describe.each(appendOnly)('on %s', (table) => {
    const refused: [string, string, Record<string, unknown>][] = [
      ['UpdateItem', 'dynamodb:UpdateItem', { TableName: table, Key: key, UpdateExpression: 'SET a = :a' }],
      ['DeleteItem', 'dynamodb:DeleteItem', { TableName: table, Key: key }],
      ['DeleteItem by ARN', 'dynamodb:DeleteItem', { TableName: `arn:aws:dynamodb:eu-central-1:000000000000:table/${table}`, Key: key }],
      ['BatchWriteItem with a put', 'dynamodb:BatchWriteItem', { RequestItems: { [table]: [{ PutRequest: { Item: key } }] } }],
      ['BatchWriteItem with a delete', 'dynamodb:BatchWriteItem', { RequestItems: { [table]: [{ DeleteRequest: { Key: key } }] } }],
      ['TransactWriteItems with an Update', 'dynamodb:UpdateItem', { TransactItems: [{ Update: { TableName: table, Key: key, UpdateExpression: 'SET a = :a' } }] }],
      ['TransactWriteItems with a Delete', 'dynamodb:DeleteItem', { TransactItems: [{ Put: { TableName: table, Item: key } }, { Delete: { TableName: table, Key: key } }] }],
      ['ExecuteStatement UPDATE', 'dynamodb:PartiQLUpdate', { Statement: `UPDATE "${table}" SET a = 1 WHERE customerId = 'c-1'` }],
      ['ExecuteStatement delete (lower case, bare name)', 'dynamodb:PartiQLDelete', { Statement: `  delete from ${table} where customerId = 'c-1'` }],
      ['ExecuteStatement INSERT', 'dynamodb:PartiQLInsert', { Statement: `INSERT INTO "${table}" VALUE {'customerId': 'c-1'}` }],
      ['BatchExecuteStatement with a DELETE', 'dynamodb:PartiQLDelete', { Statements: [{ Statement: `SELECT * FROM "${table}"` }, { Statement: `DELETE FROM "${table}" WHERE customerId = 'c'` }] }],
      ['ExecuteTransaction with an UPDATE', 'dynamodb:PartiQLUpdate', { TransactStatements: [{ Statement: `UPDATE "${table}" SET a = 1 WHERE customerId = 'c'` }] }],
    ];
    it.each(refused)('refuses %s as %s', (operationCase, action, body) => {
      const operation = operationCase.split(' ')[0] ?? '';
      const denial = decide(policy, operation, body);
      expect(denial).toEqual({ action, table, message: denialMessage(action, table) });
      expect(denial?.message).toBe(`User: local is not authorized to perform: ${action} on resource: ${table} with an explicit deny in a resource-based policy`);
    });

    const allowed: [string, Record<string, unknown>][] = [
      ['PutItem', { TableName: table, Item: key }],
      ['GetItem', { TableName: table, Key: key }],
      ['Query', { TableName: table, KeyConditionExpression: 'customerId = :c' }],
      ['Scan', { TableName: table }],
      ['DescribeTable', { TableName: table }],
      ['BatchGetItem', { RequestItems: { [table]: { Keys: [key] } } }],
      ['TransactWriteItems', { TransactItems: [{ Put: { TableName: table, Item: key } }, { ConditionCheck: { TableName: table, Key: key, ConditionExpression: 'attribute_exists(customerId)' } }] }],
      ['TransactGetItems', { TransactItems: [{ Get: { TableName: table, Key: key } }] }],
      ['ExecuteStatement', { Statement: `SELECT * FROM "${table}" WHERE customerId = 'c-1'` }],
      // Table-level changes stay with CloudFormation (a new index must remain possible).
      ['UpdateTable', { TableName: table, BillingMode: 'PAY_PER_REQUEST' }],
    ];
    it.each(allowed)('lets %s through', (operation, body) => {
      expect(decide(policy, operation, body)).toBeUndefined();
    });
  });

  describe.each(ordinary)('on %s (not append-only)', (table) => {
    it.each([
      ['UpdateItem', { TableName: table, Key: key, UpdateExpression: 'SET a = :a' }],
      ['DeleteItem', { TableName: table, Key: key }],
      ['BatchWriteItem', { RequestItems: { [table]: [{ DeleteRequest: { Key: key } }] } }],
      ['TransactWriteItems', { TransactItems: [{ Update: { TableName: table, Key: key, UpdateExpression: 'SET a = :a' } }] }],
      ['ExecuteStatement', { Statement: `DELETE FROM "${table}" WHERE id = 'x'` }],
      ['UpdateTable', { TableName: table }],
    ] as [string, Record<string, unknown>][])('lets %s through', (operation, body) => {
      expect(decide(policy, operation, body)).toBeUndefined();
    });
  });

  it('refuses a call that touches an ordinary and an append-only table, naming the append-only one', () => {
    const [first] = ordinary;
    const [guarded] = appendOnly;
    if (first === undefined || guarded === undefined) throw new Error('fixture');
    const denial = decide(policy, 'BatchWriteItem', { RequestItems: { [first]: [{ PutRequest: { Item: key } }], [guarded]: [{ PutRequest: { Item: key } }] } });
    expect(denial?.table).toBe(guarded);
    const transaction = decide(policy, 'TransactWriteItems', {
      TransactItems: [{ Update: { TableName: first, Key: key, UpdateExpression: 'SET a = :a' } }, { Put: { TableName: guarded, Item: key } }, { Delete: { TableName: guarded, Key: key } }],
    });
    expect(transaction).toMatchObject({ action: 'dynamodb:DeleteItem', table: guarded });
  });

  it('treats a PartiQL write whose table it cannot parse as a write to every table it mentions', () => {
    const [guarded] = appendOnly;
    if (guarded === undefined) throw new Error('fixture');
    expect(partiqlAction(`UPDATE`)).toEqual({ action: 'dynamodb:PartiQLUpdate', table: undefined });
    expect(requestedActions('ExecuteStatement', { Statement: `DELETE "${guarded}"` }, [guarded])).toEqual([{ action: 'dynamodb:PartiQLDelete', table: guarded }]);
  });

  it('reads PartiQL table names quoted, escaped and bare, and ignores reads', () => {
    expect(partiqlAction(`UPDATE "a""b" SET x = 1`)).toEqual({ action: 'dynamodb:PartiQLUpdate', table: 'a"b' });
    expect(partiqlAction(`DELETE FROM tbl WHERE k = 'v'`)).toEqual({ action: 'dynamodb:PartiQLDelete', table: 'tbl' });
    expect(partiqlAction(`insert into "folio-local-x" value {'k': 'v'}`)).toEqual({ action: 'dynamodb:PartiQLInsert', table: 'folio-local-x' });
    expect(partiqlAction(`SELECT * FROM "t"`)).toBeUndefined();
    expect(partiqlAction(`UPDATED`)).toBeUndefined();
  });

  it('follows appendOnlyDeniedActions rather than a list of its own', () => {
    const [guarded] = appendOnly;
    if (guarded === undefined) throw new Error('fixture');
    const narrower = { tables: policy.tables, deniedActions: new Set(['dynamodb:DeleteItem']) };
    expect(decide(narrower, 'UpdateItem', { TableName: guarded })).toBeUndefined();
    expect(decide(narrower, 'DeleteItem', { TableName: guarded })?.action).toBe('dynamodb:DeleteItem');
    const wider = { tables: policy.tables, deniedActions: new Set(['dynamodb:PutItem']) };
    expect(decide(wider, 'TransactWriteItems', { TransactItems: [{ Put: { TableName: guarded, Item: key } }] })?.action).toBe('dynamodb:PutItem');
  });

  it('names every table it guards by the physical name the stack gives it', () => {
    for (const name of tableNames as TableName[]) {
      expect(policy.tables.has(localTableName(name))).toBe((tables[name] as { appendOnly?: boolean }).appendOnly === true);
    }
  });
});
