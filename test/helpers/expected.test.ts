import { afterEach, describe, expect, it, vi } from 'vitest';

/** expected.ts reads the environment once, at import: each case imports a fresh copy. */
async function expectedWith(env: Record<string, string>) {
  vi.resetModules();
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  return import('./expected.js');
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('what a machine is expected to have (test/helpers/expected.ts)', () => {
  it('a missing tmux fails where it is expected, and is skipped with the reason elsewhere', async () => {
    const ci = await expectedWith({ SECRETS_WORKBOOK_EXPECT_TMUX: '1' });
    expect(() => ci.usable('tmux', false, 'no tmux on the PATH')).toThrow(
      'tmux is expected on this machine (SECRETS_WORKBOOK_EXPECT_TMUX) but cannot be used: no tmux on the PATH',
    );
    expect(ci.usable('tmux', true, '')).toBe(true);
    const laptop = await expectedWith({ SECRETS_WORKBOOK_EXPECT_TMUX: '0' });
    const info = vi.spyOn(console, 'info').mockImplementation(() => undefined);
    expect(laptop.usable('tmux', false, 'no tmux on the PATH')).toBe(false);
    expect(info).toHaveBeenCalledWith('tmux is not available here, its tests are skipped: no tmux on the PATH');
    info.mockRestore();
  });

  it('a provider and Go keep their own variables', async () => {
    const ci = await expectedWith({
      SECRETS_WORKBOOK_EXPECT_PROVIDERS: 'docker binary',
      SECRETS_WORKBOOK_EXPECT_GO: '1',
    });
    expect(() => ci.usable('docker', false, 'no engine')).toThrow(/SECRETS_WORKBOOK_EXPECT_PROVIDERS/);
    expect(() => ci.usable('go', false, 'no go')).toThrow(/SECRETS_WORKBOOK_EXPECT_GO/);
  });
});
