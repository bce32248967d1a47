import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runInThisContext } from 'node:vm';
import { build, transformSync, type Plugin } from 'esbuild';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a build script (JavaScript, no declarations)
import * as lazyBuiltins from '../../scripts/lazy-builtins.mjs';

const {
  patchSignalExit,
  patchTerminalSize,
  lazyBuiltins: plugin,
  PROCESS_NAMED_IMPORTS,
} = lazyBuiltins as {
  lazyBuiltins: Plugin;
  PROCESS_NAMED_IMPORTS: string[];
  patchSignalExit: (source: string) => string;
  patchTerminalSize: (source: string) => string;
};

const root = join(import.meta.dirname, '..', '..');
const nodeRequire = createRequire(import.meta.url);

/** Runs CommonJS source with a require() that records what it was asked for; returns its exports. */
function load(source: string, from = nodeRequire): { exports: unknown; required: string[] } {
  const required: string[] = [];
  const module = { exports: {} as unknown };
  const spy = (name: string): unknown => (required.push(name), from(name));
  runInThisContext(`(function (require, module, exports) {${source}\n})`)(spy, module, module.exports);
  return { exports: module.exports, required };
}

describe('built-ins required on first use (the build patches terminal-size and signal-exit 3)', () => {
  it('terminal-size loads without node:child_process and still asks for it when stdout has no size', () => {
    const source = readFileSync(join(root, 'node_modules', 'terminal-size', 'index.js'), 'utf8');
    const cjs = (text: string) => transformSync(text, { format: 'cjs', platform: 'node', loader: 'js' }).code;
    const original = load(cjs(source));
    const patched = load(cjs(patchTerminalSize(source)));
    expect(original.required).toContain('node:child_process');
    expect(patched.required).not.toContain('node:child_process');
    // Under vitest stdout is not a terminal: the fallback runs `tput`/`resize` or reads /dev/tty.
    const size = (patched.exports as { default: () => { columns: number; rows: number } }).default();
    expect(size).toEqual((original.exports as { default: () => unknown }).default());
    expect(patched.required).toContain('node:child_process');
  });

  it('signal-exit loads and registers a handler without assert, and onExit() without a function fails as before', () => {
    for (const owner of [['ink'], ['restore-cursor']]) {
      const path = join(root, 'node_modules', ...owner, 'node_modules', 'signal-exit', 'index.js');
      const source = readFileSync(path, 'utf8');
      const original = load(source, createRequire(path));
      const patched = load(patchSignalExit(source), createRequire(path));
      expect(original.required).toContain('assert');
      expect(patched.required).not.toContain('assert');
      // Ink registers its handler in the first render: a check that passes loads no assert either.
      const unregister = (patched.exports as (callback: () => void) => () => void)(() => undefined);
      unregister();
      expect(patched.required).not.toContain('assert');
      const message = (run: { exports: unknown }) => {
        try {
          (run.exports as (callback: unknown) => void)('not a function');
        } catch (error) {
          return `${(error as Error).name}: ${(error as Error).message}`;
        }
        return 'no error';
      };
      expect(message(patched)).toBe(message(original));
      expect(message(patched)).toMatch(/AssertionError.*callback must be provided/);
      expect(patched.required).toContain('assert');
    }
  });

  it('fails the build when either dependency no longer looks as expected', () => {
    expect(() => patchTerminalSize("import {execFileSync, execFile} from 'node:child_process';")).toThrow(
      /no longer imports execFileSync/,
    );
    expect(() => patchSignalExit("var assert = require('assert')\nassert.ok(x)")).toThrow(/assert\.equal/);
  });

  it("bundles an ES module's imports of node:process as the global, named imports as its values", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sw-global-process-'));
    try {
      const names = PROCESS_NAMED_IMPORTS.join(', ');
      writeFileSync(
        join(dir, 'entry.mjs'),
        [
          `import process, { ${names} } from 'node:process';`,
          `import again from 'process';`,
          `export default { process, again, named: { ${names} } };`,
        ].join('\n'),
      );
      const outfile = join(dir, 'out.mjs');
      await build({
        entryPoints: [join(dir, 'entry.mjs')],
        outfile,
        bundle: true,
        platform: 'node',
        format: 'esm',
        plugins: [plugin],
        logLevel: 'silent',
      });
      const output = readFileSync(outfile, 'utf8');
      expect(output).not.toMatch(/from\s*["'](node:)?process["']/);
      const bundled = (await import(pathToFileURL(outfile).href)) as {
        default: { process: unknown; again: unknown; named: Record<string, unknown> };
      };
      expect(bundled.default.process).toBe(process);
      expect(bundled.default.again).toBe(process);
      const nodeNamespace = (await import('node:process')) as unknown as Record<string, unknown>;
      for (const name of PROCESS_NAMED_IMPORTS) expect(bundled.default.named[name]).toBe(nodeNamespace[name]);
      // A name the build does not provide fails it rather than reading undefined.
      writeFileSync(join(dir, 'entry.mjs'), `import { report } from 'node:process';\nconsole.log(report);`);
      await expect(
        build({
          entryPoints: [join(dir, 'entry.mjs')],
          write: false,
          bundle: true,
          platform: 'node',
          format: 'esm',
          plugins: [plugin],
          logLevel: 'silent',
        }),
      ).rejects.toThrow(/No matching export/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
