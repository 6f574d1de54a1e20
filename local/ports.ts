import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** Resolves when the port can be bound on 127.0.0.1, rejects with a one-line reason otherwise. */
export const assertPortFree = (port: number, what: string): Promise<void> =>
  new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new Error(
          error.code === 'EADDRINUSE'
            ? `port ${port} (${what}) is already in use: is another folio running? Stop it, or set PORT to another port.`
            : `port ${port} (${what}) cannot be used: ${error.code ?? error.message}`,
        ),
      ),
    );
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });

/**
 * The ports the OS hands out for outgoing connections (Linux; elsewhere the IANA range).
 * A port chosen from this range can be taken by any client socket between the moment it was
 * found free and the moment a stand-in listens on it: DynamoDB Local takes seconds to bind, and
 * the stack and the tests open connections all the while. That race failed a CI run
 * (EADDRINUSE), so free ports are chosen outside it.
 */
const ephemeralRange = (): { low: number; high: number } => {
  try {
    const [low, high] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
    if (low !== undefined && high !== undefined && Number.isInteger(low) && Number.isInteger(high)) return { low, high };
  } catch {
    // Not Linux: fall through to the IANA dynamic range, which macOS and Windows use.
  }
  return { low: 49152, high: 65535 };
};

/** Below the ephemeral range when there is room, else above it (never a privileged port). */
const candidateRange = (): { from: number; to: number } | undefined => {
  const { low, high } = ephemeralRange();
  if (low - 1 - 10_000 >= 1_000) return { from: 10_000, to: low - 1 };
  if (65_535 - (high + 1) >= 1_000) return { from: high + 1, to: 65_535 };
  return undefined;
};

const canListen = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });

/** Ports this process already handed out: two stand-ins of one stack never get the same one. */
const handedOut = new Set<number>();

/** The OS's own choice of a free port (inside the ephemeral range): the fallback. */
const osChosenPort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });

/**
 * A port free right now that no outgoing connection will take before it is used: a random one
 * outside the ephemeral range, not handed out before by this process, that can be bound.
 */
export const freePort = async (): Promise<number> => {
  const range = candidateRange();
  if (range !== undefined) {
    for (let attempt = 0; attempt < 50; attempt++) {
      const port = range.from + randomInt(range.to - range.from + 1);
      if (handedOut.has(port) || !(await canListen(port))) continue;
      handedOut.add(port);
      return port;
    }
  }
  const port = await osChosenPort();
  handedOut.add(port);
  return port;
};

/** Waits until something accepts TCP connections on the port. */
export const waitForPort = async (port: number, timeoutMs: number, what: string): Promise<void> => {
  const { connect } = await import('node:net');
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${what} did not start on port ${port} within ${timeoutMs} ms`);
};
