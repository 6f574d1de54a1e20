/**
 * How the `baskets` table is keyed, shared by the basket adapter, the order adapter (placing an
 * order removes its lines) and the reminder job.
 */
export const basketLineKey = (productId: string) => `item#${productId}`;
export const basketLinePrefix = 'item#';
/** The per-customer item that schedules the basket reminder. */
export const basketSummaryKey = '#summary';
/** The one partition of the sparse `byReminderDue` index: summaries with a pending reminder. */
export const reminderPartition = 'due';
