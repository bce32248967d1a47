import { describe, expect, it } from 'vitest';
import { ServerClock } from '../../../src/vault/embedded/core/clock.js';
import { mergePatch, subkeys } from '../../../src/vault/embedded/kv/responses.js';
import { CasMismatch, KvStore } from '../../../src/vault/embedded/kv/store.js';

describe('KV v2 versioning', () => {
  it('adds a version per write and enforces check-and-set', () => {
    const store = new KvStore(new ServerClock());
    expect(store.put('app', { a: 1 }, 0).version).toBe(1);
    expect(() => store.put('app', { a: 2 }, 0)).toThrow(CasMismatch);
    expect(store.put('app', { a: 2 }, 1).version).toBe(2);
    expect(store.put('app', { a: 3 }, undefined).version).toBe(3);
    expect(store.get('app')!.currentVersion).toBe(3);
  });

  it('keeps at most max_versions (key, else mount, else 10), dropping the oldest', () => {
    const store = new KvStore(new ServerClock());
    for (let i = 0; i < 12; i++) store.put('app', { i }, undefined);
    const key = store.get('app')!;
    expect([...key.versions.keys()]).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(key.oldestVersion).toBe(3);
    key.maxVersions = 2;
    store.retrim(key);
    expect([...key.versions.keys()]).toEqual([11, 12]);
    store.config.maxVersions = 20;
    const fresh = new KvStore(new ServerClock());
    expect(fresh.get('x')).toBeUndefined();
  });

  it('keeps oldest_version at 0 until the current version reaches the limit (found against bao)', () => {
    const store = new KvStore(new ServerClock());
    store.put('app', { a: 1 }, undefined);
    store.put('app', { a: 2 }, undefined);
    expect(store.get('app')!.oldestVersion).toBe(0);
    store.ensure('one').maxVersions = 1;
    store.put('one', { a: 1 }, undefined);
    expect(store.get('one')!.oldestVersion).toBe(1);
  });

  it('sets deletion_time to created + the smaller non-zero delete_version_after (mount or key); -1 on the mount turns it off', () => {
    const clock = new ServerClock();
    const store = new KvStore(clock);
    const after = (path: string) => {
      const { key, version } = store.put(path, { v: 1 }, undefined);
      const entry = key.versions.get(version)!;
      return entry.deletionTime === 0 ? 0 : (entry.deletionTime - entry.createdTime) / 1000;
    };
    expect(after('none')).toBe(0);
    store.config.deleteVersionAfter = 60;
    expect(after('mount')).toBe(60);
    store.ensure('shorter').deleteVersionAfter = 5;
    expect(after('shorter')).toBe(5);
    store.ensure('longer').deleteVersionAfter = 3600;
    expect(after('longer')).toBe(60);
    const entry = store.get('longer')!.versions.get(1)!;
    expect(store.isDeleted(entry)).toBe(false);
    clock.advance(60_000);
    expect(store.isDeleted(entry)).toBe(true);
    store.config.deleteVersionAfter = -1;
    expect(after('shorter')).toBe(0);
    store.config.deleteVersionAfter = 0;
    expect(after('shorter')).toBe(5);
  });

  it('lists keys and folders directly below a prefix', () => {
    const store = new KvStore(new ServerClock());
    for (const path of ['app/config', 'app/db/creds', 'app/db/admin', 'other/x', 'apple'])
      store.put(path, { x: 1 }, undefined);
    expect(store.list('app/')).toEqual(['config', 'db/']);
    expect(store.list('')).toEqual(['app/', 'apple', 'other/']);
    expect(store.list('nope/')).toEqual([]);
  });

  it('merge-patches like RFC 7396 and shows subkeys', () => {
    expect(mergePatch({ a: 1, b: { c: 2, d: 3 } }, { a: null, b: { c: 4 }, e: [1] })).toEqual({
      b: { c: 4, d: 3 },
      e: [1],
    });
    expect(subkeys({ a: 1, b: { c: 2, d: { e: 3 } } }, 0)).toEqual({ a: null, b: { c: null, d: { e: null } } });
    expect(subkeys({ a: 1, b: { c: 2, d: { e: 3 } } }, 2)).toEqual({ a: null, b: { c: null, d: null } });
  });
});
