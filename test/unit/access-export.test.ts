/**
 * The access export covers every table that holds a customer's data: the list is derived from
 * system/tables.ts, so a personal-data table added without export support fails here.
 */
import { describe, expect, it } from 'vitest';
import { buildAccessExport, type CustomerLookup, exportSources } from '../../lambdas/domain/privacy/access-export';
import { type TableDefinition, type TableName, tables } from '../../system/tables';

const personalTables = (Object.entries(tables) as [TableName, TableDefinition][]).filter(([, t]) => t.personalData).map(([name]) => name);

describe('the access export registry', () => {
  it.each(personalTables)('covers %s, by export or by a stated reason', (table) => {
    const source = exportSources[table];
    expect(source, `${table} holds personal data: export it or say why not in access-export.ts`).toBeDefined();
    if (source !== undefined && 'excluded' in source) expect(source.excluded.length).toBeGreaterThan(30);
  });

  it('finds customers by a key, partition or index the table really has', () => {
    for (const [table, source] of Object.entries(exportSources) as [TableName, NonNullable<(typeof exportSources)[TableName]>][]) {
      if ('excluded' in source) continue;
      const definition: TableDefinition = tables[table];
      const { lookup } = source;
      if (lookup.kind === 'index') {
        expect(definition.indexes?.find((i) => i.name === lookup.index)?.partitionKey.name, table).toBe(lookup.attribute);
      } else {
        expect(definition.partitionKey.name, table).toBe(lookup.attribute);
        if (lookup.kind === 'key') expect(definition.sortKey, table).toBeUndefined();
      }
    }
  });

  it('builds one section per exported table and a note per exclusion', async () => {
    const asked: [TableName, CustomerLookup][] = [];
    const result = await buildAccessExport(
      async (table, lookup) => {
        asked.push([table, lookup]);
        return [{ table }];
      },
      'c-1',
      new Date('2026-11-24T10:00:00Z'),
    );
    const exported = Object.values(exportSources).filter((s) => !('excluded' in s));
    expect(Object.keys(result.sections)).toHaveLength(exported.length);
    expect(asked).toHaveLength(exported.length);
    expect(result.notes.some((n) => n.startsWith('throttles:'))).toBe(true);
    expect(result).toMatchObject({ format: 'folio-access-export', version: 1, customerId: 'c-1' });
  });
});
