/**
 * The local S3: the buckets folio writes (the exports bucket, `folio-local-exports`), served on
 * S3's REST protocol, path-style (`/<bucket>/<key>`), on a port of its own, so the functions' own
 * S3Client reaches it through AWS_ENDPOINT_URL_S3 with `S3_FORCE_PATH_STYLE=true`. PutObject,
 * GetObject, HeadObject and ListObjectsV2 (prefix, max-keys, continuation token); every other
 * request is 501 `NotImplemented`. Objects live in memory, and with a data directory also under
 * `<dataDir>/s3/<bucket>/` (kept across restarts). Requests are not authenticated (the signature
 * is not checked).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { join } from 'node:path';

export const localExportsBucket = 'folio-local-exports';

interface StoredObject {
  readonly body: Buffer;
  readonly contentType: string;
  readonly etag: string;
  readonly lastModified: string;
}

export interface S3Answer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: Buffer | string;
}

const xmlEscape = (text: string) => text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c);

const errorAnswer = (status: number, code: string, message: string, resource: string, head = false): S3Answer => ({
  status,
  headers: { 'Content-Type': 'application/xml' },
  // A HEAD answer has no body; the SDK then names the error by the status (NotFound).
  body: head ? '' : `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${xmlEscape(message)}</Message><Resource>${xmlEscape(resource)}</Resource><RequestId>local</RequestId></Error>`,
});

/** The payload of an `aws-chunked` body (`<hex size>[;chunk-signature=…]\r\n<data>\r\n … 0\r\n…`). */
export const decodeAwsChunked = (raw: Buffer): Buffer => {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = raw.indexOf('\r\n', at);
    if (lineEnd < 0) break;
    const size = Number.parseInt(raw.subarray(at, lineEnd).toString('latin1').split(';')[0] ?? '', 16);
    if (!Number.isFinite(size) || size === 0) break;
    parts.push(raw.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
};

export class LocalS3 {
  private readonly buckets = new Map<string, Map<string, StoredObject>>();

  constructor(
    buckets: readonly string[] = [localExportsBucket],
    private readonly dataDir?: string,
  ) {
    for (const name of buckets) {
      const objects = new Map<string, StoredObject>();
      this.buckets.set(name, objects);
      const dir = this.bucketDir(name);
      if (dir === undefined) continue;
      mkdirSync(dir, { recursive: true });
      for (const file of readdirSync(dir)) {
        if (!file.endsWith('.meta.json')) continue;
        const name64 = file.slice(0, -'.meta.json'.length);
        const meta = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Omit<StoredObject, 'body'>;
        const body = join(dir, `${name64}.body`);
        if (existsSync(body)) objects.set(Buffer.from(name64, 'base64url').toString('utf8'), { ...meta, body: readFileSync(body) });
      }
    }
  }

  private bucketDir(bucket: string): string | undefined {
    return this.dataDir === undefined ? undefined : join(this.dataDir, 's3', bucket);
  }

  /** An object's body, for the stack's own use; undefined when absent. */
  object(bucket: string, key: string): Buffer | undefined {
    return this.buckets.get(bucket)?.get(key)?.body;
  }

  put(bucket: string, key: string, body: Buffer, contentType: string): StoredObject {
    const objects = this.buckets.get(bucket);
    if (objects === undefined) throw new Error(`no bucket ${bucket}`);
    const stored: StoredObject = {
      body,
      contentType,
      etag: `"${createHash('md5').update(body).digest('hex')}"`,
      lastModified: new Date(Math.floor(Date.now() / 1000) * 1000).toISOString(),
    };
    objects.set(key, stored);
    const dir = this.bucketDir(bucket);
    if (dir !== undefined) {
      const name64 = Buffer.from(key, 'utf8').toString('base64url');
      writeFileSync(join(dir, `${name64}.body`), body);
      writeFileSync(join(dir, `${name64}.meta.json`), JSON.stringify({ contentType: stored.contentType, etag: stored.etag, lastModified: stored.lastModified }));
    }
    return stored;
  }

  /** Answers one path-style request. */
  handle(method: string, rawUrl: string, headers: IncomingHttpHeaders, rawBody: Buffer): S3Answer {
    const url = new URL(rawUrl, 'http://local');
    const [, bucketName = '', ...rest] = url.pathname.split('/');
    const bucket = decodeURIComponent(bucketName);
    const key = rest.map((part) => decodeURIComponent(part)).join('/');
    const head = method === 'HEAD';
    // `x-id` names the operation (the SDK adds it); any other parameter is an operation not served here.
    const params = [...url.searchParams.keys()].filter((p) => p !== 'x-id');
    const objects = this.buckets.get(bucket);
    if (bucket === '') return errorAnswer(501, 'NotImplemented', 'The local S3 serves path-style requests to a bucket only.', url.pathname, head);
    if (objects === undefined) return errorAnswer(404, 'NoSuchBucket', 'The specified bucket does not exist', `/${bucket}`, head);

    if (key === '') {
      if (method === 'GET' && url.searchParams.get('list-type') === '2') return this.list(bucket, objects, url.searchParams);
      return errorAnswer(501, 'NotImplemented', `The local S3 does not support ${method} on a bucket with ${[...url.searchParams.keys()].join(', ') || 'no parameters'}.`, `/${bucket}`, head);
    }
    if (method === 'PUT' && params.length === 0 && headers['x-amz-copy-source'] === undefined) {
      const encoding = String(headers['content-encoding'] ?? '');
      const sha = String(headers['x-amz-content-sha256'] ?? '');
      const body = encoding.includes('aws-chunked') || sha.startsWith('STREAMING-') ? decodeAwsChunked(rawBody) : rawBody;
      const stored = this.put(bucket, key, body, String(headers['content-type'] ?? 'binary/octet-stream'));
      return { status: 200, headers: { ETag: stored.etag }, body: '' };
    }
    if ((method === 'GET' || head) && params.length === 0) {
      const stored = objects.get(key);
      if (stored === undefined) return errorAnswer(404, 'NoSuchKey', 'The specified key does not exist.', `/${bucket}/${key}`, head);
      return {
        status: 200,
        headers: {
          'Content-Type': stored.contentType,
          'Content-Length': String(stored.body.length),
          ETag: stored.etag,
          'Last-Modified': new Date(stored.lastModified).toUTCString(),
        },
        body: head ? '' : stored.body,
      };
    }
    return errorAnswer(501, 'NotImplemented', `The local S3 does not support ${method} with ${params.join(', ') || 'no parameters'}.`, `/${bucket}/${key}`, head);
  }

  private list(bucket: string, objects: Map<string, StoredObject>, query: URLSearchParams): S3Answer {
    const prefix = query.get('prefix') ?? '';
    const maxKeys = Math.max(0, Math.min(1000, Number(query.get('max-keys') ?? 1000) || 1000));
    const token = query.get('continuation-token');
    const after = token !== null ? Buffer.from(token, 'base64url').toString('utf8') : (query.get('start-after') ?? '');
    const keys = [...objects.keys()].filter((k) => k.startsWith(prefix) && k > after).sort();
    const page = keys.slice(0, maxKeys);
    const truncated = keys.length > page.length;
    const last = page.at(-1);
    const contents = page
      .map((k) => {
        const o = objects.get(k) as StoredObject;
        return `<Contents><Key>${xmlEscape(k)}</Key><LastModified>${o.lastModified}</LastModified><ETag>${xmlEscape(o.etag)}</ETag><Size>${o.body.length}</Size><StorageClass>STANDARD</StorageClass></Contents>`;
      })
      .join('');
    const body =
      `<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">` +
      `<Name>${xmlEscape(bucket)}</Name><Prefix>${xmlEscape(prefix)}</Prefix><KeyCount>${page.length}</KeyCount><MaxKeys>${maxKeys}</MaxKeys>` +
      `<IsTruncated>${truncated}</IsTruncated>${token !== null ? `<ContinuationToken>${xmlEscape(token)}</ContinuationToken>` : ''}` +
      `${truncated && last !== undefined ? `<NextContinuationToken>${Buffer.from(last, 'utf8').toString('base64url')}</NextContinuationToken>` : ''}${contents}</ListBucketResult>`;
    return { status: 200, headers: { 'Content-Type': 'application/xml' }, body };
  }
}

export const startS3Endpoint = async (port: number, s3: LocalS3): Promise<Server> => {
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    let answer: S3Answer;
    try {
      answer = s3.handle(req.method ?? 'GET', req.url ?? '/', req.headers, Buffer.concat(chunks));
    } catch {
      answer = errorAnswer(500, 'InternalError', 'We encountered an internal error. Please try again.', req.url ?? '/');
    }
    res.writeHead(answer.status, { 'x-amz-request-id': 'local', ...answer.headers });
    res.end(req.method === 'HEAD' ? undefined : answer.body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return server;
};
