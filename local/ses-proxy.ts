/**
 * The functions' SES endpoint (AWS_ENDPOINT_URL_SESV2): a pass-through HTTP proxy in front of
 * aws-ses-v2-local that fails calls while a fault on `ses` is armed (local/faults.ts). A failed
 * call is answered as SES v2 answers throttling: HTTP 429, `x-amzn-errortype:
 * TooManyRequestsException`, a JSON body; the AWS SDK treats it as a retryable throttling error.
 * The outbox and Cognito's email path talk to aws-ses-v2-local directly.
 */
import { createServer, request, type Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { FaultSwitch } from './faults';

export interface SesProxy {
  readonly endpoint: string;
  readonly server: Server;
}

/** SES v2's answer to a throttled call. */
export const sesThrottled = () => ({
  status: 429,
  headers: { 'Content-Type': 'application/json', 'x-amzn-errortype': 'TooManyRequestsException', 'x-amzn-requestid': randomUUID() },
  body: JSON.stringify({ message: 'Too many requests have been made to the operation.' }),
});

export const startSesProxy = async (port: number, upstream: string, faults: FaultSwitch): Promise<SesProxy> => {
  const target = new URL(upstream);
  const server = createServer(async (req, res) => {
    // The body is read whole: a fault may match on it (a recipient), and SES requests are small.
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    if (faults.shouldFail('ses', body.toString('utf8'))) {
      const answer = sesThrottled();
      res.writeHead(answer.status, answer.headers);
      res.end(answer.body);
      return;
    }
    const forward = request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => {
      if (!res.headersSent) res.writeHead(502, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ message: 'the local SES is not reachable' }));
    });
    forward.end(body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return { endpoint: `http://127.0.0.1:${port}`, server };
};
