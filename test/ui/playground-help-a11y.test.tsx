import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import chalk from 'chalk';
import stringWidth from 'string-width';
import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Playground } from '../../src/course/playground.js';
import { writePlaygroundRecord } from '../../src/course/playground-record.js';
import { EmbeddedProvider } from '../../src/vault/embedded-provider.js';
import { vaultLabel } from '../../src/ui/components/playground-line.js';
import { fakePlayground, KEYS, plainText, renderApp } from './harness.js';

afterEach(() => {
  cleanup();
  chalk.level = 0;
});

const COLOUR = /\u001B\[(3[0-9]|9[0-7]|4[0-9]|10[0-7]|38;|48;)/;

describe('playground screen', () => {
  it('starts the Vault on open, shows the export lines, x stops it and s starts it again', async () => {
    const ui = await renderApp({ open: { name: 'playground' } });
    await ui.waitFor((frame) => frame.includes("export VAULT_TOKEN='dev-root-token-for-tests'"));
    expect(ui.frame()).toContain("export VAULT_ADDR='http://127.0.0.1:18299'");
    expect(ui.frame()).toContain('stops when you quit');
    await ui.press('x');
    await ui.waitFor((frame) => frame.includes('The playground Vault is stopped. Press s to start it.'));
    expect(ui.frame()).not.toContain('VAULT_TOKEN');
    await ui.press('s');
    await ui.waitFor((frame) => frame.includes('export VAULT_TOKEN'));
    await ui.press('q');
    expect(ui.frame()).toContain('secrets-workbook · secrets management');
  });

  it('one started by vault up elsewhere: says it keeps running when you quit, not that it stops', async () => {
    const vault = await new EmbeddedProvider().start({ audit: false });
    const owner = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    const recordFile = join(await mkdtemp(join(tmpdir(), 'sw-record-')), 'playground.json');
    try {
      const record = { address: vault.address, rootToken: vault.rootToken, provider: 'embedded' as const };
      await writePlaygroundRecord({ ...record, startedBy: 'vault up', pid: owner.pid! }, recordFile);
      const playground = new Playground({ recordFile, start: () => Promise.reject(new Error('must attach')) });
      const ui = await renderApp({ open: { name: 'playground' }, services: { playground } });
      const text = plainText(await ui.waitFor((frame) => frame.includes('export VAULT_TOKEN'))).replace(/\s+/g, ' ');
      expect(text).toContain('it keeps running when you quit secrets-workbook (x stops it now)');
      expect(text).not.toContain('It stops when you quit');
    } finally {
      owner.kill();
      await vault.stop();
    }
  });

  it('says why it could not start, and what to run', async () => {
    const ui = await renderApp({
      open: { name: 'playground' },
      services: { playground: fakePlayground(undefined, 'no Vault provider is available: bao not found on PATH') },
    });
    const text = await ui.waitFor((frame) => frame.includes('could not start'));
    expect(plainText(text).replace(/\s+/g, ' ')).toContain(
      'It could not start: no Vault provider is available: bao not found on PATH. `secrets-workbook doctor`',
    );
  });
});

describe('playground label', () => {
  it('names the provider once, with the real embedded server', async () => {
    const playground = new Playground({ choice: 'embedded' });
    try {
      const ui = await renderApp({ open: { name: 'playground' }, services: { playground } });
      const text = plainText(await ui.waitFor((frame) => frame.includes('Playground Vault: up'), 10_000));
      expect(text).toMatch(/Playground Vault: up · embedded \(OpenBao [\d.]+ API\) · http:\/\/127\.0\.0\.1:\d+/);
      expect(text).not.toContain('embedded (embedded');
    } finally {
      await playground.stop();
    }
    expect(vaultLabel('binary', 'OpenBao v2.7.2')).toBe('binary (OpenBao v2.7.2)');
    expect(vaultLabel('docker', undefined)).toBe('docker');
  });
});

describe('help overlay', () => {
  it('? shows the keys of the current screen, any key closes it and the screen is as it was', async () => {
    const ui = await renderApp({ open: { name: 'lesson', id: 'why-secrets' }, rows: 16 });
    await ui.press(' ');
    const before = ui.frame();
    await ui.press('?');
    const help = plainText(ui.frame());
    expect(help).toContain('Keys');
    expect(help).toContain('space / PgDn / f');
    expect(help).toContain('next page');
    expect(help).toContain('ctrl-c');
    await ui.press('x');
    expect(ui.frame()).toBe(before);
  });

  it('lists the challenge keys on a challenge', async () => {
    const ui = await renderApp({ open: { name: 'challenge', id: 'approle' } });
    await ui.press('?');
    const help = plainText(ui.frame());
    expect(help).toContain('grade your program against a fresh Vault');
    expect(help).toContain('next hint (nudge, concept, near-solution)');
  });
});

describe('accessibility: NO_COLOR, --plain, narrow terminals', () => {
  it('colour by default, none with NO_COLOR (ink colours and pre-rendered markdown alike)', async () => {
    chalk.level = 3;
    const coloured = await renderApp({ open: { name: 'lesson', id: 'why-secrets' } });
    expect(coloured.frame()).toMatch(COLOUR);
    cleanup();
    const plainHome = await renderApp({ env: { NO_COLOR: '1' } });
    expect(plainHome.frame()).not.toMatch(COLOUR);
    cleanup();
    const noColour = await renderApp({ open: { name: 'lesson', id: 'why-secrets' }, env: { NO_COLOR: '1' } });
    expect(noColour.frame()).not.toMatch(COLOUR);
    expect(plainText(noColour.frame())).toContain('Why secrets management matters');
    await noColour.press(KEYS.right);
    expect(noColour.frame()).not.toMatch(COLOUR);
  });

  it('--plain: ASCII only — no emoji, symbols or box drawing — on every screen', async () => {
    const screens = [
      undefined,
      { name: 'lesson', id: 'why-secrets' },
      { name: 'challenge', id: 'approle' },
      { name: 'playground' },
    ] as const;
    for (const open of screens) {
      const ui = await renderApp({ plain: true, env: { NO_COLOR: '1' }, open, rows: 60 });
      if (open?.name === 'playground') await ui.waitFor((frame) => frame.includes('VAULT_TOKEN'));
      await ui.press('?');

      for (const frame of [ui.frames.at(-2) ?? '', ui.frame()]) expect(plainText(frame)).toMatch(/^[\x00-\x7F]*$/);
      cleanup();
    }
  });

  it('--plain spells statuses and keys out in words', async () => {
    const ui = await renderApp({ plain: true, env: { NO_COLOR: '1' } });
    const text = ui.frame();
    expect(text).toContain('> [ ] 1. Why secrets management matters (new)');
    expect(text).toContain('up/down choose, enter open');
  });

  it('stays usable at 40 columns: nothing wider than the terminal, keys still shown', async () => {
    for (const open of [
      undefined,
      { name: 'lesson', id: 'why-secrets' },
      { name: 'challenge', id: 'approle' },
    ] as const) {
      const ui = await renderApp({ columns: 40, rows: 20, open });
      const lines = plainText(ui.frame()).split('\n');
      for (const line of lines) expect(stringWidth(line)).toBeLessThanOrEqual(40);
      expect(lines.length).toBeLessThanOrEqual(19);
      expect(ui.frame()).toContain('? help');
      cleanup();
    }
  });
});
