/**
 * The pages' side of the session: starts the session worker and talks to it. Everything that
 * calls the API goes through `api` (../api.ts), which goes through here.
 */
import { createStore } from '../store';
import type { ApiAnswer, ApiCall, Envelope, Reply, Request, SessionState } from './protocol';

export const session = createStore<SessionState>({ signedIn: false, operator: false });

let worker: Worker | undefined;
let nextId = 1;
const pending = new Map<number, (reply: Reply) => void>();

const workerUrl = (): string => {
  const meta = document.querySelector<HTMLMetaElement>('meta[name="folio-session-worker"]');
  if (meta === null) throw new Error('the page names no session worker');
  return meta.content;
};

const ask = (message: Request): Promise<Reply> => {
  if (worker === undefined) throw new Error('the session has not started');
  const id = nextId++;
  return new Promise((resolve) => {
    pending.set(id, resolve);
    worker?.postMessage({ id, message } satisfies Envelope<Request>);
  });
};

const settle = (reply: Reply): Reply => {
  session.set(
    session.get().signedIn === reply.state.signedIn && session.get().operator === reply.state.operator ? session.get() : reply.state,
  );
  return reply;
};

export const startSession = async (apiBaseUrl: string): Promise<void> => {
  worker = new Worker(workerUrl(), { name: 'folio-session' });
  worker.onmessage = (event: MessageEvent<Envelope<Reply>>) => {
    const resolve = pending.get(event.data.id);
    pending.delete(event.data.id);
    resolve?.(event.data.message);
  };
  settle(await ask({ kind: 'configure', apiBaseUrl }));
};

/** Thrown when the API cannot be reached at all. */
export class NetworkError extends Error {
  override readonly name = 'NetworkError';
}

const answerOf = (reply: Reply): ApiAnswer => {
  settle(reply);
  if (reply.kind === 'network-error') throw new NetworkError('the API could not be reached');
  if (reply.kind === 'state') return { status: 204, body: undefined };
  return reply.answer;
};

export const signIn = async (email: string, password: string): Promise<ApiAnswer> => answerOf(await ask({ kind: 'sign-in', email, password }));

export const signOut = async (): Promise<ApiAnswer> => answerOf(await ask({ kind: 'sign-out' }));

export const call = async (request: ApiCall, authenticated: boolean): Promise<ApiAnswer> =>
  answerOf(await ask({ kind: 'call', call: request, authenticated }));
