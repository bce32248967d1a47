import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { Playground } from '../../src/course/playground.js';
import { VaultAdmin } from '../../src/vault/admin-client.js';
import { BinaryProvider } from '../../src/vault/binary-provider.js';
import { runCleanups } from '../../src/util/cleanup.js';

const availability = await new BinaryProvider().availability();

describe.skipIf(!availability.available)(`playground on the binary provider (${availability.reason})`, () => {
  it('starts, gives export lines that work from outside, checks steps live, and stops', async () => {
    const playground = new Playground({ choice: 'binary' });
    const states: string[] = [];
    playground.subscribe(() => states.push(playground.getState().status));
    await playground.start();
    try {
      const state = playground.getState();
      expect(state).toMatchObject({ status: 'up', provider: 'binary' });
      expect([...new Set(states)]).toEqual(['starting', 'up']);
      const lines = playground.exportLines();
      expect(lines[0]).toMatch(/^export VAULT_ADDR='http:\/\/127\.0\.0\.1:\d+'$/);
      const token = /VAULT_TOKEN='([^']+)'/.exec(lines[1] ?? '')?.[1];
      expect(token).toBeTruthy();

      const step = { type: 'auth-enabled', path: 'approle', method: 'approle' } as const;
      expect(await playground.check(step)).toEqual({
        done: false,
        detail: 'no auth method is enabled at auth/approle/',
      });
      // The learner, in another terminal, with the pasted export lines.
      execFileSync('bao', ['auth', 'enable', 'approle'], {
        env: { ...process.env, VAULT_ADDR: state.address, VAULT_TOKEN: token },
      });
      expect(await playground.check(step)).toEqual({ done: true, detail: 'approle is enabled at auth/approle/' });
      await new VaultAdmin(state.address!, token).kvPut('secret', 'database/backend', { password: 'p' });
      expect(
        (await playground.check({ type: 'kv-secret', mount: 'secret', path: 'database/backend', keys: ['password'] }))
          .done,
      ).toBe(true);
    } finally {
      await playground.stop();
    }
    expect(playground.getState().status).toBe('down');
    expect(playground.exportLines()).toEqual([]);
    expect((await playground.check({ type: 'policy-exists', name: 'x' })).detail).toMatch(/not running/);
  });

  it('is stopped by the cleanup registry (what Ctrl-C and SIGTERM run)', async () => {
    const playground = new Playground({ choice: 'binary' });
    await playground.start();
    const port = new URL(playground.getState().address!).port;
    await runCleanups();
    const survivors = execFileSync('sh', [
      '-c',
      `ps -eo args | grep -- "-dev-listen-address=127.0.0.1:${port}" | grep -v grep || true`,
    ]).toString();
    expect(survivors.trim()).toBe('');
    await playground.stop();
  });

  it('reports a provider that cannot start as failed, with the reason', async () => {
    const playground = new Playground({ choice: 'binary', binary: '/nonexistent/bao' });
    await playground.start();
    expect(playground.getState()).toMatchObject({ status: 'failed' });
    expect(playground.getState().message).toMatch(/binary provider unavailable/);
  });
});
