/**
 * The recording SNS endpoint: the handlers' own SNSClient publishes SMS (PhoneNumber) and
 * pushes (TargetArn of a platform endpoint) to it over SNS's query protocol, and each message
 * lands in the outbox. Opt-outs set with `optOut` (`POST /_local/sms/opt-outs`, as when a
 * recipient answers STOP) answer ListPhoneNumbersOptedOut like SNS: pages of up to 100 numbers
 * with a `nextToken`.
 */
import { randomUUID } from 'node:crypto';
import { asCategory, type Outbox } from './outbox';

const region = 'eu-central-1';
/** ListPhoneNumbersOptedOut answers at most this many numbers per page, as SNS does. */
export const optedOutPageSize = 100;
const account = '000000000000';

export class SnsError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const xmlEscape = (text: string) =>
  text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c);

const respond = (action: string, result: string) =>
  `<${action}Response xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><${action}Result>${result}</${action}Result>` +
  `<ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></${action}Response>`;

export const snsErrorXml = (error: SnsError) =>
  `<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><Error><Type>Sender</Type><Code>${error.code}</Code>` +
  `<Message>${xmlEscape(error.message)}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`;

/** Reads `MessageAttributes.entry.N.Name` / `.Value.StringValue` pairs of the query protocol. */
const messageAttributes = (form: URLSearchParams): Record<string, string> => {
  const attributes: Record<string, string> = {};
  for (let n = 1; form.has(`MessageAttributes.entry.${n}.Name`); n += 1) {
    attributes[form.get(`MessageAttributes.entry.${n}.Name`) ?? ''] = form.get(`MessageAttributes.entry.${n}.Value.StringValue`) ?? '';
  }
  return attributes;
};

/** What a device shows of a per-platform push: SNS picks the platform's entry, else `default`. */
const pushShown = (message: string, platform: string): { body: string; subject?: string } => {
  let structure: Record<string, unknown>;
  try {
    structure = JSON.parse(message) as Record<string, unknown>;
  } catch {
    throw new SnsError('InvalidParameter', 'Invalid parameter: Message Structure - JSON message body failed to parse');
  }
  if (typeof structure['default'] !== 'string') throw new SnsError('InvalidParameter', 'Invalid parameter: Message Structure - No default entry in JSON message body');
  const entry = structure[platform === 'APNS' || platform === 'APNS_SANDBOX' ? platform : 'GCM'];
  try {
    const payload = typeof entry === 'string' ? (JSON.parse(entry) as { notification?: { title?: string; body?: string }; aps?: { alert?: { title?: string; body?: string } } }) : {};
    const shown = payload.notification ?? payload.aps?.alert;
    if (shown?.body !== undefined) return { body: shown.body, ...(shown.title !== undefined && { subject: shown.title }) };
  } catch {
    // A platform entry that is not JSON is shown as SNS would send it: the default text.
  }
  return { body: structure['default'] };
};

export class LocalSns {
  private readonly endpoints = new Map<string, { token: string; platform: string }>();
  private readonly optedOut = new Set<string>();

  constructor(private readonly outbox: Outbox) {}

  optOut(phone: string): void {
    this.optedOut.add(phone);
  }

  /** Whether a number can be opted out: E.164, as SNS takes SMS numbers. */
  static isPhoneNumber(phone: string): boolean {
    return /^\+[1-9]\d{6,14}$/.test(phone);
  }

  handle(form: URLSearchParams): string {
    const action = form.get('Action') ?? '';
    switch (action) {
      case 'Publish': {
        const phone = form.get('PhoneNumber');
        const target = form.get('TargetArn');
        const message = form.get('Message');
        if (message === null || message === '') throw new SnsError('InvalidParameter', 'Message is required');
        const attributes = messageAttributes(form);
        const category = asCategory(attributes['folio.category']);
        if (phone !== null) {
          if (!/^\+[1-9]\d{6,14}$/.test(phone)) throw new SnsError('InvalidParameter', 'Invalid parameter: PhoneNumber');
          if (this.optedOut.has(phone)) throw new SnsError('OptedOut', 'Phone number is opted out');
          this.outbox.record({ channel: 'sms', to: phone, body: message, category, sentAt: new Date().toISOString() });
        } else if (target !== null) {
          const endpoint = this.endpoints.get(target);
          if (endpoint === undefined) throw new SnsError('EndpointDisabled', 'Endpoint is disabled or does not exist');
          // A per-platform message (MessageStructure json) is recorded as the device would show it: title and body.
          const shown = form.get('MessageStructure') === 'json' ? pushShown(message, endpoint.platform) : { body: message };
          this.outbox.record({ channel: 'push', to: endpoint.token, ...shown, category, sentAt: new Date().toISOString() });
        } else {
          throw new SnsError('InvalidParameter', 'PhoneNumber or TargetArn is required');
        }
        return respond(action, `<MessageId>${randomUUID()}</MessageId>`);
      }
      case 'CreatePlatformEndpoint': {
        const application = form.get('PlatformApplicationArn') ?? '';
        const token = form.get('Token') ?? '';
        if (token === '') throw new SnsError('InvalidParameter', 'Token is required');
        const platform = application.split('/')[1] ?? 'GCM';
        const existing = [...this.endpoints].find(([, e]) => e.token === token)?.[0];
        const arn = existing ?? `arn:aws:sns:${region}:${account}:endpoint/${platform}/folio/${randomUUID()}`;
        this.endpoints.set(arn, { token, platform });
        return respond(action, `<EndpointArn>${arn}</EndpointArn>`);
      }
      case 'DeleteEndpoint':
        this.endpoints.delete(form.get('EndpointArn') ?? '');
        return respond(action, '');
      case 'ListPhoneNumbersOptedOut': {
        const all = [...this.optedOut];
        const token = form.get('nextToken');
        const start = token === null || token === '' ? 0 : Number.parseInt(Buffer.from(token, 'base64url').toString('utf8'), 10);
        if (!Number.isInteger(start) || start < 0 || start > all.length) throw new SnsError('InvalidParameter', 'Invalid parameter: nextToken');
        const page = all.slice(start, start + optedOutPageSize);
        const next = start + page.length < all.length ? `<nextToken>${Buffer.from(String(start + page.length), 'utf8').toString('base64url')}</nextToken>` : '';
        return respond(action, `<phoneNumbers>${page.map((p) => `<member>${xmlEscape(p)}</member>`).join('')}</phoneNumbers>${next}`);
      }
      case 'CheckIfPhoneNumberIsOptedOut':
        return respond(action, `<isOptedOut>${this.optedOut.has(form.get('phoneNumber') ?? '')}</isOptedOut>`);
      default:
        throw new SnsError('InvalidAction', `The local SNS does not support ${action}.`);
    }
  }
}
