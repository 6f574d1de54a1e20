import * as z from '../zod';
import { pageOf, pageQuerySchema } from '../schemas/common';
import { productIdSchema, productSchema } from '../schemas/catalogue';
import {
  basketItemSchema,
  basketSchema,
  favoritesSchema,
  loyaltySchema,
  orderCreateSchema,
  orderIdSchema,
  orderSchema,
  priceChangeSchema,
  statusMoveSchema,
} from '../schemas/shop';
import { route } from './route';

// Each definition is a pure IIFE so that esbuild leaves out of a function's bundle whatever it does
// not use: see system/zod.ts.
const productParams = /* @__PURE__ */ (() => z.object({ productId: productIdSchema }))();

export const getBasket = /* @__PURE__ */ (() =>
  route({
    handler: 'get-basket',
    method: 'GET',
    path: '/v1/me/basket',
    access: 'customer',
    summary: 'The basket, priced from the catalogue now',
    tags: ['basket'],
    responses: { 200: { description: 'Basket', schema: basketSchema } },
    needs: { tables: { baskets: 'read', catalogue: 'read' } },
  }))();

export const putBasketItem = /* @__PURE__ */ (() =>
  route({
    handler: 'put-basket-item',
    method: 'PUT',
    path: '/v1/me/basket/items/{productId}',
    access: 'customer',
    summary: 'Set the quantity of a book in the basket (1–99)',
    tags: ['basket'],
    request: { params: productParams, body: basketItemSchema },
    responses: { 200: { description: 'Basket', schema: basketSchema }, 404: { description: 'No such book' } },
    needs: { tables: { baskets: 'readWrite', catalogue: 'read' } },
  }))();

export const deleteBasketItem = /* @__PURE__ */ (() =>
  route({
    handler: 'delete-basket-item',
    method: 'DELETE',
    path: '/v1/me/basket/items/{productId}',
    access: 'customer',
    summary: 'Remove a book from the basket',
    tags: ['basket'],
    request: { params: productParams },
    responses: { 200: { description: 'Basket', schema: basketSchema } },
    needs: { tables: { baskets: 'readWrite', catalogue: 'read' } },
  }))();

export const getFavorites = /* @__PURE__ */ (() =>
  route({
    handler: 'get-favorites',
    method: 'GET',
    path: '/v1/me/favorites',
    access: 'customer',
    summary: 'Books kept in favourites',
    tags: ['favorites'],
    responses: { 200: { description: 'Favourites', schema: favoritesSchema } },
    needs: { tables: { favorites: 'read' } },
  }))();

export const putFavorite = /* @__PURE__ */ (() =>
  route({
    handler: 'put-favorite',
    method: 'PUT',
    path: '/v1/me/favorites/{productId}',
    access: 'customer',
    summary: 'Keep a book in favourites',
    tags: ['favorites'],
    request: { params: productParams },
    responses: { 200: { description: 'Favourites', schema: favoritesSchema }, 404: { description: 'No such book' } },
    needs: { tables: { favorites: 'readWrite', catalogue: 'read' } },
  }))();

export const deleteFavorite = /* @__PURE__ */ (() =>
  route({
    handler: 'delete-favorite',
    method: 'DELETE',
    path: '/v1/me/favorites/{productId}',
    access: 'customer',
    summary: 'Remove a book from favourites',
    tags: ['favorites'],
    request: { params: productParams },
    responses: { 200: { description: 'Favourites', schema: favoritesSchema } },
    needs: { tables: { favorites: 'readWrite' } },
  }))();

export const placeOrder = /* @__PURE__ */ (() =>
  route({
    handler: 'place-order',
    method: 'POST',
    path: '/v1/orders',
    access: 'customer',
    summary: 'Place an order at catalogue prices; a retry with the same Idempotency-Key returns the first order',
    tags: ['orders'],
    request: { body: orderCreateSchema, idempotent: true },
    responses: {
      201: { description: 'The order', schema: orderSchema },
      409: { description: 'The Idempotency-Key was used with another body' },
    },
    needs: { tables: { orders: 'readWrite', catalogue: 'read', baskets: 'readWrite', events: 'write', customers: 'read' } },
  }))();

export const listOrders = /* @__PURE__ */ (() =>
  route({
    handler: 'list-orders',
    method: 'GET',
    path: '/v1/orders',
    access: 'customer',
    summary: "The caller's orders, newest first",
    tags: ['orders'],
    request: { query: pageQuerySchema },
    responses: { 200: { description: 'A page of orders', schema: pageOf(orderSchema) } },
    needs: { tables: { orders: 'read' } },
  }))();

export const getOrder = /* @__PURE__ */ (() =>
  route({
    handler: 'get-order',
    method: 'GET',
    path: '/v1/orders/{orderId}',
    access: 'customer',
    summary: 'One order with its status history (another customer’s is 404)',
    tags: ['orders'],
    request: { params: z.object({ orderId: orderIdSchema }) },
    responses: { 200: { description: 'The order', schema: orderSchema }, 404: { description: 'No such order of the caller' } },
    needs: { tables: { orders: 'read' } },
  }))();

export const getLoyalty = /* @__PURE__ */ (() =>
  route({
    handler: 'get-loyalty',
    method: 'GET',
    path: '/v1/me/loyalty',
    access: 'customer',
    summary: 'Loyalty tier from lifetime spend on delivered orders; 403 naming the consent when loyalty_program is not granted',
    tags: ['loyalty'],
    responses: { 200: { description: 'Loyalty status', schema: loyaltySchema }, 403: { description: 'loyalty_program consent not granted' } },
    needs: { tables: { customers: 'read' } },
  }))();

export const moveOrderStatus = /* @__PURE__ */ (() =>
  route({
    handler: 'move-order-status',
    method: 'POST',
    path: '/v1/admin/orders/{orderId}/status',
    access: 'operator',
    summary: 'Move an order: PLACED→CONFIRMED→SHIPPED→DELIVERED, PLACED or CONFIRMED→CANCELLED; else 409',
    tags: ['operators'],
    request: { params: z.object({ orderId: orderIdSchema }), body: statusMoveSchema },
    responses: { 200: { description: 'The order', schema: orderSchema }, 409: { description: 'Not an allowed move from the current status' } },
    needs: { tables: { orders: 'readWrite', customers: 'readWrite', events: 'write' } },
  }))();

export const changePrice = /* @__PURE__ */ (() =>
  route({
    handler: 'change-price',
    method: 'POST',
    path: '/v1/admin/products/{productId}/price',
    access: 'operator',
    summary: 'Set a book’s price; a lower price is an event that tells those who keep it in favourites',
    tags: ['operators'],
    request: { params: productParams, body: priceChangeSchema },
    responses: { 200: { description: 'The book', schema: productSchema }, 404: { description: 'No such book' } },
    needs: { tables: { catalogue: 'readWrite', events: 'write' } },
  }))();
