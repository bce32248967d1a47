import { rfc3339Nano, type ServerClock } from '../../core/clock.js';
import { batchToken, serviceToken, tokenAccessor } from '../../core/ids.js';
import type { Acl } from '../../acl/acl.js';
import type { AuthResult, Response } from '../../core/logical.js';
import { GoTime } from '../../core/go-time.js';

/** Vault's system default and maximum lease TTL: 768h (32 days). */
export const SYSTEM_MAX_TTL = 2_764_800;

export type TokenType = 'service' | 'batch';

export interface TokenEntry {
  id: string;
  type: TokenType;
  /** Addresses allowed to use the token (go-sockaddr forms); none = anywhere. */
  boundCidrs?: string[];
  accessor: string;
  /** Parent token id; '' for orphans. */
  parent: string;
  policies: string[];
  path: string;
  meta: Record<string, string> | null;
  displayName: string;
  /** Remaining uses; 0 = unlimited; -1 on the last use (revoked after the request). */
  numUses: number;
  initialNumUses: number;
  /** ms since epoch (virtual clock). */
  creationTime: number;
  /** TTL at creation / last renewal, seconds; 0 = never expires (root). */
  ttl: number;
  creationTtl: number;
  explicitMaxTtl: number;
  /** Role or mount max TTL in seconds (0 = system max). */
  maxTtl: number;
  period: number;
  renewable: boolean;
  orphan: boolean;
  entityId: string;
  /** ms; 0 = never. */
  expireAt: number;
  lastRenewal?: number;
  children: Set<string>;
  /** Vault's client id for a token without entity (computed once). */
  clientId?: string;
  /** The token's compiled ACL and the policy-store generation it was built from. */
  acl?: { generation: number; acl: Acl };
  /** Set on response-wrapping tokens: the wrapped response, kept in their cubbyhole. */
  wrapped?: {
    body: string;
    /** The answer was raw (its own status and content type), not a logical response. */
    raw?: Response['raw'];
    creationPath: string;
    creationTime: string;
    ttl: number;
    response: Response;
  };
}

export interface NewToken {
  id?: string;
  type?: TokenType;
  boundCidrs?: string[];
  parent?: TokenEntry;
  policies: string[];
  path: string;
  meta?: Record<string, string> | null;
  displayName: string;
  numUses?: number;
  ttl?: number;
  explicitMaxTtl?: number;
  maxTtl?: number;
  period?: number;
  renewable?: boolean;
  noParent?: boolean;
  entityId?: string;
  wrapped?: TokenEntry['wrapped'];
}

/**
 * All tokens of the server, by id and by accessor. Expiry is checked against the virtual
 * clock on every lookup: an expired token (or one whose parent expired) is revoked right there,
 * so `clock.advance` takes effect immediately without timers.
 */
export class TokenStore {
  readonly #byId = new Map<string, TokenEntry>();
  readonly #byAccessor = new Map<string, string>();
  #createdSinceSweep = 0;

  constructor(private readonly clock: ServerClock) {}

  create(spec: NewToken): TokenEntry {
    if (++this.#createdSinceSweep >= 1000) this.sweep();
    const batch = spec.type === 'batch';
    // A batch token carries its creation time in whole seconds.
    const now = batch ? Math.floor(this.clock.now() / 1000) * 1000 : this.clock.now();
    const isRoot = spec.policies.includes('root');
    let ttl = spec.ttl ?? 0;
    if (spec.period) ttl = spec.period;
    // A root-policy token without any TTL setting never expires; anything else gets one.
    const unlimited = isRoot && ttl === 0 && !spec.explicitMaxTtl && !spec.maxTtl;
    if (!unlimited) {
      if (ttl === 0) ttl = SYSTEM_MAX_TTL;
      const cap = effectiveMax(spec.explicitMaxTtl ?? 0, spec.maxTtl ?? 0);
      if (!spec.period && ttl > cap) ttl = cap;
      if (spec.period && spec.explicitMaxTtl && ttl > spec.explicitMaxTtl) ttl = spec.explicitMaxTtl;
    }
    const parent = spec.noParent ? undefined : spec.parent;
    const entry: TokenEntry = {
      id: spec.id ?? (batch ? batchToken() : serviceToken()),
      type: batch ? 'batch' : 'service',
      boundCidrs: spec.boundCidrs,
      // Batch tokens have no accessor.
      accessor: batch ? '' : tokenAccessor(),
      parent: parent?.id ?? '',
      policies: spec.policies,
      path: spec.path,
      meta: spec.meta ?? null,
      displayName: spec.displayName,
      numUses: spec.numUses ?? 0,
      initialNumUses: spec.numUses ?? 0,
      creationTime: now,
      ttl,
      creationTtl: ttl,
      explicitMaxTtl: spec.explicitMaxTtl ?? 0,
      maxTtl: spec.maxTtl ?? 0,
      period: spec.period ?? 0,
      renewable: spec.renewable ?? true,
      orphan: !parent,
      entityId: spec.entityId ?? '',
      expireAt: ttl > 0 ? now + ttl * 1000 : 0,
      children: new Set(),
      wrapped: spec.wrapped,
    };
    if (unlimited || batch) entry.renewable = false;
    this.#byId.set(entry.id, entry);
    if (!batch) this.#byAccessor.set(entry.accessor, entry.id);
    parent?.children.add(entry.id);
    return entry;
  }

  /** The live token with this id, or undefined (unknown, revoked, expired). */
  lookup(id: string): TokenEntry | undefined {
    if (!id) return undefined;
    const entry = this.#byId.get(id);
    if (!entry) return undefined;
    if (this.#expired(entry)) {
      this.revoke(entry);
      return undefined;
    }
    return entry;
  }

  lookupAccessor(accessor: string): TokenEntry | undefined {
    const id = this.#byAccessor.get(accessor);
    return id === undefined ? undefined : this.lookup(id);
  }

  /** Revoke a token and all its (non-orphan) descendants. */
  revoke(entry: TokenEntry): void {
    const pending = [entry];
    while (pending.length > 0) {
      const next = pending.pop()!;
      if (!this.#byId.delete(next.id)) continue;
      if (next.accessor) this.#byAccessor.delete(next.accessor);
      for (const child of next.children) {
        const found = this.#byId.get(child);
        if (found) pending.push(found);
      }
      if (next.parent) this.#byId.get(next.parent)?.children.delete(next.id);
    }
  }

  /** `revoke-orphan`: revoke the token alone; its children become orphans (no parent). */
  revokeOrphan(entry: TokenEntry): void {
    for (const child of entry.children) {
      const found = this.#byId.get(child);
      if (!found) continue;
      found.parent = '';
      found.orphan = true;
    }
    entry.children.clear();
    this.revoke(entry);
  }

  /** Count one use of a limited-use token; returns true when that was its last use. */
  use(entry: TokenEntry): boolean {
    if (entry.numUses === 0) return false;
    entry.numUses -= 1;
    if (entry.numUses > 0) return false;
    // Vault marks a token on its last use with -1 ("tainted"); it is revoked after the request.
    entry.numUses = -1;
    return true;
  }

  /**
   * Renew: the new TTL is the increment (or the token's own TTL when none is given), capped so
   * the token never outlives its explicit max TTL, its role/mount max TTL or the system max.
   */
  renew(entry: TokenEntry, increment: number): { ttl: number; capped?: { requested: number; max: number } } {
    const now = this.clock.now();
    let ttl = entry.period || (increment > 0 ? increment : entry.ttl);
    const ageSeconds = Math.floor((now - entry.creationTime) / 1000);
    const cap = effectiveMax(entry.explicitMaxTtl, entry.maxTtl) - ageSeconds;
    let capped: { requested: number; max: number } | undefined;
    if (!entry.period && ttl > cap) {
      capped = { requested: ttl, max: Math.max(cap, 0) };
      ttl = Math.max(cap, 0);
    }
    if (entry.period && entry.explicitMaxTtl) ttl = Math.min(ttl, Math.max(entry.explicitMaxTtl - ageSeconds, 0));
    entry.ttl = ttl;
    entry.lastRenewal = now;
    entry.expireAt = now + ttl * 1000;
    return { ttl, capped };
  }

  /** Seconds left; 0 for tokens that never expire. */
  remainingTtl(entry: TokenEntry): number {
    if (entry.expireAt === 0) return 0;
    return Math.max(0, Math.round((entry.expireAt - this.clock.now()) / 1000));
  }

  /** Drop expired tokens, so a program that logs in in a loop does not grow memory forever. */
  sweep(): void {
    this.#createdSinceSweep = 0;
    for (const entry of [...this.#byId.values()]) if (this.#expired(entry)) this.revoke(entry);
  }

  accessors(): string[] {
    return [...this.#byAccessor.keys()];
  }

  /** The auth block a login or token creation returns for a new token. */
  authResult(entry: TokenEntry, tokenPolicies = entry.policies): AuthResult {
    return {
      clientToken: entry.id,
      accessor: entry.accessor,
      policies: entry.policies,
      tokenPolicies,
      metadata: entry.meta,
      leaseDuration: entry.ttl,
      renewable: entry.renewable,
      entityId: entry.entityId,
      tokenType: entry.type,
      orphan: entry.orphan,
      numUses: entry.numUses,
      displayName: entry.displayName,
      issueTime: entry.creationTime,
    };
  }

  /** `auth/token/lookup*` data. */
  lookupData(entry: TokenEntry, showId: boolean): Record<string, unknown> {
    const data: Record<string, unknown> = {
      accessor: entry.accessor,
      creation_time: Math.floor(entry.creationTime / 1000),
      creation_ttl: entry.creationTtl,
      display_name: entry.displayName,
      entity_id: entry.entityId,
      expire_time: entry.expireAt ? new GoTime(rfc3339Nano(entry.expireAt)) : null,
      explicit_max_ttl: entry.explicitMaxTtl,
      id: showId ? entry.id : '',
      issue_time: new GoTime(rfc3339Nano(entry.creationTime)),
      meta: entry.meta,
      num_uses: entry.numUses,
      orphan: entry.orphan,
      path: entry.path,
      policies: entry.policies,
      renewable: entry.renewable,
      ttl: this.remainingTtl(entry),
      type: entry.type,
    };
    if (entry.boundCidrs?.length) data.bound_cidrs = entry.boundCidrs;
    if (entry.period) data.period = entry.period;
    if (entry.lastRenewal !== undefined) {
      data.last_renewal = new GoTime(rfc3339Nano(entry.lastRenewal));
      data.last_renewal_time = Math.floor(entry.lastRenewal / 1000);
    }
    return data;
  }

  #expired(entry: TokenEntry): boolean {
    const now = this.clock.now();
    let current: TokenEntry | undefined = entry;
    // A token dies with its parent: walk up the (short) chain.
    for (let depth = 0; current && depth < 64; depth++) {
      if (current.expireAt !== 0 && current.expireAt <= now) return true;
      if (!current.parent) return false;
      current = this.#byId.get(current.parent);
      if (!current) return true;
    }
    return false;
  }
}

function effectiveMax(explicitMaxTtl: number, maxTtl: number): number {
  let cap = SYSTEM_MAX_TTL;
  if (maxTtl > 0 && maxTtl < cap) cap = maxTtl;
  if (explicitMaxTtl > 0 && explicitMaxTtl < cap) cap = explicitMaxTtl;
  return cap;
}
