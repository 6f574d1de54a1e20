/**
 * An access request completes on its own (152-FZ Art. 14): the export of everything held about
 * the customer is built, stored, and the request closed with the customer told, without an
 * operator. Run by the stream consumer of new requests; safe to run twice for one request
 * (the export is rewritten, the transition applies once).
 */
import { auditEntry } from '../audit/audit';
import { privacyNotices } from '../messaging/privacy-notices';
import { type AccessExport, buildAccessExport, type CustomerItemsReader } from './access-export';
import { applyTransition, emailCustomer, type PrivacyRequest, type RequestPorts, type Transition } from './requests';

export interface AccessExportStore {
  save(requestId: string, exported: AccessExport): Promise<number>;
  load(requestId: string): Promise<AccessExport | undefined>;
}

export const completeAccessRequest = async (
  ports: RequestPorts & { exports: AccessExportStore; read: CustomerItemsReader },
  request: PrivacyRequest,
): Promise<'completed' | 'skipped'> => {
  if (request.type !== 'access' || request.status !== 'RECEIVED') return 'skipped';
  const now = ports.clock();
  const exported = await buildAccessExport(ports.read, request.customerId, now);
  const parts = await ports.exports.save(request.requestId, exported);
  const actor = { type: 'job' as const, id: 'access-export' };
  const note = `The export of your data is ready (${Object.keys(exported.sections).length} sections).`;
  const change: Transition = {
    requestId: request.requestId,
    from: 'RECEIVED',
    fromExtensions: request.extensions,
    to: 'COMPLETED',
    entry: { status: 'COMPLETED', at: now.toISOString(), actor, note },
    close: true,
  };
  if (!(await ports.requests.transition(change))) return 'skipped';
  const updated = applyTransition(request, change);
  await ports.audit.append(
    auditEntry(ports.ids, now, request.customerId, actor, 'privacy_request.completed', { requestId: request.requestId, type: 'access', parts }),
  );
  await emailCustomer(ports, request.customerId, (locale) => privacyNotices.completed(locale, updated.requestId, updated.type, note));
  return 'completed';
};
