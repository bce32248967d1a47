import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SYSTEM_MAX_TTL, TokenStore } from '../../../src/vault/embedded/auth/token/store.js';
import { ServerClock, rfc3339Nano } from '../../../src/vault/embedded/core/clock.js';
import {
  formatGoDuration,
  humanDuration,
  parseDurationSeconds,
  parseGoDuration,
} from '../../../src/vault/embedded/core/duration.js';

describe('virtual clock', () => {
  it('follows real time and jumps forward on advance', () => {
    const clock = new ServerClock(1_000_000);
    const start = clock.now();
    expect(Math.abs(start - 1_000_000)).toBeLessThan(50);
    clock.advance(3_600_000);
    expect(clock.now() - start).toBeGreaterThanOrEqual(3_600_000);
    expect(() => clock.advance(-1)).toThrow(RangeError);
  });

  it('formats times like Go (RFC 3339, fraction without trailing zeros)', () => {
    expect(rfc3339Nano(Date.UTC(2026, 10, 28, 7, 57, 38, 700))).toBe('2026-11-28T07:57:38.7Z');
    expect(rfc3339Nano(Date.UTC(2026, 10, 28, 7, 57, 38, 0))).toBe('2026-11-28T07:57:38Z');
    expect(rfc3339Nano(Date.UTC(2026, 10, 28, 7, 57, 39, 45))).toBe('2026-11-28T07:57:39.045Z');
  });
});

describe('durations', () => {
  it('parses seconds, Go durations and days', () => {
    expect(parseDurationSeconds(90)).toBe(90);
    expect(parseDurationSeconds('90')).toBe(90);
    expect(parseDurationSeconds('1h30m')).toBe(5400);
    expect(parseDurationSeconds('1.5h')).toBe(5400);
    expect(parseDurationSeconds('2d')).toBe(172800);
    expect(parseDurationSeconds('')).toBe(0);
    expect(() => parseGoDuration('abc')).toThrow('time: invalid duration "abc"');
    expect(() => parseDurationSeconds(90.5)).toThrow('time: missing unit in duration "90.5"');
    expect(() => parseGoDuration('5x')).toThrow('time: unknown unit "x" in duration "5x"');
  });

  it('prints Go durations and Vault warning durations', () => {
    expect(formatGoDuration(0)).toBe('0s');
    expect(formatGoDuration(3600)).toBe('1h0m0s');
    expect(humanDuration(3600)).toBe('1h');
    expect(humanDuration(5400)).toBe('1h30m');
    expect(humanDuration(4)).toBe('4s');
  });
});

describe('token TTLs on the virtual clock', () => {
  // Wall-clock time is frozen so only clock.advance moves the server's time.
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('expires a token exactly when its TTL has passed', () => {
    const clock = new ServerClock();
    const tokens = new TokenStore(clock);
    const token = tokens.create({ policies: ['default'], path: 'auth/token/create', displayName: 'token', ttl: 60 });
    clock.advance(59_000);
    expect(tokens.lookup(token.id)).toBeDefined();
    expect(tokens.remainingTtl(token)).toBeLessThanOrEqual(1);
    clock.advance(1_500);
    expect(tokens.lookup(token.id)).toBeUndefined();
    expect(tokens.lookupAccessor(token.accessor)).toBeUndefined();
  });

  it('defaults to 32 days and caps by max TTL and explicit max TTL', () => {
    const tokens = new TokenStore(new ServerClock());
    expect(tokens.create({ policies: ['default'], path: 'p', displayName: 't' }).ttl).toBe(SYSTEM_MAX_TTL);
    expect(tokens.create({ policies: ['default'], path: 'p', displayName: 't', ttl: 7200, maxTtl: 3600 }).ttl).toBe(
      3600,
    );
    expect(
      tokens.create({ policies: ['default'], path: 'p', displayName: 't', ttl: 7200, explicitMaxTtl: 60 }).ttl,
    ).toBe(60);
  });

  it('renews up to the max TTL counted from creation', () => {
    const clock = new ServerClock();
    const tokens = new TokenStore(clock);
    const token = tokens.create({ policies: ['default'], path: 'p', displayName: 't', ttl: 60, maxTtl: 300 });
    clock.advance(100_000);
    expect(tokens.renew(token, 3600)).toEqual({ ttl: 200, capped: { requested: 3600, max: 200 } });
    expect(tokens.renew(token, 30).ttl).toBe(30);
    expect(tokens.renew(token, 0).ttl).toBe(30);
    clock.advance(31_000);
    expect(tokens.lookup(token.id)).toBeUndefined();
  });

  it('counts uses and revokes children with their parent', () => {
    const tokens = new TokenStore(new ServerClock());
    const parent = tokens.create({ policies: ['default'], path: 'p', displayName: 't', numUses: 2 });
    const child = tokens.create({ policies: ['default'], path: 'p', displayName: 't', parent });
    const orphan = tokens.create({ policies: ['default'], path: 'p', displayName: 't', parent, noParent: true });
    expect(tokens.use(parent)).toBe(false);
    expect(tokens.use(parent)).toBe(true);
    expect(parent.numUses).toBe(-1);
    tokens.revoke(parent);
    expect(tokens.lookup(child.id)).toBeUndefined();
    expect(tokens.lookup(orphan.id)).toBeDefined();
  });

  it('lets a child die when its parent expires', () => {
    const clock = new ServerClock();
    const tokens = new TokenStore(clock);
    const parent = tokens.create({ policies: ['default'], path: 'p', displayName: 't', ttl: 10 });
    const child = tokens.create({ policies: ['default'], path: 'p', displayName: 't', ttl: 3600, parent });
    clock.advance(11_000);
    expect(tokens.lookup(child.id)).toBeUndefined();
  });
});
