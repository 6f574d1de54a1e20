/**
 * The account logic's ports, wired to AWS: the quiet ones (./quiet-account-ports.ts) with the
 * outbound queue and the privacy-request store, for the operations that send a message or file
 * a request. Each adapter reads its configuration on first use, so a function needs (and is
 * granted) only what its own path touches.
 */
import type { AccountPorts } from '#domain/accounts/ports';
import { outboundQueue } from './outbound-queue';
import { privacyRequestStore } from './privacy-request-store';
import { quietAccountPorts } from './quiet-account-ports';

export const accountPorts: AccountPorts = { ...quietAccountPorts, privacyRequests: privacyRequestStore, messages: outboundQueue };
