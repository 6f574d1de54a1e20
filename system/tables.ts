/**
 * Every DynamoDB table of folio, with its keys and indexes. The CDK app creates them
 * (lib/constructs/data.ts) and the local stack creates the same tables in DynamoDB Local
 * (local/dynamodb.ts), so a table exists in this one place only.
 */

export type AttributeType = 'S' | 'N' | 'B';

export interface KeyAttribute {
  readonly name: string;
  readonly type: AttributeType;
}

export interface IndexDefinition {
  readonly name: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
  /** Attributes copied into the index besides the keys; `all` when omitted. */
  readonly projection?: 'all' | 'keys' | readonly string[];
}

export interface TableDefinition {
  readonly description: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
  readonly indexes?: readonly IndexDefinition[];
  /** Attribute holding an epoch-seconds expiry; DynamoDB deletes the item after it. */
  readonly timeToLive?: string;
  /** Stream view for a consumer (see system/consumers.ts). */
  readonly stream?: 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES' | 'KEYS_ONLY';
  /**
   * Holds personal data of customers. Such a table is retained when the stack is deleted,
   * is part of a customer's access export and is checked after a destruction.
   */
  readonly personalData: boolean;
}

const s = (name: string): KeyAttribute => ({ name, type: 'S' });

export const tables = {
  catalogue: {
    description: 'Books on sale: title, author and current price.',
    partitionKey: s('productId'),
    indexes: [
      // The catalogue is listed in title order from one partition; it is small and cacheable
      // (see docs/performance.md for the hot-key note).
      { name: 'byTitle', partitionKey: s('listing'), sortKey: s('sortKey') },
    ],
    personalData: false,
  },
  messages: {
    description: 'One record per email, SMS or push sent: status, attempts, provider id.',
    partitionKey: s('messageId'),
    indexes: [{ name: 'byCustomer', partitionKey: s('customerId'), sortKey: s('createdAt') }],
    timeToLive: 'expiresAt',
    personalData: true,
  },
  idempotency: {
    description: 'Responses of requests that carried an Idempotency-Key, kept for replay.',
    partitionKey: s('id'),
    timeToLive: 'expiration',
    personalData: true,
  },
} as const satisfies Record<string, TableDefinition>;

export type TableName = keyof typeof tables;

export const tableNames = Object.keys(tables) as TableName[];

/** The environment variable that carries a table's physical name to a function. */
export const tableEnv = (table: TableName): string =>
  `TABLE_${table.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;
