/**
 * Email through SES v2, SMS and push through SNS. Each returns the provider's message id.
 */
import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import { PublishCommand } from '@aws-sdk/client-sns';
import { ses } from '#commons/clients/sesv2';
import { sns } from '#commons/clients/sns';
import { optionalEnv, requireEnv } from '#commons/config';
import type { MessageSenders } from '#domain/messaging/delivery';

const fromAddress = requireEnv('SES_FROM_ADDRESS');
const configurationSet = optionalEnv('SES_CONFIGURATION_SET', '');
const smsSenderId = optionalEnv('SMS_SENDER_ID', '');

export const messageSenders: MessageSenders = {
  async email(message) {
    const headers = { ...message.headers, 'X-Folio-Category': message.category };
    const result = await ses.send(
      new SendEmailCommand({
        FromEmailAddress: fromAddress,
        Destination: { ToAddresses: [message.to] },
        ...(configurationSet && { ConfigurationSetName: configurationSet }),
        Content: {
          Simple: {
            Subject: { Data: message.subject ?? '', Charset: 'UTF-8' },
            Body: {
              Text: { Data: message.text, Charset: 'UTF-8' },
              ...(message.html && { Html: { Data: message.html, Charset: 'UTF-8' } }),
            },
            Headers: Object.entries(headers).map(([Name, Value]) => ({ Name, Value })),
          },
        },
        EmailTags: [{ Name: 'category', Value: message.category }],
      }),
    );
    return result.MessageId ?? '';
  },

  async sms(message) {
    const result = await sns.send(
      new PublishCommand({
        PhoneNumber: message.to,
        Message: message.text,
        MessageAttributes: {
          // Service messages are transactional: SNS routes them for reliability, not price.
          'AWS.SNS.SMS.SMSType': {
            DataType: 'String',
            StringValue: message.category === 'service' || message.category === 'auth' ? 'Transactional' : 'Promotional',
          },
          ...(smsSenderId && { 'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: smsSenderId } }),
          'folio.category': { DataType: 'String', StringValue: message.category },
        },
      }),
    );
    return result.MessageId ?? '';
  },

  async push(message) {
    // One message per platform (MessageStructure json): FCM and APNs show the title and body as a notification.
    const title = message.subject ?? 'imobook.ru';
    const apns = JSON.stringify({ aps: { alert: { title, body: message.text } } });
    const result = await sns.send(
      new PublishCommand({
        TargetArn: message.to,
        MessageStructure: 'json',
        Message: JSON.stringify({
          default: message.text,
          GCM: JSON.stringify({ notification: { title, body: message.text } }),
          APNS: apns,
          APNS_SANDBOX: apns,
        }),
        MessageAttributes: { 'folio.category': { DataType: 'String', StringValue: message.category } },
      }),
    );
    return result.MessageId ?? '';
  },
};
