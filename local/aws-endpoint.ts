/**
 * One HTTP endpoint for the AWS services that no package imitates well: SQS (JSON protocol,
 * told apart by `X-Amz-Target: AmazonSQS.*`) and SNS (query protocol, form-encoded `Action=`).
 * The handlers reach it through AWS_ENDPOINT_URL_SQS and AWS_ENDPOINT_URL_SNS.
 */
import { createServer, type Server } from 'node:http';
import { type LocalSns, SnsError, snsErrorXml } from './sns';
import { type LocalSqs, SqsError } from './sqs';

export const startAwsEndpoint = async (port: number, sqs: LocalSqs, sns: LocalSns): Promise<Server> => {
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const target = req.headers['x-amz-target'];
    if (typeof target === 'string' && target.startsWith('AmazonSQS.')) {
      try {
        const output = sqs.handle(target.slice('AmazonSQS.'.length), JSON.parse(text || '{}') as Record<string, unknown>);
        res.writeHead(200, { 'Content-Type': 'application/x-amz-json-1.0' });
        res.end(JSON.stringify(output));
      } catch (error: unknown) {
        const code = error instanceof SqsError ? error.code : 'InternalError';
        res.writeHead(error instanceof SqsError ? 400 : 500, {
          'Content-Type': 'application/x-amz-json-1.0',
          'x-amzn-query-error': `AWS.SimpleQueueService.${code};Sender`,
        });
        res.end(JSON.stringify({ __type: `com.amazonaws.sqs#${code}`, message: error instanceof Error ? error.message : 'error' }));
      }
      return;
    }
    try {
      const xml = sns.handle(new URLSearchParams(text));
      res.writeHead(200, { 'Content-Type': 'text/xml' });
      res.end(xml);
    } catch (error: unknown) {
      const snsError = error instanceof SnsError ? error : new SnsError('InternalError', 'internal error');
      res.writeHead(error instanceof SnsError ? 400 : 500, { 'Content-Type': 'text/xml' });
      res.end(snsErrorXml(snsError));
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return server;
};
