/**
 * Privacy requests for integration tests: the customer's and the operators' calls, and the
 * stored item read straight from DynamoDB Local.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { call } from './api';
import { tables } from './orders';

export interface PrivacyRequestView {
  requestId: string;
  customerId?: string;
  type: string;
  status: string;
  receivedAt: string;
  dueBy: string;
  overdue: boolean;
  extended: boolean;
  details: string | null;
  purposes: string[] | null;
  history?: { status: string; at: string; actor: { type: string; id?: string }; note: string | null }[];
}

export const createRequest = (token: string, body: unknown, idempotencyKey?: string) =>
  call<PrivacyRequestView>('POST', '/v1/me/privacy-requests', {
    token,
    body,
    ...(idempotencyKey === undefined ? {} : { headers: { 'Idempotency-Key': idempotencyKey } }),
  });

export const operatorAction = (token: string, requestId: string, action: 'extend' | 'complete' | 'reject', text: string) =>
  call<PrivacyRequestView & { detail?: string }>('POST', `/v1/admin/privacy-requests/${requestId}/${action}`, {
    token,
    body: action === 'complete' ? { resolution: text } : { reason: text },
  });

/** Every page of the operators' queue for the query. */
export const wholeQueue = async (token: string, query = ''): Promise<PrivacyRequestView[]> => {
  const items: PrivacyRequestView[] = [];
  let cursor: string | null = null;
  do {
    const params = new URLSearchParams(query);
    params.set('limit', '100');
    if (cursor !== null) params.set('cursor', cursor);
    const page = await call<{ items: PrivacyRequestView[]; nextCursor: string | null }>('GET', `/v1/admin/privacy-requests?${params.toString()}`, { token });
    if (page.status !== 200) throw new Error(`queue answered ${page.status}: ${page.text}`);
    items.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor !== null);
  return items;
};

export const storedRequest = async (requestId: string): Promise<Record<string, unknown> | undefined> => {
  const { db, names } = await tables();
  return (await db.send(new GetCommand({ TableName: names['privacyRequests'], Key: { requestId } }))).Item;
};
