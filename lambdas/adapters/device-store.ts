/**
 * The `devices` table, and SNS platform endpoints for push (one per device token).
 */
import { CreatePlatformEndpointCommand, DeleteEndpointCommand, NotFoundException } from '@aws-sdk/client-sns';
import { DeleteCommand, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { dynamodb } from '#commons/clients/dynamodb';
import { sns } from '#commons/clients/sns';
import { once, optionalEnv, tableName } from '#commons/config';
import type { Device, DevicePlatform, DeviceStore, PushEndpoints } from '#domain/messaging/devices';

const table = once(() => tableName('devices'));

/** A customer has a handful of devices: one query page holds them all (the limit bounds a runaway). */
const maxDevices = 50;

export const deviceStore: DeviceStore = {
  async list(customerId) {
    const result = await dynamodb.send(
      new QueryCommand({ TableName: table(), KeyConditionExpression: 'customerId = :c', ExpressionAttributeValues: { ':c': customerId }, Limit: maxDevices }),
    );
    return (result.Items ?? []) as Device[];
  },

  async get(customerId, deviceId) {
    const result = await dynamodb.send(new GetCommand({ TableName: table(), Key: { customerId, deviceId } }));
    return result.Item as Device | undefined;
  },

  async put(device) {
    try {
      await dynamodb.send(new PutCommand({ TableName: table(), Item: device, ConditionExpression: 'attribute_not_exists(deviceId)' }));
      return device;
    } catch (error: unknown) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      return (await deviceStore.get(device.customerId, device.deviceId)) ?? device;
    }
  },

  async delete(customerId, deviceId) {
    await dynamodb.send(new DeleteCommand({ TableName: table(), Key: { customerId, deviceId } }));
  },
};

/** The stage's SNS platform applications (lib/config.ts `pushPlatformApplications`). */
const applications = once(
  (): Partial<Record<DevicePlatform, string>> => ({
    ...(optionalEnv('PUSH_APPLICATION_FCM_ARN', '') && { fcm: optionalEnv('PUSH_APPLICATION_FCM_ARN', '') }),
    ...(optionalEnv('PUSH_APPLICATION_APNS_ARN', '') && { apns: optionalEnv('PUSH_APPLICATION_APNS_ARN', '') }),
  }),
);

export const pushEndpoints: PushEndpoints = {
  async create(platform, token, customerId) {
    const application = applications()[platform];
    if (application === undefined) return undefined;
    // SNS answers the existing endpoint for a token it knows: registering again creates nothing.
    const result = await sns.send(new CreatePlatformEndpointCommand({ PlatformApplicationArn: application, Token: token }));
    return result.EndpointArn;
  },

  async delete(endpointArn) {
    try {
      await sns.send(new DeleteEndpointCommand({ EndpointArn: endpointArn }));
    } catch (error: unknown) {
      if (!(error instanceof NotFoundException)) throw error;
    }
  },
};
