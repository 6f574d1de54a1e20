/**
 * Devices registered for push service messages. The device id is derived from the platform and
 * token, so registering the same device again answers the same id and creates nothing new; the
 * token itself is handed to SNS (the platform endpoint) and not kept by folio.
 */
import { createHash } from 'node:crypto';
import { NotFoundError, RuleViolationError } from '../errors';

export type DevicePlatform = 'fcm' | 'apns';

export interface Device {
  readonly customerId: string;
  readonly deviceId: string;
  readonly platform: DevicePlatform;
  /** The SNS platform endpoint that pushes reach the device through. */
  readonly endpointArn: string;
  readonly createdAt: string;
}

export interface DeviceStore {
  list(customerId: string): Promise<readonly Device[]>;
  get(customerId: string, deviceId: string): Promise<Device | undefined>;
  /** Puts the device unless it exists; answers the stored one. */
  put(device: Device): Promise<Device>;
  delete(customerId: string, deviceId: string): Promise<void>;
}

export interface PushEndpoints {
  /** Undefined when push on the platform is not configured for the stage. */
  create(platform: DevicePlatform, token: string, customerId: string): Promise<string | undefined>;
  delete(endpointArn: string): Promise<void>;
}

export const deviceIdOf = (platform: DevicePlatform, token: string): string =>
  createHash('sha256').update(`${platform}:${token}`).digest('hex').slice(0, 32);

export interface DevicePorts {
  readonly devices: DeviceStore;
  readonly endpoints: PushEndpoints;
  readonly clock: () => Date;
}

export const registerDevice = async (ports: DevicePorts, customerId: string, platform: DevicePlatform, token: string): Promise<Device> => {
  const deviceId = deviceIdOf(platform, token);
  const existing = await ports.devices.get(customerId, deviceId);
  if (existing !== undefined) return existing;
  const endpointArn = await ports.endpoints.create(platform, token, customerId);
  if (endpointArn === undefined) {
    throw new RuleViolationError('push platform not configured', [{ path: 'body.platform', message: `push through ${platform} is not available` }]);
  }
  return ports.devices.put({ customerId, deviceId, platform, endpointArn, createdAt: ports.clock().toISOString() });
};

export const unregisterDevice = async (ports: DevicePorts, customerId: string, deviceId: string): Promise<void> => {
  const device = await ports.devices.get(customerId, deviceId);
  if (device === undefined) throw new NotFoundError('device', 'There is no such device.');
  await ports.endpoints.delete(device.endpointArn);
  await ports.devices.delete(customerId, deviceId);
};

export const deviceView = (device: Device) => ({ deviceId: device.deviceId, platform: device.platform, createdAt: device.createdAt });
