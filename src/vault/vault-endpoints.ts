import { send, type Answer } from './http-send.js';

/**
 * Where the admin client's requests go: one Vault, or the nodes of a cluster (VAULT_ADDR may list
 * several). Requests go to the preferred node — the leader once `discoverLeader` found it among
 * the addresses — and move to the next address when a node refuses the connection (nothing was
 * sent, so even a write is safe to send elsewhere); any other lost answer moves the preference on
 * and is left to the retry policy. A 307 from a standby (forwarding disabled, or an election) is
 * followed; a redirect to a dead leader counts as that node refusing.
 *
 * Read-after-write across nodes: OpenBao (2.7+) answers every request with `X-Vault-Index`, its
 * storage index after the request. Sending back the newest index seen, with
 * `X-Vault-Inconsistent: forward-active-node`, makes a standby that has not applied that index
 * yet forward the request to the active node instead of answering from stale storage (a 404 for a
 * role written a millisecond earlier). Vault without the header never sends an index, so nothing
 * changes there.
 */
export const CONNECTION_REFUSED = 'ECONNREFUSED';
/** A node answered, but only to point at a leader that is gone: the cluster is electing one. */
export const NO_LEADER = 'ENOLEADER';
const MAX_REDIRECTS = 3;
/** About the node asked, not the cluster's data: never forwarded for consistency. */
const NODE_LOCAL = /\/v1\/sys\/(health|leader|seal-status|unseal|init)\b/;

export interface NodeVaultRequest {
  method: string;
  uri: string;
  headers?: Record<string, string>;
  json?: unknown;
  timeout?: number;
}

export class VaultEndpoints {
  readonly addresses: readonly string[];
  #preferred = 0;
  #index: { raw: string; cluster?: string; value?: number } | undefined;
  #discovery: Promise<void> | undefined;

  constructor(
    addresses: string | readonly string[],
    readonly options: { timeoutMs?: number; insecure?: boolean } = {},
  ) {
    const list = (typeof addresses === 'string' ? [addresses] : [...addresses]).map((address) =>
      address.replace(/\/+$/, ''),
    );
    if (list.length === 0) throw new Error('no Vault address');
    this.addresses = list;
  }

  /** The node requests go to first now. */
  get current(): string {
    return this.addresses[this.#preferred]!;
  }

  /** The newest `X-Vault-Index` seen (opaque; undefined until a node sent one). */
  get consistencyIndex(): string | undefined {
    return this.#index?.raw;
  }

  /** A node-vault request (its `uri` built on `base`), sent to the preferred node or the next that answers. */
  async request(base: string, options: NodeVaultRequest): Promise<Answer & { request: { path: string } }> {
    const path = options.uri.startsWith(base) ? options.uri.slice(base.length) : new URL(options.uri).pathname;
    const start = this.#preferred;
    let refused: Error | undefined;
    for (let step = 0; step < this.addresses.length; step++) {
      const at = (start + step) % this.addresses.length;
      try {
        const answer = await this.#sendFollowingRedirects(`${this.addresses[at]}${path}`, options);
        this.#remember(answer);
        if (step > 0) this.#prefer(at);
        return { ...answer, request: { path: new URL(`${this.addresses[at]}${path}`).pathname } };
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== CONNECTION_REFUSED && code !== NO_LEADER) {
          // The answer was lost: the retry policy decides whether to ask again, and not this node.
          if (this.addresses.length > 1) this.#prefer((at + 1) % this.addresses.length);
          throw error;
        }
        if (!refused || code === NO_LEADER) refused = error as Error;
      }
    }
    const electing = (refused as NodeJS.ErrnoException | undefined)?.code === NO_LEADER;
    throw Object.assign(
      new Error(
        this.addresses.length > 1
          ? `no node answered (${this.addresses.join(', ')}: ${electing ? 'no active node, a leader election?' : 'connection refused'})`
          : (refused?.message ?? 'connection refused'),
      ),
      { code: electing ? NO_LEADER : CONNECTION_REFUSED },
    );
  }

  /**
   * Prefer the active node: ask each address's `sys/leader` (unauthenticated) and move the
   * preference to the one that is the leader, if it is among the addresses. One discovery at a time.
   */
  async discoverLeader(): Promise<string | undefined> {
    if (this.addresses.length > 1) {
      this.#discovery ??= this.#discover().finally(() => (this.#discovery = undefined));
      await this.#discovery;
    }
    return this.current;
  }

  async #discover(): Promise<void> {
    const answers = await Promise.all(
      this.addresses.map((address) =>
        send({ method: 'GET', url: `${address}/v1/sys/leader`, headers: {}, timeoutMs: 3_000, ...this.#tls() }).then(
          (answer) =>
            answer.statusCode === 200 ? (answer.body as { is_self?: boolean; leader_address?: string }) : {},
          () => undefined,
        ),
      ),
    );
    const self = answers.findIndex((answer) => answer?.is_self === true);
    const named = answers
      .map((answer) => answer?.leader_address?.replace(/\/+$/, ''))
      .find((leader) => leader && this.addresses.includes(leader));
    const leader = self >= 0 ? self : named ? this.addresses.indexOf(named) : answers.findIndex(Boolean);
    if (leader >= 0) this.#prefer(leader);
  }

  async #sendFollowingRedirects(url: string, options: NodeVaultRequest): Promise<Answer> {
    let target = url;
    for (let hop = 0; ; hop++) {
      let answer: Answer;
      try {
        answer = await send({
          method: options.method,
          url: target,
          headers: { ...options.headers, ...(NODE_LOCAL.test(url) ? {} : this.#consistencyHeaders()) },
          body: options.json,
          timeoutMs: options.timeout ?? this.options.timeoutMs ?? 15_000,
          ...this.#tls(),
        });
      } catch (error) {
        // A standby pointed at a leader that is gone: as good as this node refusing.
        if (hop > 0 && (error as NodeJS.ErrnoException).code === CONNECTION_REFUSED)
          throw Object.assign(
            new Error(`the node at ${url} redirected to ${target}, which refused the connection (a leader election?)`),
            { code: NO_LEADER },
          );
        throw error;
      }
      const location = answer.headers.location;
      if (![307, 308].includes(answer.statusCode) || !location || hop >= MAX_REDIRECTS) return answer;
      target = new URL(location, target).toString();
    }
  }

  #consistencyHeaders(): Record<string, string> {
    return this.#index ? { 'X-Vault-Index': this.#index.raw, 'X-Vault-Inconsistent': 'forward-active-node' } : {};
  }

  #remember(answer: Answer): void {
    const raw = answer.headers['x-vault-index'];
    if (typeof raw !== 'string' || raw === '') return;
    const next = { raw, ...decodeIndex(raw) };
    const current = this.#index;
    // Answers arrive out of order under concurrency: keep the newest of the same cluster.
    if (
      current?.value !== undefined &&
      next.value !== undefined &&
      current.cluster === next.cluster &&
      next.value < current.value
    )
      return;
    this.#index = next;
  }

  #prefer(at: number): void {
    this.#preferred = at;
  }

  #tls(): { insecure?: boolean } {
    return this.options.insecure ? { insecure: true } : {};
  }
}

/** OpenBao's index is base64 JSON `{"cluster": "...", "value": "35"}`; anything else stays opaque. */
function decodeIndex(raw: string): { cluster?: string; value?: number } {
  try {
    const parsed = JSON.parse(Buffer.from(raw, 'base64').toString('utf8')) as { cluster?: unknown; value?: unknown };
    const value = Number(parsed.value);
    return {
      ...(typeof parsed.cluster === 'string' ? { cluster: parsed.cluster } : {}),
      ...(Number.isFinite(value) ? { value } : {}),
    };
  } catch {
    return {};
  }
}
