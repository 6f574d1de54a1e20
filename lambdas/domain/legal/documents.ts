// The legal documents the storefront shows and the consent receipts point to. Each consent is a
// separate document (152-FZ Art. 9 part 1, since 1 Sep 2025) carrying everything Art. 9 part 4
// requires; a receipt stores the version and sha256, so the exact text a customer agreed to can
// always be proved (Art. 9 part 3 puts that burden on the operator).
import { createHash } from 'node:crypto';
import { operator, processors, type Processor } from './legal-config';
import { requiredPurpose, type ConsentPurpose } from './purposes';
import { privacyPolicyText } from './texts/privacy-policy';

export interface LegalDocument {
  readonly purpose?: ConsentPurpose;
  readonly version: string;
  readonly title: string;
  readonly text: string;
  readonly sha256: string;
}

/** The per-purpose facts of a consent; everything else in the text is shared or comes from legal-config. */
interface ConsentTerms {
  readonly version: string;
  readonly title: string;
  readonly purposeStatement: string;
  readonly personalData: readonly string[];
  readonly actions: readonly string[];
  readonly methods: readonly string[];
  readonly term: string;
  readonly withdrawal: string;
  /** Purpose-specific conditions a customer should read before agreeing, each starting with its heading. */
  readonly conditions: readonly string[];
}

// Any change to a text needs a new version: receipts of the old version must keep matching its hash.
const documentVersion = '2025-09-01';

const processingActions: readonly string[] = [
  'collection',
  'recording',
  'systematisation',
  'accumulation',
  'storage',
  'clarification (updating, changing)',
  'extraction',
  'use',
  'transfer (provision, access) to the processors listed in this consent',
  'blocking',
  'deletion',
  'destruction',
];

const processingMethods: readonly string[] = [
  'automated processing',
  'with transfer over information and telecommunication networks',
  'without transfer over information and telecommunication networks',
];

function withdrawalText(purpose: ConsentPurpose, effect: string): string {
  return (
    'I may withdraw this consent at any time, and withdrawing it is as easy as giving it: ' +
    'by switching it off in the consent settings of my personal account on the Site ' +
    `(the Site does this through the request PUT /v1/me/consents/${purpose}), ` +
    `or by sending a request to ${operator.email}. ${effect}`
  );
}

// Other purposes reuse data the required consent already covers, so withdrawing one of them
// destroys only what was held for that purpose alone.
const optionalTerm =
  'This consent is valid from the moment I give it until I withdraw it. After withdrawal the Operator ' +
  'stops processing my personal data for this purpose and destroys, within 30 days, the data it holds ' +
  'for this purpose only. The record that I gave and withdrew this consent is kept, because the Operator ' +
  'must be able to prove it.';

const consentTerms: Readonly<Record<ConsentPurpose, ConsentTerms>> = {
  personal_data_processing: {
    version: documentVersion,
    title: 'Consent to the processing of personal data for registration, orders and service messages',
    purposeStatement:
      'registration and sign-in on the Site; processing and delivering my Orders and fulfilling the ' +
      'Operator\'s obligations to me; sending me service messages about my Orders, the products in my ' +
      'basket and favourites, and my loyalty status, by email, SMS, push notifications and by phone from ' +
      'the customer service (service messages cannot be refused while I have an account, for technical ' +
      'reasons); answering my requests.',
    personalData: [
      'last name',
      'first name',
      'email address',
      'when I place an Order: full name of the recipient, delivery address, contact phone number',
      'my order history',
      'device push notification tokens',
      'records of the consents I give and withdraw',
    ],
    actions: processingActions,
    methods: processingMethods,
    term:
      'This consent is valid from the moment I give it until I withdraw it. After withdrawal the Operator ' +
      'stops processing my personal data and destroys it within 30 days, unless another legal basis ' +
      'requires keeping some records: records of Orders and payments are kept for 5 years under Federal ' +
      'law 402-FZ "On accounting" (Art. 29), made impersonal where possible.',
    withdrawal: withdrawalText(
      'personal_data_processing',
      'As the account cannot exist without this consent, withdrawing it closes my account.',
    ),
    conditions: [],
  },
  advertising: {
    version: documentVersion,
    title: 'Consent to the processing of personal data for advertising and informational messages',
    purposeStatement:
      'sending me advertising and informational messages about the Operator\'s goods, works and services, ' +
      'promotions, discounts and special offers by email, SMS and push notifications (Federal law 38-FZ ' +
      '"On advertising", Art. 18: such messages are sent only with my prior consent).',
    personalData: [
      'email address',
      'mobile phone number',
      'device push notification tokens',
      'my subscription settings for each channel and category',
    ],
    actions: processingActions,
    methods: processingMethods,
    term: optionalTerm,
    withdrawal: withdrawalText(
      'advertising',
      'Withdrawing it stops all advertising and informational messages; service messages about my Orders continue.',
    ),
    conditions: [
      'Channels. I may also stop messages on a single channel (email, SMS or push) in the subscription settings of my ' +
        'personal account, or by the unsubscribe link in any such email. The Operator\'s own sends stop at ' +
        'once; the change reaches the contractors who send messages on its behalf within 3 days at most.',
    ],
  },
  personalization: {
    version: documentVersion,
    title: 'Consent to the processing of personal data for purchase analysis and personal recommendations',
    purposeStatement:
      'analysing my purchasing characteristics and giving me personal recommendations of goods on the Site.',
    personalData: [
      'my order history (products, quantities, amounts, dates)',
      'the products in my basket and favourites',
      'my customer identifier',
    ],
    actions: processingActions,
    methods: processingMethods,
    term: optionalTerm,
    withdrawal: withdrawalText(
      'personalization',
      'Withdrawing it stops the analysis and the personal recommendations.',
    ),
    conditions: [
      'Impersonal transfer. My data is passed to third parties for this purpose only in impersonal form: my name, email address, ' +
        'phone number and addresses are never passed, my customer identifier is replaced by a pseudonym, and ' +
        'the remaining attributes are generalised so that no released record can be traced back to me.',
    ],
  },
  loyalty_program: {
    version: documentVersion,
    title: 'Consent to the processing of personal data for participation in the loyalty programme',
    purposeStatement:
      'my participation in the Site\'s loyalty programme: the Operator computes my loyalty tier from my ' +
      'lifetime spend on delivered Orders and applies the tier to my account.',
    personalData: [
      'last name',
      'first name',
      'email address',
      'amounts and statuses of my Orders',
      'my lifetime spend on delivered Orders',
      'my loyalty tier',
    ],
    actions: processingActions,
    methods: processingMethods,
    term: optionalTerm,
    withdrawal: withdrawalText(
      'loyalty_program',
      'Withdrawing it ends my participation in the loyalty programme.',
    ),
    conditions: [],
  },
};

function describeProcessor(processor: Processor): string {
  return `- ${processor.name} (${processor.role}); receives: ${processor.dataCategories.join('; ')}.`;
}

function renderConsent(purpose: ConsentPurpose, terms: ConsentTerms): string {
  const relevant = processors.filter((processor) => processor.purposes.includes(purpose));
  const required =
    purpose === requiredPurpose
      ? 'Without this consent an account on the Site cannot be created or kept.'
      : 'This consent is optional: refusing it does not affect my account, my Orders or service messages.';
  const sections = [
    terms.title,
    `Version ${terms.version}`,
    'This is a separate document. It is not part of the privacy policy or of any other terms of the website.',
    '1. Who gives consent. I, the Client of the website ' +
      `${operator.website} (the "Site"), the subject of the personal data, give this consent freely, by my ` +
      'own will and in my own interest, under Federal law 152-FZ "On personal data" (Art. 9). ' +
      required,
    `2. Operator. ${operator.name}; ${operator.address}; email ${operator.email}; website ${operator.website} ` +
      '(the "Operator").',
    `3. Purpose: ${terms.purposeStatement}`,
    ['4. Personal data processed for this purpose:', ...terms.personalData.map((item) => `- ${item}`)].join('\n'),
    `5. Actions and methods. Actions: ${terms.actions.join(', ')}. Methods: ${terms.methods.join('; ')}.`,
    relevant.length === 0
      ? '6. Processors. No third party processes this data on the Operator\'s behalf.'
      : [
          '6. Processors. The Operator entrusts processing to these persons, acting on its behalf under a ' +
            'contract, each receiving only what is stated:',
          ...relevant.map(describeProcessor),
        ].join('\n'),
    `7. Term. ${terms.term}`,
    `8. How to withdraw. ${terms.withdrawal}`,
    ...terms.conditions.map((condition, index) => `${9 + index}. ${condition}`),
  ];
  return sections.join('\n\n');
}

/* @__NO_SIDE_EFFECTS__ */
function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function consentDocument(purpose: ConsentPurpose): LegalDocument {
  const terms = consentTerms[purpose];
  const text = renderConsent(purpose, terms);
  return Object.freeze({ purpose, version: terms.version, title: terms.title, text, sha256: sha256Hex(text) });
}

// Pure (as sha256Hex is): a function that needs only the consents, through the consent ledger,
// leaves the policy's text (about 6 KB) out of its bundle.
export const privacyPolicy: LegalDocument = /* @__PURE__ */ Object.freeze({
  version: documentVersion,
  title: 'Privacy policy',
  text: privacyPolicyText,
  sha256: sha256Hex(privacyPolicyText),
});

export const consentDocuments: Readonly<Record<ConsentPurpose, LegalDocument>> = Object.freeze({
  personal_data_processing: consentDocument('personal_data_processing'),
  advertising: consentDocument('advertising'),
  personalization: consentDocument('personalization'),
  loyalty_program: consentDocument('loyalty_program'),
});

/** The document a new consent to `purpose` must be given against. */
export function currentConsentDocument(purpose: ConsentPurpose): LegalDocument {
  return consentDocuments[purpose];
}
