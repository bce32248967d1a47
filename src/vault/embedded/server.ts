import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LOOPBACK } from '../../util/net.js';
import type { Core } from './core/core.js';
import { createHandler } from './http/handler.js';
import { installUnknownMethodFallback } from './http/unknown-methods.js';
import type { ServerInfo } from './sys/health.js';

/** The node:http listener on 127.0.0.1 (keep-alive, no request timeout beyond Vault's 90 s). */
export async function listen(core: Core, info: ServerInfo, port: number): Promise<{ server: Server; port: number }> {
  const handler = createHandler(core, info);
  const server = createServer({ keepAliveTimeout: 65_000, requestTimeout: 90_000 }, handler);
  installUnknownMethodFallback(server, handler);
  await new Promise<void>((resolve, reject) => {
    const failed = (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new Error(`port ${port} on ${LOOPBACK} is already in use`) : error);
    server.once('error', failed);
    server.listen(port, LOOPBACK, () => {
      server.off('error', failed);
      resolve();
    });
  });
  return { server, port: (server.address() as AddressInfo).port };
}

export async function close(server: Server): Promise<void> {
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
