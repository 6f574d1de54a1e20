import { httpHandler } from '#commons/http/handler';
import { ok } from '#commons/http/response';
import { consentDocuments, privacyPolicy } from '#domain/legal/documents';
import { consentPurposes } from '#domain/legal/purposes';
import { getLegalDocuments } from '#system/routes/public';

const body = {
  privacyPolicy,
  consents: consentPurposes.map((purpose) => consentDocuments[purpose]),
};

export const handler = httpHandler(getLegalDocuments, async () => ok(body, { 'Cache-Control': 'public, max-age=300' }));
