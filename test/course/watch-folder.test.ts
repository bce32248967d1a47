import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { watchFolder } from '../../src/course/watch-folder.js';

describe('watchFolder', () => {
  for (const polling of [false, true]) {
    it(`calls back once per burst of saves (${polling ? 'polling' : 'file events'}), ignoring node_modules`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'sw-watch-'));
      mkdirSync(join(dir, 'node_modules'));
      writeFileSync(join(dir, 'app.py'), 'print(1)\n');
      const onChange = vi.fn();
      const watch = watchFolder(dir, onChange, { debounceMs: 50, pollMs: 50, polling });
      expect(watch.mode).toBe(polling ? 'polling' : 'events');
      try {
        await new Promise((resolve) => setTimeout(resolve, 150));
        writeFileSync(join(dir, 'node_modules', 'x.js'), 'x');
        await new Promise((resolve) => setTimeout(resolve, 250));
        expect(onChange).not.toHaveBeenCalled();
        writeFileSync(join(dir, 'app.py'), 'print(2)\n');
        writeFileSync(join(dir, 'app.py'), 'print(3)\n');
        await vi.waitFor(() => expect(onChange).toHaveBeenCalled(), { timeout: 3000 });
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect(onChange).toHaveBeenCalledTimes(1);
      } finally {
        watch.close();
      }
    });
  }

  it('falls back to polling when the folder cannot be watched with events', () => {
    const watch = watchFolder(join(tmpdir(), 'sw-does-not-exist-' + Date.now()), () => undefined);
    expect(watch.mode).toBe('polling');
    watch.close();
  });
});
