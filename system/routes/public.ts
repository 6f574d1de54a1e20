import * as z from '../zod';
import { productIdSchema, productPageSchema, productSchema } from '../schemas/catalogue';
import { healthSchema, pageQuerySchema } from '../schemas/common';
import { legalDocumentsSchema } from '../schemas/legal';
import { route } from './route';

// Each definition is a pure IIFE so that esbuild leaves out of a function's bundle whatever it does
// not use: see system/zod.ts.
export const getHealth = /* @__PURE__ */ (() =>
  route({
    handler: 'get-health',
    method: 'GET',
    path: '/v1/health',
    access: 'public',
    summary: 'Liveness of the API',
    tags: ['public'],
    responses: { 200: { description: 'The API answers', schema: healthSchema } },
  }))();

export const listProducts = /* @__PURE__ */ (() =>
  route({
    handler: 'list-products',
    method: 'GET',
    path: '/v1/products',
    access: 'public',
    summary: 'The catalogue of books, in title order',
    tags: ['catalogue'],
    request: { query: pageQuerySchema },
    responses: { 200: { description: 'A page of books', schema: productPageSchema } },
    needs: { tables: { catalogue: 'read' } },
  }))();

export const getProduct = /* @__PURE__ */ (() =>
  route({
    handler: 'get-product',
    method: 'GET',
    path: '/v1/products/{productId}',
    access: 'public',
    summary: 'One book',
    tags: ['catalogue'],
    request: { params: z.object({ productId: productIdSchema }) },
    responses: {
      200: { description: 'The book', schema: productSchema },
      404: { description: 'No such book' },
    },
    needs: { tables: { catalogue: 'read' } },
  }))();

export const getLegalDocuments = /* @__PURE__ */ (() =>
  route({
    handler: 'get-legal-documents',
    method: 'GET',
    path: '/v1/legal/documents',
    access: 'public',
    summary: 'The privacy policy and the current consent document of each purpose',
    tags: ['legal'],
    responses: { 200: { description: 'Current documents', schema: legalDocumentsSchema } },
  }))();

export const getOpenApi = /* @__PURE__ */ (() =>
  route({
    handler: 'get-openapi',
    method: 'GET',
    path: '/v1/openapi.json',
    access: 'public',
    summary: 'This OpenAPI document, generated from the route definitions',
    tags: ['public'],
    responses: { 200: { description: 'OpenAPI 3.1 document' } },
  }))();
