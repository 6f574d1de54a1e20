/**
 * The access export (152-FZ Art. 14): everything folio holds about a customer, machine-readable.
 * Which table holds what, and how a customer's items are found in it, is one registry; a unit
 * test derives the list of personal-data tables from system/tables.ts and fails when a table
 * is neither exported nor excluded here with a reason — so a table added later cannot be
 * forgotten by the export.
 */
import type { TableName } from '#system/tables';

/** How a customer's items are found in a table. */
export type CustomerLookup =
  | { readonly kind: 'key'; readonly attribute: string }
  | { readonly kind: 'partition'; readonly attribute: string }
  | { readonly kind: 'index'; readonly index: string; readonly attribute: string };

export type ExportSource =
  | { readonly section: string; readonly lookup: CustomerLookup }
  | { readonly excluded: string };

export const exportSources: Readonly<Partial<Record<TableName, ExportSource>>> = {
  customers: { section: 'profile', lookup: { kind: 'key', attribute: 'customerId' } },
  consentReceipts: { section: 'consentReceipts', lookup: { kind: 'partition', attribute: 'customerId' } },
  audit: { section: 'audit', lookup: { kind: 'partition', attribute: 'customerId' } },
  sessions: { section: 'sessions', lookup: { kind: 'key', attribute: 'customerId' } },
  watchList: { section: 'watchList', lookup: { kind: 'key', attribute: 'customerId' } },
  baskets: { section: 'basket', lookup: { kind: 'partition', attribute: 'customerId' } },
  favorites: { section: 'favorites', lookup: { kind: 'partition', attribute: 'customerId' } },
  orders: { section: 'orders', lookup: { kind: 'index', index: 'byCustomer', attribute: 'customerId' } },
  events: { section: 'events', lookup: { kind: 'index', index: 'byCustomer', attribute: 'customerId' } },
  messages: { section: 'messages', lookup: { kind: 'index', index: 'byCustomer', attribute: 'customerId' } },
  privacyRequests: { section: 'privacyRequests', lookup: { kind: 'index', index: 'byCustomer', attribute: 'customerId' } },
  devices: { section: 'devices', lookup: { kind: 'partition', attribute: 'customerId' } },
  recommendations: { section: 'recommendations', lookup: { kind: 'partition', attribute: 'customerId' } },
  disclosures: { section: 'disclosures', lookup: { kind: 'index', index: 'byCustomer', attribute: 'customerId' } },
  audiences: { section: 'campaignAudiences', lookup: { kind: 'index', index: 'byCustomer', attribute: 'customerId' } },
  subscriptionChanges: { section: 'subscriptionChangesForContractors', lookup: { kind: 'index', index: 'byCustomer', attribute: 'customerId' } },
  accessExports: {
    excluded: 'Earlier access exports: copies of the other sections at an earlier time, kept for the customer to download.',
  },
  destructionActs: {
    excluded: 'Acts of destruction of personal data: they exist only after the data is gone, and hold the customer id, dates and table names.',
  },
  throttles: {
    excluded:
      'Failed sign-in counters keyed by an unkeyed hash of the email and a 15-minute window; they hold no customer id and expire within the hour.',
  },
};

export interface AccessExport {
  readonly format: 'folio-access-export';
  readonly version: 1;
  readonly customerId: string;
  readonly generatedAt: string;
  /** One section per exported table, each a list of that table's items about the customer. */
  readonly sections: Readonly<Record<string, readonly Record<string, unknown>[]>>;
  /** What is held elsewhere or not exported, and why. */
  readonly notes: readonly string[];
}

/** The port that reads one table's items about a customer. */
export type CustomerItemsReader = (table: TableName, lookup: CustomerLookup, customerId: string) => Promise<Record<string, unknown>[]>;

export const buildAccessExport = async (read: CustomerItemsReader, customerId: string, now: Date): Promise<AccessExport> => {
  const sections: Record<string, Record<string, unknown>[]> = {};
  const notes: string[] = [
    'The identity provider (Amazon Cognito) holds your email, names and phone as sign-in attributes; they equal the profile section.',
  ];
  for (const [table, source] of Object.entries(exportSources) as [TableName, ExportSource][]) {
    if ('excluded' in source) {
      notes.push(`${table}: ${source.excluded}`);
      continue;
    }
    sections[source.section] = await read(table, source.lookup, customerId);
  }
  return { format: 'folio-access-export', version: 1, customerId, generatedAt: now.toISOString(), sections, notes };
};
