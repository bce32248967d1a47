// An esbuild plugin of `npm run build` (scripts/build.mjs): two of Ink's dependencies load a Node
// built-in at import that only a rare path uses, and each built-in costs 1.5–4 ms of CPU before the
// first frame. They are required on first use instead (for a check, only when it fails); the build
// fails when a dependency no longer looks as expected, so an upgrade cannot silently undo the patch.
// ES modules' imports of node:process read the global instead (see globalProcessSource).
import { readFile } from 'node:fs/promises';

/**
 * terminal-size (Ink's fallback when stdout has no size, e.g. piped) imports node:child_process to
 * ask `tput`/`resize`; a terminal reports its size itself, so the home screen never needs it.
 */
export function patchTerminalSize(source, path = 'terminal-size') {
  const importLine = "import {execFileSync} from 'node:child_process';";
  if (source.split(importLine).length !== 2) throw new Error(`lazy-builtins: ${path} no longer imports execFileSync`);
  return source.replace(
    importLine,
    "const execFileSync = (...arguments__) => require('node:child_process').execFileSync(...arguments__);",
  );
}

/**
 * signal-exit 3 (Ink's and restore-cursor's) requires node:assert for one check, that onExit()
 * was given a function. Ink calls onExit() in its first render, so a check that passes is made
 * here (assert.equal's `==`) and only a failing one loads node:assert, which throws as before.
 */
export function patchSignalExit(source, path = 'signal-exit') {
  const requireLine = "var assert = require('assert')";
  const uses = source.match(/assert\.\w+/g) ?? [];
  if (source.split(requireLine).length !== 2 || uses.length === 0 || uses.some((use) => use !== 'assert.equal'))
    throw new Error(`lazy-builtins: ${path} no longer requires assert once for assert.equal`);
  return source.replace(
    requireLine,
    "var assert = { equal: function (actual, expected) { if (actual == expected) return; var real = require('assert'); return real.equal.apply(real, arguments) } }",
  );
}

/**
 * `import process from 'node:process'` in an ES module (env-paths, chalk's supports-color, execa)
 * makes Node build the built-in's module namespace from every property of `process`, which runs
 * its lazy getters (process.report, allowedNodeEnvironmentFlags, …): about 2 ms before the first
 * frame. The bundle reads the global instead, and each named import is the property's value at
 * load, as Node's namespace gives it. A name not listed here fails the build (esbuild: "No
 * matching export").
 */
export const PROCESS_NAMED_IMPORTS = ['cwd', 'env', 'execArgv', 'execPath', 'hrtime', 'platform'];
export const globalProcessSource = [
  'const process = globalThis.process;',
  'export default process;',
  ...PROCESS_NAMED_IMPORTS.map((name) => `export const ${name} = process.${name};`),
].join('\n');

export const lazyBuiltins = {
  name: 'lazy-builtins',
  setup(build) {
    build.onResolve({ filter: /^(node:)?process$/ }, (args) =>
      args.kind === 'import-statement' ? { path: 'process', namespace: 'global-process' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'global-process' }, () => ({
      contents: globalProcessSource,
      loader: 'js',
    }));
    build.onLoad({ filter: /[\\/]terminal-size[\\/]index\.js$/ }, async (args) => ({
      contents: patchTerminalSize(await readFile(args.path, 'utf8'), args.path),
      loader: 'js',
    }));
    build.onLoad({ filter: /[\\/]signal-exit[\\/]index\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      // signal-exit 4 (an ES module without assert) is left as it is.
      return source.includes("require('assert')")
        ? { contents: patchSignalExit(source, args.path), loader: 'js' }
        : undefined;
    });
  },
};
