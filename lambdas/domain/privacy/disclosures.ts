/**
 * Disclosures under a legal requirement (policy 2.2; 152-FZ Art. 6 part 1 item 2, Art. 14 part 7
 * item 5: the customer may learn to whom their data was disclosed). An operator records each one:
 * to whom, on what legal basis, which categories of data. The record is never changed (the table
 * is append-only), is written together with an entry in the customer's audit trail, and is part of
 * the customer's access export. With an Idempotency-Key, a retry answers the first record.
 */
import { createHash, randomUUID } from 'node:crypto';
import { type AuditEntry, auditEntry } from '../audit/audit';
import { ConflictError, NotFoundError } from '../errors';
import { canonicalJson } from '../shop/orders';

export interface DisclosureInput {
  readonly customerId: string;
  readonly recipient: string;
  readonly legalBasis: string;
  readonly dataCategories: readonly string[];
}

export interface Disclosure extends DisclosureInput {
  readonly disclosureId: string;
  readonly disclosedAt: string;
  /** The operator who recorded it. */
  readonly recordedBy: string;
  readonly requestHash: string;
}

export interface DisclosureStore {
  customerExists(customerId: string): Promise<boolean>;
  get(disclosureId: string): Promise<Disclosure | undefined>;
  /** Puts the disclosure and its audit entry in one transaction, unless the id exists (false then). */
  record(disclosure: Disclosure, audit: AuditEntry): Promise<boolean>;
}

export interface DisclosurePorts {
  readonly disclosures: DisclosureStore;
  readonly clock: () => Date;
  readonly ids: () => string;
}

export const disclosureView = ({ requestHash: _hash, recordedBy: _by, ...view }: Disclosure) => view;

export const recordDisclosure = async (
  ports: DisclosurePorts,
  operatorId: string,
  input: DisclosureInput,
  idempotencyKey: string | undefined,
): Promise<Disclosure> => {
  const requestHash = createHash('sha256').update(canonicalJson(input), 'utf8').digest('hex');
  const disclosureId =
    idempotencyKey === undefined ? randomUUID() : createHash('sha256').update(`${operatorId}\n${idempotencyKey}`, 'utf8').digest('base64url').slice(0, 32);
  const settle = (existing: Disclosure): Disclosure => {
    if (existing.requestHash !== requestHash) throw new ConflictError('idempotency key reused', 'This Idempotency-Key was used with another request.');
    return existing;
  };
  if (idempotencyKey !== undefined) {
    const existing = await ports.disclosures.get(disclosureId);
    if (existing !== undefined) return settle(existing);
  }
  if (!(await ports.disclosures.customerExists(input.customerId))) throw new NotFoundError('no such customer', 'There is no such customer.');
  const now = ports.clock();
  const disclosure: Disclosure = { ...input, disclosureId, disclosedAt: now.toISOString(), recordedBy: operatorId, requestHash };
  const audit = auditEntry(
    ports.ids,
    now,
    input.customerId,
    { type: 'operator', id: operatorId },
    'data.disclosed',
    { disclosureId, recipient: input.recipient, dataCategories: input.dataCategories },
    input.legalBasis,
  );
  if (!(await ports.disclosures.record(disclosure, audit))) {
    const existing = await ports.disclosures.get(disclosureId);
    if (existing === undefined) throw new ConflictError('disclosure vanished', 'Try again.');
    return settle(existing);
  }
  return disclosure;
};
