/**
 * The local stack's free ports: outside the range the OS hands to outgoing connections, so no
 * client socket can take one between the probe and the stand-in's listen (a CI run failed on
 * that race with EADDRINUSE), never the same one twice in a process, and bindable.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { freePort } from '../../local/ports';

const linuxEphemeral = (): [number, number] | undefined => {
  try {
    const [low, high] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
    return low === undefined || high === undefined ? undefined : [low, high];
  } catch {
    return undefined;
  }
};

describe('freePort', () => {
  it('hands out distinct, bindable ports outside the ephemeral range', async () => {
    const ports: number[] = [];
    for (let i = 0; i < 40; i++) ports.push(await freePort());
    expect(new Set(ports).size).toBe(ports.length);
    const range = linuxEphemeral();
    for (const port of ports) {
      expect(port).toBeGreaterThanOrEqual(1024);
      expect(port).toBeLessThanOrEqual(65_535);
      if (range !== undefined) expect(port < range[0] || port > range[1], `${port} inside ${range.join('–')}`).toBe(true);
    }
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(ports[0], '127.0.0.1', resolve);
    });
    await new Promise((resolve) => server.close(resolve));
  });
});
