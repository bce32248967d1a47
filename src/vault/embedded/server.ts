import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LOOPBACK } from '../../util/net.js';
import type { Core } from './core/core.js';
import { createHandler } from './http/handler.js';
import { installMethodRewriter } from './http/method-rewriter.js';
import type { ServerInfo } from './sys/health.js';

/** The node:http listener on 127.0.0.1 (keep-alive, no request timeout beyond Vault's 90 s). */
export async function listen(core: Core, info: ServerInfo, port: number): Promise<{ server: Server; port: number }> {
  const server = createServer({ keepAliveTimeout: 65_000, requestTimeout: 90_000 });
  const methodHeader = installMethodRewriter(server);
  server.on('request', createHandler(core, info, methodHeader));
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n400 Bad Request');
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, LOOPBACK, () => {
      server.off('error', reject);
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
