/**
 * Job `impersonal-export` (monthly, the 1st at 03:00 UTC): the previous month's purchases,
 * impersonal, into the exports bucket (lambdas/domain/analytics/impersonal-export.ts). Answers
 * the manifest.
 */
import { customersByIds } from '#adapters/customer-batch';
import { putExportObject } from '#adapters/export-writer';
import { ordersOfMonth } from '#adapters/orders-by-month';
import { newPseudonymKey, pseudonymKeys } from '#adapters/pseudonym-keys';
import { optionalEnv } from '#commons/config';
import { jobHandler } from '#commons/job';
import { logger } from '#commons/powertools';
import { defaultK, exportImpersonalPurchases, type ExportOrder, type ImpersonalExportPorts } from '#domain/analytics/impersonal-export';

/**
 * Only what the rows and the gate need. Pages of 1,000 items: DynamoDB Local's time per page grows
 * faster than the page (a 1 MB page of a 100,000-order month takes over 3 s there, past the
 * client's request timeout); in the cloud smaller pages only mean more, equally cheap, requests.
 */
const readOrders = async (month: string): Promise<ExportOrder[]> => {
  const orders: ExportOrder[] = [];
  for await (const order of ordersOfMonth(month, { attributes: ['customerId', 'status', 'items', 'delivery'], pageSize: 1_000 })) orders.push(order);
  return orders;
};

export const ports: ImpersonalExportPorts = {
  ordersOfMonth: readOrders,
  customers: customersByIds,
  keys: pseudonymKeys,
  put: putExportObject,
  newKey: newPseudonymKey,
  clock: () => new Date(),
  warn: (message) => logger.warn(message),
};

export const handler = jobHandler(async (now) => {
  const k = Number(optionalEnv('EXPORT_K', String(defaultK)));
  const { manifest } = await exportImpersonalPurchases(ports, now, k);
  return manifest;
});
