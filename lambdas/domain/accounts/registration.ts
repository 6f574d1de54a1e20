/**
 * Registration (policy 1.1–1.2): last name, first name, email and the consents, each purpose
 * on its own document. An email already registered gets the same answer as a new one (no
 * account enumeration) and its owner an email saying someone tried.
 */
import { auditEntry } from '../audit/audit';
import { type ConsentChoice, assertRegistrationConsents, receiptFor, stateOf } from '../consent/ledger';
import { RuleViolationError } from '../errors';
import { notices } from '../messaging/account-notices';
import { type Locale, defaultLocale } from '../messaging/templates/locale';
import type { Customer } from './customers';
import { IdentityError } from './identity';
import type { AccountPorts, QuietAccountPorts } from './ports';

export interface Registration {
  readonly email: string;
  readonly password: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly consents: readonly ConsentChoice[];
}

/**
 * `requestLocale` is the language the request's `Accept-Language` prefers (ru or en); without
 * one the account, and the notice to an existing account's owner, are in Russian.
 */
export const register = async (
  ports: AccountPorts,
  registration: Registration,
  requestLocale: Locale | undefined = undefined,
): Promise<{ status: 'CONFIRMATION_SENT' }> => {
  const locale = requestLocale ?? defaultLocale;
  assertRegistrationConsents(registration.consents);
  let customerId: string;
  try {
    customerId = await ports.identity.signUp(registration);
  } catch (error: unknown) {
    if (error instanceof IdentityError && error.kind === 'exists') {
      await ports.messages.enqueue({ messageId: ports.ids(), channel: 'email', category: 'service', to: registration.email, ...notices.registrationAttempt(locale) });
      return { status: 'CONFIRMATION_SENT' };
    }
    if (error instanceof IdentityError && error.kind === 'badPassword') {
      throw new RuleViolationError('weak password', [{ path: 'body.password', message: 'does not meet the password rule' }]);
    }
    throw error;
  }

  const now = ports.clock();
  const receipts = registration.consents.map((choice) => receiptFor(customerId, choice, 'registration_form', now, ports.ids));
  const customer: Customer = {
    customerId,
    email: registration.email,
    firstName: registration.firstName,
    lastName: registration.lastName,
    status: 'PENDING',
    registeredAt: now.toISOString(),
    createdAt: null,
    closedAt: null,
    consents: Object.fromEntries(receipts.map((r) => [r.purpose, stateOf(r)])),
    consentSeq: 1,
    loyaltyTier: null,
    locale,
  };
  try {
    await ports.customers.createPending(customer, receipts);
  } catch (error: unknown) {
    // No half-registered account: without its record and receipts the sign-up is undone.
    await ports.identity.delete(customerId).catch(() => undefined);
    throw error;
  }
  await ports.audit.append(
    auditEntry(ports.ids, now, customerId, { type: 'customer', id: customerId }, 'account.registered', {
      consents: receipts.map((r) => ({ purpose: r.purpose, granted: r.granted, receiptId: r.receiptId })),
    }),
  );
  return { status: 'CONFIRMATION_SENT' };
};

/** Confirms the email with the code; the profile becomes active once, however often this runs. */
export const confirm = async (ports: QuietAccountPorts, email: string, code: string): Promise<void> => {
  try {
    await ports.identity.confirmSignUp(email, code);
  } catch (error: unknown) {
    if (error instanceof IdentityError) {
      throw new RuleViolationError('bad code', [{ path: 'body.code', message: 'is wrong or expired' }]);
    }
    throw error;
  }
  const user = await ports.identity.userByEmail(email);
  if (user === undefined) throw new RuleViolationError('bad code', [{ path: 'body.code', message: 'is wrong or expired' }]);
  const now = ports.clock();
  if (await ports.customers.activate(user.customerId, now.toISOString())) {
    await ports.audit.append(auditEntry(ports.ids, now, user.customerId, { type: 'customer', id: user.customerId }, 'account.confirmed'));
  }
};
