import { deviceStore } from '#adapters/device-store';
import { authenticatedHandler } from '#commons/http/authenticated';
import { ok } from '#commons/http/response';
import { deviceView } from '#domain/messaging/devices';
import { listDevices } from '#system/routes/messaging';

export const handler = authenticatedHandler(listDevices, async ({ principal }) =>
  ok({ items: (await deviceStore.list(principal.customerId)).map(deviceView) }),
);
