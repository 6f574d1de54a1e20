import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../system/openapi';
import { routes } from '../../system/routes/index';

describe('the OpenAPI document', () => {
  const document = openApiDocument(routes);

  it('is OpenAPI 3.1 with every route, by method and path', () => {
    expect(document.openapi).toBe('3.1.0');
    for (const r of routes) {
      const operation = document.paths[r.path]?.[r.method.toLowerCase()] as { operationId: string } | undefined;
      expect(operation?.operationId, `${r.method} ${r.path}`).toBe(r.handler);
    }
  });

  it('describes parameters from the zod schemas, with their limits', () => {
    const list = document.paths['/v1/products']?.['get'] as { parameters: { name: string; in: string; schema: Record<string, unknown> }[] };
    const limit = list.parameters.find((p) => p.name === 'limit');
    expect(limit?.in).toBe('query');
    expect(limit?.schema).toMatchObject({ maximum: 100, minimum: 1, default: 20 });
    const one = document.paths['/v1/products/{productId}']?.['get'] as { parameters: { name: string; in: string; required: boolean }[]; responses: Record<string, unknown> };
    expect(one.parameters).toEqual([expect.objectContaining({ name: 'productId', in: 'path', required: true })]);
    expect(Object.keys(one.responses)).toEqual(expect.arrayContaining(['200', '404', '422', '500']));
  });

  it('marks public routes as needing no token', () => {
    for (const r of routes.filter((x) => x.access === 'public')) {
      expect((document.paths[r.path]?.[r.method.toLowerCase()] as { security?: unknown[] }).security).toEqual([]);
    }
  });
});
