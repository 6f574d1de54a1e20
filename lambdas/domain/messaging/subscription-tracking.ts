/**
 * What one change of a customer record means for messaging (the customers stream, old and new
 * image): the campaign audiences move (lambdas/domain/messaging/permissions.ts decides who is
 * eligible), and when a contractor's mailing system must hear of it, one entry goes to the
 * contractors' change log (the `subscriptionChanges` table, read by the contractor sync).
 *
 * The change log entry is written once per stream record: a redelivered record (a retried batch)
 * finds the record's marker and writes nothing again. Its key starts with the consumer's clock at
 * writing (`recordedAt`), so keys grow with the time they became readable; the sync leaves the
 * last two minutes alone (changeSettleSeconds) for writes still in flight.
 */
import {
  type AudienceMembership,
  type ContractorView,
  contractorMustHear,
  contractorViewOf,
  membershipChanges,
  membershipsOf,
  type Recipient,
} from './permissions';

const day = 24 * 3600;
/** Change log entries are kept 30 days: a contractor that has not synced for that long is re-fed by an operator. */
export const changeRetentionSeconds = 30 * day;
/** A record's marker outlives the stream's 24 hours of retention and retries. */
export const markerRetentionSeconds = 2 * day;

/** A customer image as the stream carries it: a customer record or a tombstone `{customerId, status: 'DESTROYED', destroyedAt}`. */
export type CustomerImage = Recipient & { readonly destroyedAt?: string };

export interface ChangeLogEntry {
  /** UTC day of recording (YYYY-MM-DD): the partition. */
  readonly day: string;
  /** `<recordedAt ISO>#<stream event id>`: ordered by time of recording, unique per record. */
  readonly changeKey: string;
  readonly customerId: string;
  readonly subscriberId: string;
  readonly erased: boolean;
  readonly email?: string;
  readonly phone?: string;
  readonly permissions: ContractorView['permissions'];
  readonly recordedAt: string;
  /** Epoch seconds: TTL. */
  readonly expiresAt: number;
}

/** The item that says a stream record's change was written (same table, its own partition). */
export interface ChangeMarker {
  readonly day: string;
  readonly changeKey: '-';
  readonly expiresAt: number;
}

export const markerOf = (eventId: string, now: Date): ChangeMarker => ({
  day: `seen#${eventId}`,
  changeKey: '-',
  expiresAt: Math.floor(now.getTime() / 1000) + markerRetentionSeconds,
});

export const changeLogEntryOf = (view: ContractorView, customerId: string, eventId: string, recordedAt: Date): ChangeLogEntry => {
  const at = recordedAt.toISOString();
  return {
    day: at.slice(0, 10),
    changeKey: `${at}#${eventId}`,
    customerId,
    subscriberId: view.subscriberId,
    erased: view.erased,
    ...(view.email !== undefined && { email: view.email }),
    ...(view.phone !== undefined && { phone: view.phone }),
    permissions: view.permissions,
    recordedAt: at,
    expiresAt: Math.floor(recordedAt.getTime() / 1000) + changeRetentionSeconds,
  };
};

export interface AudienceWrites {
  readonly puts: readonly AudienceMembership[];
  readonly deletes: readonly { readonly audienceKey: string; readonly customerId: string }[];
}

export interface SubscriptionTrackingPorts {
  readonly audiences: { apply(writes: AudienceWrites): Promise<void> };
  /** Writes the entry and the record's marker together; 'duplicate' when the marker was there. */
  readonly changeLog: { record(entry: ChangeLogEntry, marker: ChangeMarker): Promise<'recorded' | 'duplicate'> };
  /** The consumer's clock at writing. */
  readonly clock: () => Date;
}

export interface CustomerRecordChange {
  /** The stream record's event id: unique per record, the same on redelivery. */
  readonly eventId: string;
  readonly before: CustomerImage | undefined;
  readonly after: CustomerImage | undefined;
}

export interface TrackingOutcome {
  readonly audiencePuts: number;
  readonly audienceDeletes: number;
  readonly change: 'recorded' | 'duplicate' | 'none';
}

/** The audience writes and, when a contractor must hear of it, the change log entry of one record (pure). */
export const changesOf = (change: CustomerRecordChange): { readonly audiences: AudienceWrites; readonly contractorView: ContractorView | undefined } => {
  const audiences = membershipChanges(membershipsOf(change.before), membershipsOf(change.after));
  const before = contractorViewOf(change.before);
  const after = contractorViewOf(change.after);
  return { audiences, contractorView: contractorMustHear(before, after) ? after : undefined };
};

export const trackCustomerChange = async (ports: SubscriptionTrackingPorts, change: CustomerRecordChange): Promise<TrackingOutcome> => {
  const { audiences, contractorView } = changesOf(change);
  if (audiences.puts.length > 0 || audiences.deletes.length > 0) await ports.audiences.apply(audiences);
  let outcome: TrackingOutcome['change'] = 'none';
  if (contractorView !== undefined) {
    const customerId = change.after?.customerId ?? change.before?.customerId ?? contractorView.subscriberId;
    const now = ports.clock();
    outcome = await ports.changeLog.record(changeLogEntryOf(contractorView, customerId, change.eventId, now), markerOf(change.eventId, now));
  }
  return { audiencePuts: audiences.puts.length, audienceDeletes: audiences.deletes.length, change: outcome };
};
