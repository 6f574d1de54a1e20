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
  /** Stream view for a consumer (see system/streams.ts). */
  readonly stream?: 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES' | 'KEYS_ONLY';
  /**
   * Holds personal data of customers. Such a table is retained when the stack is deleted,
   * is part of a customer's access export and is checked after a destruction.
   */
  readonly personalData: boolean;
  /**
   * Items are only ever added: no function may update or delete one. Enforced by the table's
   * resource policy in the cloud (lib/constructs/data.ts) and by the local DynamoDB proxy
   * (local/dynamodb-proxy.ts), not only by convention.
   */
  readonly appendOnly?: boolean;
}

// The annotations let esbuild leave `tables` out of a function that only needs `tableEnv` (every
// function, through lambdas/commons/config.ts): about 6 KB of each bundle.
const s = /* @__NO_SIDE_EFFECTS__ */ (name: string): KeyAttribute => ({ name, type: 'S' });

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
  customers: {
    description:
      'Customer profiles: names, email, phone, locale, status, the current consent state per purpose, restrictions and subscription settings.',
    partitionKey: s('customerId'),
    indexes: [
      // Sparse: only customers with a phone. SMS opt-outs made at the provider (STOP) are matched by it.
      { name: 'byPhone', partitionKey: s('phone'), projection: 'keys' },
    ],
    // Every change is compared old with new to keep the campaign audiences and the contractors'
    // change log current (system/streams.ts: subscriptionChanges).
    stream: 'NEW_AND_OLD_IMAGES',
    personalData: true,
  },
  devices: {
    description: "A customer's devices registered for push service messages: platform and SNS endpoint ARN (the token itself is not kept).",
    partitionKey: s('customerId'),
    sortKey: s('deviceId'),
    personalData: true,
  },
  audiences: {
    description:
      'Who an advertising or informational campaign may reach, per channel and category: eligible or suppressed members, kept from the customers stream.',
    // `<channel>#<category>#<eligible|suppressed>#<shard>`: campaigns read the eligible partitions only.
    partitionKey: s('audienceKey'),
    sortKey: s('customerId'),
    indexes: [{ name: 'byCustomer', partitionKey: s('customerId'), sortKey: s('audienceKey'), projection: 'keys' }],
    personalData: true,
  },
  subscriptionChanges: {
    description:
      "The contractors' change log: each change of a customer's advertising permissions, per UTC day, for the sync to contractors' mailing systems.",
    // pk `day` (YYYY-MM-DD of recording) keeps partitions small; sk `<recordedAt>#<stream event id>`.
    partitionKey: s('day'),
    sortKey: s('changeKey'),
    indexes: [{ name: 'byCustomer', partitionKey: s('customerId'), sortKey: s('changeKey'), projection: 'keys' }],
    timeToLive: 'expiresAt',
    personalData: true,
  },
  contractorSync: {
    description: "Per contractor: the watermark of the last acknowledged change, when it acknowledged, and failures since.",
    partitionKey: s('contractor'),
    personalData: false,
  },
  campaigns: {
    description: 'Advertising and informational campaigns: channel, category, text, who created them, recipients and suppressed counts.',
    partitionKey: s('campaignId'),
    personalData: false,
  },
  consentReceipts: {
    description: 'The consent ledger: one receipt per grant or withdrawal, never changed or deleted.',
    partitionKey: s('customerId'),
    sortKey: s('receiptKey'),
    personalData: true,
    appendOnly: true,
  },
  audit: {
    description: 'Who did what to which customer and why (customer, operator or job), append-only.',
    partitionKey: s('customerId'),
    sortKey: s('entryKey'),
    personalData: true,
    appendOnly: true,
  },
  sessions: {
    description: "Per customer: when sessions were last ended, the sessions revoked by logout, closure.",
    partitionKey: s('customerId'),
    timeToLive: 'expiresAt',
    personalData: true,
  },
  throttles: {
    description: 'Counters of failed sign-ins per account (hashed) and per network (truncated IP), per window.',
    partitionKey: s('throttleKey'),
    timeToLive: 'expiresAt',
    // An unkeyed hash of an email can be matched against a list of emails: treated as personal.
    personalData: true,
  },
  watchList: {
    description: 'Accounts suspected of being used by a third party, for operators to act on.',
    partitionKey: s('customerId'),
    indexes: [{ name: 'byStatus', partitionKey: s('status'), sortKey: s('since') }],
    personalData: true,
  },
  baskets: {
    description: "Basket lines per customer (sk = productId), and a '#summary' item that schedules the basket reminder.",
    partitionKey: s('customerId'),
    sortKey: s('itemKey'),
    indexes: [
      // Sparse: only summaries with a pending reminder carry `reminderPartition`.
      { name: 'byReminderDue', partitionKey: s('reminderPartition'), sortKey: s('reminderDueAt') },
    ],
    personalData: true,
  },
  favorites: {
    description: 'Books a customer keeps in favourites; the byProduct index finds who keeps a book when its price drops.',
    partitionKey: s('customerId'),
    sortKey: s('productId'),
    indexes: [{ name: 'byProduct', partitionKey: s('productId'), sortKey: s('customerId'), projection: 'keys' }],
    personalData: true,
  },
  orders: {
    description: 'Orders with recipient, delivery address, lines at catalogue prices, and status history.',
    partitionKey: s('orderId'),
    indexes: [
      { name: 'byCustomer', partitionKey: s('customerId'), sortKey: s('createdAt') },
      // `orderMonth` (YYYY-MM of createdAt): the monthly impersonal export and the recommendation
      // build read a month's orders without scanning the table.
      { name: 'byMonth', partitionKey: s('orderMonth'), sortKey: s('createdAt') },
    ],
    personalData: true,
  },
  privacyRequests: {
    description: "Customers' official requests (access, rectify, block, destroy, stop processing, withdraw consent) with due dates and history.",
    partitionKey: s('requestId'),
    indexes: [
      { name: 'byCustomer', partitionKey: s('customerId'), sortKey: s('receivedAt') },
      // Sparse: only open requests carry `queue`; the operators' queue and the deadline watch read it.
      { name: 'byDue', partitionKey: s('queue'), sortKey: s('dueBy') },
    ],
    // New access requests are completed by a stream consumer (system/streams.ts).
    stream: 'NEW_IMAGE',
    personalData: true,
  },
  accessExports: {
    description: 'Finished access exports, in parts of at most 300 KB, kept for the customer to download.',
    partitionKey: s('requestId'),
    sortKey: { name: 'part', type: 'N' },
    timeToLive: 'expiresAt',
    personalData: true,
  },
  events: {
    description: 'Domain events (the transactional outbox): written in the same transaction as the change they report.',
    partitionKey: s('eventId'),
    indexes: [{ name: 'byCustomer', partitionKey: s('customerId'), sortKey: s('occurredAt') }],
    timeToLive: 'expiresAt',
    stream: 'NEW_IMAGE',
    personalData: true,
  },
  siteEvents: {
    description:
      'Page views: path (no query), the referrer\'s origin, the IP truncated to /24 or /48, the minute. No customer id, token or cookie id: nothing links a view to a person.',
    // pk `<YYYY-MM-DD>#<shard>`: a day's views in a few partitions the daily aggregation queries.
    partitionKey: s('bucket'),
    sortKey: s('eventKey'),
    timeToLive: 'expiresAt',
    // Truncated addresses and paths identify no one (policy 2.4); the table is not part of a
    // customer's export because nothing in it can be tied to a customer.
    personalData: false,
  },
  siteStats: {
    description: 'Daily figures of the site: views per path and per referrer origin, written by the aggregation job.',
    partitionKey: s('day'),
    sortKey: s('statKey'),
    personalData: false,
  },
  recommendations: {
    description:
      "Per customer who granted personalization: the books recommended by the latest build (customers who bought this also bought), kept until the next builds replace them.",
    // sk `buildId`: a build writes new items and then moves the `#build`/`current` pointer, so a
    // withdrawn customer's items are simply not in the current build (and expire by TTL).
    partitionKey: s('customerId'),
    sortKey: s('buildId'),
    timeToLive: 'expiresAt',
    personalData: true,
  },
  disclosures: {
    description:
      'Disclosures made under a legal requirement (policy 2.2): to whom, on what legal basis, which categories of data, by which operator, when. Never changed.',
    partitionKey: s('disclosureId'),
    indexes: [{ name: 'byCustomer', partitionKey: s('customerId'), sortKey: s('disclosedAt') }],
    // Holds the customer id and what was given to an authority; part of the customer's export.
    personalData: true,
    appendOnly: true,
  },
  destructionActs: {
    description:
      "Destruction acts (Roskomnadzor Order 179): when a customer's personal data was destroyed, why, by whom, how, and what each table got.",
    partitionKey: s('actId'),
    indexes: [{ name: 'byCustomer', partitionKey: s('customerId'), sortKey: s('destroyedAt') }],
    // Holds the customer id, dates, table names and counts: no email, names, phone or address.
    personalData: false,
  },
} as const satisfies Record<string, TableDefinition>;

export type TableName = keyof typeof tables;

export const tableNames = /* @__PURE__ */ Object.keys(tables) as TableName[];

/** The environment variable that carries a table's physical name to a function. */
export const tableEnv = (table: TableName): string =>
  `TABLE_${table.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;

/**
 * What no principal may do to an append-only table: the CDK app puts these in the table's
 * resource policy as an explicit Deny, and the local DynamoDB proxy refuses the same calls
 * (including the same operations inside TransactWriteItems, which IAM checks one by one).
 * Table-level actions stay with CloudFormation (a new index must remain possible); deletion
 * protection and retention keep the table itself.
 */
export const appendOnlyDeniedActions = [
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:PartiQLUpdate',
  'dynamodb:PartiQLDelete',
  'dynamodb:PartiQLInsert',
] as const;
