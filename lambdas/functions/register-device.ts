import { deviceStore, pushEndpoints } from '#adapters/device-store';
import { authenticatedHandler } from '#commons/http/authenticated';
import { created } from '#commons/http/response';
import { registerDevice as register } from '#domain/messaging/devices';
import { registerDevice } from '#system/routes/messaging';

const ports = { devices: deviceStore, endpoints: pushEndpoints, clock: () => new Date() };

export const handler = authenticatedHandler(registerDevice, async ({ body, principal }) => {
  const device = await register(ports, principal.customerId, body.platform, body.token);
  return created({ deviceId: device.deviceId });
});
