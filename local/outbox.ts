/**
 * Everything the system sent: the local SES store's emails and the SNS recorder's SMS and
 * pushes, in the shape `GET /_local/outbox` answers.
 */
import { readSesStore } from './ses';

export type Channel = 'email' | 'sms' | 'push';
export type Category = 'service' | 'advertising' | 'informational' | 'auth';

export interface OutboxItem {
  readonly channel: Channel;
  readonly to: string;
  readonly subject?: string;
  readonly body: string;
  readonly html?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly category: Category;
  readonly sentAt: string;
}

const categories: readonly Category[] = ['service', 'advertising', 'informational', 'auth'];
export const asCategory = (value: string | undefined): Category =>
  categories.find((c) => c === value) ?? 'service';

export class Outbox {
  private readonly recorded: OutboxItem[] = [];

  constructor(private readonly sesEndpoint: string) {}

  /** SMS and pushes the SNS recorder accepted. */
  record(item: OutboxItem): void {
    this.recorded.push(item);
  }

  async items(filter: { to?: string; channel?: string }): Promise<OutboxItem[]> {
    const emails = (await readSesStore(this.sesEndpoint)).flatMap((email): OutboxItem[] => {
      const headers = Object.fromEntries((email.headers ?? []).map((h) => [h.name, h.value]));
      return email.destination.to.map((to) => ({
        channel: 'email',
        to,
        subject: email.subject,
        body: email.body.text ?? '',
        ...(email.body.html === undefined ? {} : { html: email.body.html }),
        headers,
        category: asCategory(headers['X-Folio-Category']),
        sentAt: new Date(email.at * 1000).toISOString(),
      }));
    });
    const wantedTo = filter.to?.toLowerCase();
    return [...emails, ...this.recorded]
      .filter((item) => wantedTo === undefined || item.to.toLowerCase() === wantedTo)
      .filter((item) => filter.channel === undefined || item.channel === filter.channel)
      .sort((a, b) => a.sentAt.localeCompare(b.sentAt));
  }
}
