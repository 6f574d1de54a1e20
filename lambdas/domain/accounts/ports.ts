/**
 * Everything the account logic talks to, passed in by the handlers (lambdas/functions) so the
 * logic itself never sees an event, a client or an environment variable.
 */
import type { AuditTrail } from '../audit/audit';
import type { OutboundMessage } from '../messaging/outbound-message';
import type { PrivacyRequestStore } from '../privacy/requests';
import type { CustomerStore } from './customers';
import type { IdentityProvider } from './identity';
import type { SessionStore } from './sessions';
import type { WatchList } from './takeover';
import type { ThrottleStore } from './throttle';

export interface AccountPorts {
  readonly identity: IdentityProvider;
  readonly customers: CustomerStore;
  readonly sessions: SessionStore;
  readonly throttles: ThrottleStore;
  readonly watchList: WatchList;
  readonly audit: AuditTrail;
  /** Withdrawing personal_data_processing files the withdraw_consent request the destruction job works. */
  readonly privacyRequests: Pick<PrivacyRequestStore, 'create'>;
  readonly messages: { enqueue(message: OutboundMessage): Promise<void> };
  readonly clock: () => Date;
  readonly ids: () => string;
}

/**
 * The ports of the account operations that send no message and file no request: sign-in,
 * refresh, sign-out, confirmation, forgotten password and rectification. Their functions are
 * wired without the outbound queue (the SQS client) and the privacy-request store, about a
 * sixth of their cold start's import (lambdas/adapters/quiet-account-ports.ts).
 */
export type QuietAccountPorts = Omit<AccountPorts, 'privacyRequests' | 'messages'>;

export const seconds = (date: Date): number => Math.floor(date.getTime() / 1000);
