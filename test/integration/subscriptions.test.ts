/**
 * Subscription settings, push devices and SMS opt-outs made at the provider, on the local stack:
 * the routes answer the contract's shapes, every change is audited, and a STOP reply at the SMS
 * provider flows back into the settings through the import job.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { call, eventually, problemContentType } from '../support/api';
import { operatorTokens, registerCustomer } from '../support/customers';

interface Subscriptions {
  email: { advertising: boolean; informational: boolean };
  sms: { advertising: boolean; informational: boolean };
  push: { advertising: boolean; informational: boolean };
}

const allOn: Subscriptions = {
  email: { advertising: true, informational: true },
  sms: { advertising: true, informational: true },
  push: { advertising: true, informational: true },
};

const auditActions = async (customerId: string) => {
  const operator = await operatorTokens();
  const page = await call<{ items: { action: string; details: Record<string, unknown>; actor: { type: string } }[] }>(
    'GET',
    `/v1/admin/customers/${customerId}/audit?limit=100`,
    { token: operator.accessToken },
  );
  expect(page.status).toBe(200);
  return page.body.items;
};

describe('subscription settings', () => {
  it('start all on, change by any subset, answer when contractors will have it, and are audited', async () => {
    const customer = await registerCustomer();
    const token = customer.tokens.accessToken;
    const initial = await call<Subscriptions>('GET', '/v1/me/subscriptions', { token });
    expect(initial.status).toBe(200);
    expect(initial.body).toEqual(allOn);

    const before = Date.now();
    const changed = await call<{ subscriptions: Subscriptions; effectiveAt: string; contractorsSyncedBy: string }>('PUT', '/v1/me/subscriptions', {
      token,
      body: { email: { advertising: false }, sms: { informational: false } },
    });
    expect(changed.status).toBe(200);
    expect(changed.body.subscriptions).toEqual({ ...allOn, email: { advertising: false, informational: true }, sms: { advertising: true, informational: false } });
    const effectiveAt = Date.parse(changed.body.effectiveAt);
    const syncedBy = Date.parse(changed.body.contractorsSyncedBy);
    expect(effectiveAt).toBeGreaterThanOrEqual(before - 1000);
    // Well inside the policy's 3 days: one sync interval, the settle window and the job's time limit.
    expect(syncedBy - effectiveAt).toBeGreaterThan(15 * 60_000);
    expect(syncedBy - effectiveAt).toBeLessThan(60 * 60_000);

    const read = await call<Subscriptions>('GET', '/v1/me/subscriptions', { token });
    expect(read.body).toEqual(changed.body.subscriptions);

    // The same settings again change nothing and write no second audit entry.
    expect((await call('PUT', '/v1/me/subscriptions', { token, body: { email: { advertising: false } } })).status).toBe(200);
    const entries = (await auditActions(customer.customerId)).filter((e) => e.action === 'subscriptions.changed');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actor: { type: 'customer' }, details: { via: 'account' } });
  });

  it('refuses unknown channels, unknown fields and wrong types with the fields named, and anonymous callers', async () => {
    const customer = await registerCustomer();
    const token = customer.tokens.accessToken;
    const bad = await call<{ errors: { path: string }[] }>('PUT', '/v1/me/subscriptions', {
      token,
      body: { fax: { advertising: false }, email: { advertising: 'no', service: false } },
    });
    expect(bad.status).toBe(422);
    expect(bad.headers.get('content-type')).toMatch(problemContentType);
    const paths = bad.body.errors.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body.fax', 'body.email.advertising', 'body.email.service']));
    // Nothing was written.
    expect((await call<Subscriptions>('GET', '/v1/me/subscriptions', { token })).body).toEqual(allOn);
    expect((await call('GET', '/v1/me/subscriptions')).status).toBe(401);
  });
});

describe('push devices', () => {
  it('registers a device once per token, lists it, and unregisters it; another customer cannot touch it', async () => {
    const customer = await registerCustomer();
    const other = await registerCustomer();
    const token = customer.tokens.accessToken;
    const deviceToken = `fcm-${randomUUID()}`;
    const first = await call<{ deviceId: string }>('POST', '/v1/me/devices', { token, body: { platform: 'fcm', token: deviceToken } });
    expect(first.status).toBe(201);
    expect(first.body.deviceId).toMatch(/^[0-9a-f]{32}$/);
    const again = await call<{ deviceId: string }>('POST', '/v1/me/devices', { token, body: { platform: 'fcm', token: deviceToken } });
    expect(again.body.deviceId).toBe(first.body.deviceId);

    const listed = await call<{ items: { deviceId: string; platform: string }[] }>('GET', '/v1/me/devices', { token });
    expect(listed.body.items).toEqual([expect.objectContaining({ deviceId: first.body.deviceId, platform: 'fcm' })]);
    // The token itself is not given back.
    expect(listed.text).not.toContain(deviceToken);

    expect((await call('DELETE', `/v1/me/devices/${first.body.deviceId}`, { token: other.tokens.accessToken })).status).toBe(404);
    expect((await call('DELETE', `/v1/me/devices/${first.body.deviceId}`, { token })).status).toBe(204);
    expect((await call('DELETE', `/v1/me/devices/${first.body.deviceId}`, { token })).status).toBe(404);
    expect((await call<{ items: unknown[] }>('GET', '/v1/me/devices', { token })).body.items).toEqual([]);

    const bad = await call<{ errors: { path: string }[] }>('POST', '/v1/me/devices', { token, body: { platform: 'wns', token: 'x' } });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e) => e.path)).toEqual(expect.arrayContaining(['body.platform', 'body.token']));
  });
});

describe('SMS opt-outs made at the provider', () => {
  it('a STOP reply turns off advertising and informational SMS at the next import, audited', async () => {
    const customer = await registerCustomer();
    const token = customer.tokens.accessToken;
    const phone = `+7916${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
    expect((await call('PATCH', '/v1/me', { token, body: { phone } })).status).toBe(200);

    expect((await call('POST', '/_local/sms/opt-outs', { body: { phone } })).status).toBe(200);
    const run = await call<{ result: { numbers: number; customersChanged: number } }>('POST', '/_local/jobs/sms-opt-out-import/run');
    expect(run.status).toBe(200);
    expect(run.body.result.customersChanged).toBeGreaterThanOrEqual(1);

    const settings = await call<Subscriptions>('GET', '/v1/me/subscriptions', { token });
    expect(settings.body.sms).toEqual({ advertising: false, informational: false });
    expect(settings.body.email).toEqual({ advertising: true, informational: true });
    const entries = await eventually(async () => {
      const found = (await auditActions(customer.customerId)).filter((e) => e.action === 'subscriptions.changed');
      return found.length > 0 ? found : undefined;
    });
    expect(entries[0]).toMatchObject({ actor: { type: 'job' }, details: { via: 'sms_stop' } });

    // A second run finds the customer already opted out and changes nothing.
    await call('POST', '/_local/jobs/sms-opt-out-import/run');
    expect((await auditActions(customer.customerId)).filter((e) => e.action === 'subscriptions.changed')).toHaveLength(1);
  });
});
