import { createServer, request as forward, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { LOOPBACK } from '../../../util/net.js';
import { socketOwner, type SocketOwner } from '../../../util/socket-owner.js';

/**
 * Agent's own way to Vault: an HTTP proxy on 127.0.0.1 that Agent gets as VAULT_ADDR, forwarding
 * to the grading Vault and counting what it forwards. The app is given no address at all, so
 * every request the audit trail holds beyond what came through here reached Vault some other
 * way; and a connection to the proxy from a process outside Agent's process group (an app that
 * found this address in Agent's environment) is refused and remembered.
 */
export interface ForeignConnection {
  pid?: number;
  command?: string;
}

export class AgentProxy {
  /** Requests forwarded for Agent, by Vault path (as the audit log writes it: no /v1/, no query). */
  readonly forwarded = new Map<string, number>();
  readonly foreign: ForeignConnection[] = [];
  #groupId: number | undefined;
  readonly #owners = new WeakMap<Socket, Promise<SocketOwner>>();

  private constructor(
    private readonly server: Server,
    readonly address: string,
    private readonly target: URL,
  ) {}

  static async start(vaultAddress: string): Promise<AgentProxy> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, LOOPBACK, () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    const proxy = new AgentProxy(server, `http://${LOOPBACK}:${port}`, new URL(vaultAddress));
    server.on('connection', (socket) => proxy.#checkOwner(socket, port));
    server.on('request', (request, response) => void proxy.handle(request, response));
    return proxy;
  }

  /** Agent's process group: connections from anywhere else are refused from now on. */
  admit(groupId: number | undefined): void {
    this.#groupId = groupId;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  #checkOwner(socket: Socket, port: number): void {
    const groupId = this.#groupId;
    const peer = socket.remotePort;
    if (groupId === undefined || peer === undefined) return;
    const owner = socketOwner(peer, port, groupId).catch((): SocketOwner => ({ kind: 'unknown' }));
    this.#owners.set(socket, owner);
  }

  async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const owner = await this.#owners.get(request.socket);
    if (owner?.kind === 'other') {
      if (!this.foreign.some((known) => known.pid === owner.pid))
        this.foreign.push({ pid: owner.pid, command: owner.command });
      response.writeHead(403, { 'Content-Type': 'application/json' });
      response.end(
        JSON.stringify({ errors: ["this address is Vault Agent's alone: the app reads the rendered file"] }),
      );
      request.resume();
      return;
    }
    const path = (request.url ?? '').replace(/^\/v1\//, '').replace(/\?.*$/, '');
    this.forwarded.set(path, (this.forwarded.get(path) ?? 0) + 1);
    const upstream = forward(
      {
        host: this.target.hostname,
        port: this.target.port,
        method: request.method,
        path: request.url,
        headers: { ...request.headers, host: this.target.host },
      },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    upstream.on('error', (error) => {
      if (!response.headersSent) response.writeHead(502, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify({ errors: [`the grading Vault did not answer: ${error.message}`] }));
    });
    request.pipe(upstream);
  }
}
