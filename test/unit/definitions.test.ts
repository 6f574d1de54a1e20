/**
 * The one definition of the system holds together: every function it names exists and exports
 * a handler, no route is declared twice, and every table or queue a function asks for exists.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deployHooks } from '../../system/deploy-hooks';
import type { FunctionRequirements } from '../../system/functions';
import { jobs } from '../../system/jobs';
import { queues } from '../../system/queues';
import { routes } from '../../system/routes/index';
import { streamConsumers } from '../../system/streams';
import { type TableDefinition, tables } from '../../system/tables';
import { root } from '../support/spawn-stack';

const functions: [string, FunctionRequirements][] = [
  ...routes.map((r): [string, FunctionRequirements] => [r.handler, r.needs ?? {}]),
  ...jobs.map((j): [string, FunctionRequirements] => [j.handler, j.needs]),
  ...Object.values(queues).map((q): [string, FunctionRequirements] => [q.consumer, q.consumerNeeds]),
  ...deployHooks.map((h): [string, FunctionRequirements] => [h.handler, h.needs]),
  ...streamConsumers.map((c): [string, FunctionRequirements] => [c.consumer, c.needs]),
];

describe('system definitions', () => {
  it.each(functions.map(([name]) => name))('lambdas/functions/%s.ts exists and exports a handler', (name) => {
    const file = join(root, 'lambdas', 'functions', `${name}.ts`);
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file, 'utf8')).toMatch(/export const handler\b/);
  });

  it('declares each method and path once, and each route handler once', () => {
    const keys = routes.map((r) => `${r.method} ${r.path}`);
    expect(new Set(keys).size).toBe(keys.length);
    const handlers = routes.map((r) => r.handler);
    expect(new Set(handlers).size).toBe(handlers.length);
  });

  it('puts every route under /v1 and operator routes under /v1/admin', () => {
    for (const r of routes) {
      expect(r.path).toMatch(/^\/v1\//);
      expect(r.path.startsWith('/v1/admin/')).toBe(r.access === 'operator');
    }
  });

  it('declares a schema for each path parameter of a route', () => {
    for (const r of routes) {
      const inPath = [...r.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      const declared = Object.keys(r.request?.params?.shape ?? {}).sort();
      expect(declared, `${r.method} ${r.path}`).toEqual(inPath);
    }
  });

  it('asks only for tables and queues that exist', () => {
    for (const [name, needs] of functions) {
      for (const table of Object.keys(needs.tables ?? {})) expect(Object.keys(tables), name).toContain(table);
      for (const queue of Object.keys(needs.queues ?? {})) expect(Object.keys(queues), name).toContain(queue);
    }
  });

  it("reads streams only from tables that have one", () => {
    for (const consumer of streamConsumers) {
      const table: TableDefinition = tables[consumer.table];
      expect(table.stream, consumer.name).toBeDefined();
    }
  });

  it('gives every index and key an attribute type and every table a description', () => {
    for (const [name, table] of Object.entries(tables)) {
      expect(table.description.length, name).toBeGreaterThan(10);
      expect(['S', 'N', 'B']).toContain(table.partitionKey.type);
    }
  });
});
