/**
 * The consent ledger: every change appends a receipt; the current state is the receipts' state.
 */
import { createHash } from 'node:crypto';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { call, eventually } from '../support/api';
import { consentVersion, login, outbox, registerCustomer } from '../support/customers';
import { tables } from '../support/orders';

interface Consent {
  purpose: string;
  granted: boolean;
  documentVersion: string | null;
  receiptId: string | null;
}
interface Receipt {
  receiptId: string;
  customerId: string;
  purpose: string;
  granted: boolean;
  documentVersion: string;
  documentSha256: string;
  collectedAt: string;
  collectionMethod: string;
  jurisdiction: string;
}

describe('consents', () => {
  it('lists every purpose, with the registration receipts', async () => {
    const customer = await registerCustomer();
    const consents = await call<Consent[]>('GET', '/v1/me/consents', { token: customer.tokens.accessToken });
    expect(consents.body.map((c) => c.purpose).sort()).toEqual(['advertising', 'loyalty_program', 'personal_data_processing', 'personalization']);
    expect(consents.body.find((c) => c.purpose === 'personal_data_processing')).toMatchObject({ granted: true, documentVersion: consentVersion });
    expect(consents.body.find((c) => c.purpose === 'loyalty_program')).toMatchObject({ granted: false, receiptId: null });
  });

  it('appends a receipt per change that points at the exact document, and derives the state from them', async () => {
    const customer = await registerCustomer();
    const token = customer.tokens.accessToken;
    const granted = await call<Receipt>('PUT', '/v1/me/consents/personalization', { token, body: { granted: true, documentVersion: consentVersion } });
    expect(granted.status).toBe(200);
    const documents = (await call<{ consents: { purpose: string; text: string; sha256: string }[] }>('GET', '/v1/legal/documents')).body.consents;
    const document = documents.find((d) => d.purpose === 'personalization');
    expect(granted.body).toMatchObject({
      customerId: customer.customerId,
      purpose: 'personalization',
      granted: true,
      documentVersion: consentVersion,
      documentSha256: createHash('sha256').update(document?.text ?? '').digest('hex'),
      collectionMethod: 'consent_settings',
      jurisdiction: 'RU',
    });
    const same = await call<Receipt>('PUT', '/v1/me/consents/personalization', { token, body: { granted: true, documentVersion: consentVersion } });
    expect(same.body.receiptId).toBe(granted.body.receiptId);
    const withdrawn = await call<Receipt>('PUT', '/v1/me/consents/personalization', { token, body: { granted: false, documentVersion: consentVersion } });
    expect(withdrawn.body.granted).toBe(false);

    const receipts = (await call<{ items: Receipt[] }>('GET', '/v1/me/consents/receipts?limit=100', { token })).body.items;
    const personalization = receipts.filter((r) => r.purpose === 'personalization');
    expect(personalization.map((r) => r.granted)).toEqual([false, true]);
    const state = (await call<Consent[]>('GET', '/v1/me/consents', { token })).body;
    for (const consent of state) {
      const newest = receipts.find((r) => r.purpose === consent.purpose);
      expect(consent.granted, consent.purpose).toBe(newest?.granted ?? false);
      expect(consent.receiptId, consent.purpose).toBe(newest?.receiptId ?? null);
    }
  });

  it('refuses a grant of an outdated document with 409 naming the current version, and an unknown purpose with 422', async () => {
    const customer = await registerCustomer();
    const token = customer.tokens.accessToken;
    const outdated = await call<{ detail: string }>('PUT', '/v1/me/consents/advertising', { token, body: { granted: true, documentVersion: '2020-01-01' } });
    expect(outdated.status).toBe(409);
    expect(outdated.body.detail).toContain(consentVersion);
    const unknown = await call<{ errors: { path: string }[] }>('PUT', '/v1/me/consents/telepathy', { token, body: { granted: true, documentVersion: consentVersion } });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors[0]?.path).toBe('path.purpose');
  });

  it('orders concurrent changes: the ledger and the state agree afterwards', async () => {
    const customer = await registerCustomer();
    const token = customer.tokens.accessToken;
    const choices = [true, false, true, false, true, false];
    const results = await Promise.all(
      choices.map((granted) => call('PUT', '/v1/me/consents/loyalty_program', { token, body: { granted, documentVersion: consentVersion } })),
    );
    for (const r of results) expect([200, 409]).toContain(r.status);
    const receipts = (await call<{ items: Receipt[] }>('GET', '/v1/me/consents/receipts?limit=100', { token })).body.items.filter((r) => r.purpose === 'loyalty_program');
    const state = (await call<Consent[]>('GET', '/v1/me/consents', { token })).body.find((c) => c.purpose === 'loyalty_program');
    expect(state?.receiptId).toBe(receipts[0]?.receiptId);
    expect(state?.granted).toBe(receipts[0]?.granted);
  });
});

describe('withdrawing consent to personal data processing', () => {
  it('closes the account at once: receipt first, then no session and no sign-in', async () => {
    const customer = await registerCustomer();
    const token = customer.tokens.accessToken;
    const withdrawn = await call<Receipt>('PUT', '/v1/me/consents/personal_data_processing', { token, body: { granted: false, documentVersion: consentVersion } });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({ purpose: 'personal_data_processing', granted: false });
    expect((await call('GET', '/v1/me', { token })).status).toBe(401);
    expect((await login(customer.email, customer.password)).status).toBe(401);
    const notice = await eventually(async () => (await outbox(customer.email)).find((m) => /account is closed/.test(m.subject ?? '')));
    expect(notice.body).toMatch(/destroyed/);
  });
});

describe('withdrawing personal data processing in consent settings', () => {
  it('files a withdraw_consent request for that purpose, so the destruction job finds it; a repeat files no second one', async () => {
    const customer = await registerCustomer();
    const token = customer.tokens.accessToken;
    const body = { granted: false, documentVersion: consentVersion };
    expect((await call('PUT', '/v1/me/consents/personal_data_processing', { token, body })).status).toBe(200);

    const { db, names } = await tables();
    const requests = async () =>
      (
        await db.send(
          new QueryCommand({
            TableName: names['privacyRequests'],
            IndexName: 'byCustomer',
            KeyConditionExpression: 'customerId = :c',
            ExpressionAttributeValues: { ':c': customer.customerId },
          }),
        )
      ).Items ?? [];
    const filed = await eventually(async () => {
      const items = await requests();
      return items.length > 0 ? items : undefined;
    });
    expect(filed).toHaveLength(1);
    expect(filed[0]).toMatchObject({ type: 'withdraw_consent', purposes: ['personal_data_processing'] });
    const history = filed[0]?.['history'] as { status: string; actor: { type: string }; note: string | null }[];
    expect(history[0]).toMatchObject({ status: 'RECEIVED', actor: { type: 'customer' }, note: 'withdrawn in consent settings' });
    // Open until the destruction job (run by other test files at any moment) completes it.
    expect(['RECEIVED', 'IN_PROGRESS', 'EXTENDED', 'COMPLETED']).toContain(filed[0]?.['status']);
  });
});
