import { deviceStore, pushEndpoints } from '#adapters/device-store';
import { authenticatedHandler } from '#commons/http/authenticated';
import { noContent } from '#commons/http/response';
import { unregisterDevice } from '#domain/messaging/devices';
import { deleteDevice } from '#system/routes/messaging';

const ports = { devices: deviceStore, endpoints: pushEndpoints, clock: () => new Date() };

export const handler = authenticatedHandler(deleteDevice, async ({ params, principal }) => {
  await unregisterDevice(ports, principal.customerId, params.deviceId);
  return noContent();
});
