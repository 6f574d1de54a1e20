import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { call } from '../support/api';

interface LegalDocument {
  purpose?: string;
  version: string;
  title: string;
  text: string;
  sha256: string;
}

describe('the legal documents', () => {
  it('serve the privacy policy and one separate, versioned consent document per purpose', async () => {
    const response = await call<{ privacyPolicy: LegalDocument; consents: LegalDocument[] }>('GET', '/v1/legal/documents');
    expect(response.status).toBe(200);
    const { privacyPolicy, consents } = response.body;
    expect(privacyPolicy.text).toMatch(/Privacy policy/);
    expect(privacyPolicy.purpose).toBeUndefined();
    expect(consents.map((c) => c.purpose).sort()).toEqual(['advertising', 'loyalty_program', 'personal_data_processing', 'personalization']);
    for (const document of [privacyPolicy, ...consents]) {
      expect(document.sha256).toBe(createHash('sha256').update(document.text, 'utf8').digest('hex'));
      expect(document.version).toMatch(/\S/);
    }
  });

  it('give each consent what 152-FZ Art. 9 part 4 asks for', async () => {
    const { consents } = (await call<{ consents: LegalDocument[] }>('GET', '/v1/legal/documents')).body;
    for (const consent of consents) {
      const text = consent.text;
      expect(text, consent.purpose).toMatch(/International Relations/); // the operator
      expect(text, consent.purpose).toMatch(/address/i);
      expect(text, consent.purpose).toMatch(/purpose/i);
      expect(text, consent.purpose).toMatch(/personal data/i);
      expect(text, consent.purpose).toMatch(/destruction/i); // the actions
      expect(text, consent.purpose).toMatch(/Amazon Web Services/); // a processor
      expect(text, consent.purpose).toMatch(/withdraw/i);
      expect(text, consent.purpose).toMatch(/until/i); // the term
    }
  });
});

describe('the OpenAPI document', () => {
  it('is served and lists the routes', async () => {
    const response = await call<{ openapi: string; paths: Record<string, unknown> }>('GET', '/v1/openapi.json');
    expect(response.status).toBe(200);
    expect(response.body.openapi).toBe('3.1.0');
    expect(Object.keys(response.body.paths)).toEqual(expect.arrayContaining(['/v1/health', '/v1/products', '/v1/products/{productId}', '/v1/legal/documents']));
  });
});
