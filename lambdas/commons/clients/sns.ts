import { SNSClient } from '@aws-sdk/client-sns';

export const sns = new SNSClient({
  maxAttempts: 2,
  requestHandler: { connectionTimeout: 1_000, requestTimeout: 5_000 },
});
