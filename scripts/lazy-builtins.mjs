// An esbuild plugin of `npm run build` (scripts/build.mjs): two of Ink's dependencies load a Node
// built-in at import that only a rare path uses, and each built-in costs 1.5–4 ms of CPU before the
// first frame. They are required on first use instead; the build fails when a dependency no longer
// looks as expected, so an upgrade cannot silently undo the patch.
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
 * was given a function.
 */
export function patchSignalExit(source, path = 'signal-exit') {
  const requireLine = "var assert = require('assert')";
  const uses = source.match(/assert\.\w+/g) ?? [];
  if (source.split(requireLine).length !== 2 || uses.length === 0 || uses.some((use) => use !== 'assert.equal'))
    throw new Error(`lazy-builtins: ${path} no longer requires assert once for assert.equal`);
  return source.replace(
    requireLine,
    "var assert = { equal: function () { var real = require('assert'); return real.equal.apply(real, arguments) } }",
  );
}

export const lazyBuiltins = {
  name: 'lazy-builtins',
  setup(build) {
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
