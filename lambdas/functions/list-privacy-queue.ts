import { privacyRequestStore } from '#adapters/privacy-request-store';
import { authenticatedHandler } from '#commons/http/authenticated';
import { ok } from '#commons/http/response';
import { listQueue } from '#domain/privacy/requests';
import { listPrivacyQueue as route } from '#system/routes/privacy';

export const handler = authenticatedHandler(route, async ({ query }) => ok(await listQueue(privacyRequestStore, query, new Date())));
