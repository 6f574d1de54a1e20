// Facts about the operator and its contractors that a lawyer may need to correct without
// touching any logic: the consent documents are rendered from these values, so an edit here
// changes every consent text (and therefore its sha256) at once.
import type { ConsentPurpose } from './purposes';

export interface Operator {
  readonly name: string;
  readonly address: string;
  readonly email: string;
  readonly website: string;
}

export interface Processor {
  readonly name: string;
  readonly role: string;
  /** What the processor receives; a consent must name it, not just the processor. */
  readonly dataCategories: readonly string[];
  /** The consents this processor appears in: a customer is shown only the processors of the purpose agreed to. */
  readonly purposes: readonly ConsentPurpose[];
}

export const operator: Operator = {
  name: 'OOO "Publishing house "International Relations"',
  // Not known from the policy; a placeholder that reads as one rather than an invented address.
  address: 'Registered address: to be confirmed by the legal department',
  email: 'info@imobook.ru',
  website: 'imobook.ru',
};

// This list is what the consent documents show as the persons processing personal data on the
// operator's behalf (152-FZ Art. 9 part 4); a new contractor is added here before it gets any data.
export const processors: readonly Processor[] = [
  {
    name: 'Amazon Web Services',
    role: 'cloud hosting of the Site and its database; delivery of email (Amazon SES) and of SMS and push notifications (Amazon SNS)',
    dataCategories: [
      'the personal data listed in the consent, stored in the hosted database; contact details also to deliver messages',
    ],
    purposes: ['personal_data_processing', 'advertising', 'personalization', 'loyalty_program'],
  },
  {
    name: 'Delivery service',
    role: 'delivering orders',
    dataCategories: ['recipient full name', 'recipient contact phone number', 'delivery address'],
    purposes: ['personal_data_processing'],
  },
  {
    name: 'Advertising mailing contractor ("mailer")',
    role: 'sending advertising and informational messages on the operator\'s behalf',
    dataCategories: ['email address and/or phone number', 'subscription status for each channel and category'],
    purposes: ['advertising'],
  },
  {
    name: 'Analytics partners',
    role: 'evaluating and analysing the Site\'s performance and purchasing characteristics for personal recommendations',
    dataCategories: ['impersonal data only (pseudonymised and generalised); never names, email addresses, phone numbers or addresses'],
    purposes: ['personalization'],
  },
];
