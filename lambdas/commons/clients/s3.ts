/**
 * One S3 client per execution environment (the exports bucket). `forcePathStyle` comes from
 * `S3_FORCE_PATH_STYLE === 'true'`: the local S3 stand-in (local/s3.ts) serves `/<bucket>/<key>`
 * on 127.0.0.1, which virtual-hosted addressing cannot reach; the cloud leaves it unset.
 */
import { S3Client } from '@aws-sdk/client-s3';

export const s3 = new S3Client({
  forcePathStyle: process.env['S3_FORCE_PATH_STYLE'] === 'true',
  maxAttempts: 3,
  requestHandler: { connectionTimeout: 1_000, requestTimeout: 30_000 },
});
