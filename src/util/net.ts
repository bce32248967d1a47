import { createServer } from 'node:net';
import { UserError } from './errors.js';

/** Every server this project starts listens here, never on a public interface. */
export const LOOPBACK = '127.0.0.1';

/** Ask the kernel for a free port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, LOOPBACK, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** True when nothing is listening on the port yet (we could bind it ourselves). */
export async function isPortFree(port: number, host = LOOPBACK): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/** The port the user asked for is taken: their choice to change, whichever provider they use. */
export class PortInUseError extends UserError {
  constructor(port: number, host = LOOPBACK) {
    super(`port ${port} on ${host} is already in use; pick another with --port or leave it out for a free one`);
  }
}

/** One-line usage error (exit 2) when a port the user asked for cannot be used. */
export async function assertPortUsable(port: number, host = LOOPBACK): Promise<void> {
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new UserError(`port must be a whole number from 1 to 65535, got ${port}`);
  if (!(await isPortFree(port, host))) throw new PortInUseError(port, host);
}
