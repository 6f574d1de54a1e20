/**
 * Objects into the exports bucket (`EXPORTS_BUCKET`; the CDK app grants s3:PutObject under the
 * function's prefix only, system/jobs.ts `exportsBucket`).
 */
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { s3 } from '#commons/clients/s3';
import { once, requireEnv } from '#commons/config';

const bucket = once(() => requireEnv('EXPORTS_BUCKET'));

export const putExportObject = async (key: string, body: string, contentType: string): Promise<void> => {
  await s3.send(new PutObjectCommand({ Bucket: bucket(), Key: key, Body: body, ContentType: contentType }));
};
