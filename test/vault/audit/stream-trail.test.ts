import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../src/vault/audit/entry.js';
import { StreamAuditTrail, SYNC_PATH_PREFIX } from '../../../src/vault/audit/stream-trail.js';

function line(type: 'request' | 'response', path: string, id = path): string {
  return JSON.stringify({ time: '2026-01-01T00:00:00Z', type, request: { id, operation: 'read', path } }) + '\n';
}

const noHash = async (value: string) => `hmac-sha256:${value.length}`;

describe('StreamAuditTrail', () => {
  it('keeps audit lines, skips server log lines, and joins lines split across chunks', async () => {
    const stream = new PassThrough();
    const trail = new StreamAuditTrail(stream, { hash: noHash });
    const request = line('request', 'secret/data/a');
    stream.write('2026-01-01T00:00:00.000Z [INFO]  core: vault is unsealed\n');
    stream.write(request.slice(0, 20));
    stream.write(request.slice(20) + line('response', 'secret/data/a').slice(0, 5));
    await new Promise((resolve) => setImmediate(resolve));
    expect((await trail.entries()).map((entry) => entry.type)).toEqual(['request']);
    stream.write(line('response', 'secret/data/a').slice(5));
    await new Promise((resolve) => setImmediate(resolve));
    expect((await trail.entries()).map((entry) => `${entry.type} ${entry.request.path}`)).toEqual([
      'request secret/data/a',
      'response secret/data/a',
    ]);
    await trail.close();
  });

  it('notifies subscribers once per entry, with replay on request', async () => {
    const trail = new StreamAuditTrail(new PassThrough(), { hash: noHash });
    trail.feed(line('request', 'one'));
    const live: string[] = [];
    const replayed: string[] = [];
    trail.subscribe((entry) => live.push(entry.request.path));
    trail.subscribe((entry) => replayed.push(entry.request.path), { replay: true });
    trail.feed(line('request', 'two'));
    expect(live).toEqual(['two']);
    expect(replayed).toEqual(['one', 'two']);
    await trail.close();
  });

  it('entries() waits for its own marker to come through a late stream, and hides the marker', async () => {
    const stream = new PassThrough();
    const marked: string[] = [];
    const trail = new StreamAuditTrail(stream, {
      hash: noHash,
      // Like a real server: the request is audited before the answer, but the log stream is late.
      readMarker: async (path) => {
        marked.push(path);
        setTimeout(
          () => stream.write(line('request', 'secret/data/late') + line('request', path) + line('response', path)),
          40,
        );
      },
    });
    const entries: AuditEntry[] = await trail.entries();
    expect(marked).toHaveLength(1);
    expect(marked[0]!.startsWith(SYNC_PATH_PREFIX)).toBe(true);
    expect(entries.map((entry) => entry.request.path)).toEqual(['secret/data/late']);
    await trail.close();
  });

  it('answers with what it has when the marker never arrives or the server refuses it', async () => {
    const refusing = new StreamAuditTrail(new PassThrough(), {
      hash: noHash,
      readMarker: async () => {
        throw new Error('connection refused');
      },
    });
    refusing.feed(line('request', 'kept'));
    expect((await refusing.entries()).map((entry) => entry.request.path)).toEqual(['kept']);
    const silent = new StreamAuditTrail(new PassThrough(), {
      hash: noHash,
      readMarker: async () => undefined,
      syncTimeoutMs: 50,
    });
    expect(await silent.entries()).toEqual([]);
    await Promise.all([refusing.close(), silent.close()]);
  });

  it('hash() asks the device', async () => {
    const trail = new StreamAuditTrail(new PassThrough(), {
      hash: async (value) => `hmac-sha256:${value.toUpperCase()}`,
    });
    expect(await trail.hash('abc')).toBe('hmac-sha256:ABC');
    await trail.close();
  });
});
