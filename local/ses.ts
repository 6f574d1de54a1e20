/**
 * The local SES v2 stand-in (`aws-ses-v2-local`), embedded. It keeps sent mail in memory and
 * shows it at `GET /store`, which the outbox reads.
 */
import type { Server } from 'node:http';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export interface SesLocal {
  readonly endpoint: string;
  readonly server: Server;
}

export interface StoredEmail {
  readonly messageId: string;
  readonly from: string;
  readonly destination: { readonly to: readonly string[]; readonly cc: readonly string[]; readonly bcc: readonly string[] };
  readonly subject: string;
  readonly body: { readonly text?: string; readonly html?: string };
  readonly headers?: readonly { readonly name: string; readonly value: string }[];
  readonly at: number;
}

export const startSesLocal = async (port: number): Promise<SesLocal> => {
  const start = (require('aws-ses-v2-local') as { default: (config: { host: string; port: number }) => Promise<Server> }).default;
  const server = await start({ host: '127.0.0.1', port });
  return { endpoint: `http://127.0.0.1:${port}`, server };
};

export const readSesStore = async (endpoint: string): Promise<StoredEmail[]> => {
  const response = await fetch(`${endpoint}/store`);
  const store = (await response.json()) as { emails: StoredEmail[] };
  return store.emails;
};
