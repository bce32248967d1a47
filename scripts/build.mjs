// `npm run build`: one ESM bundle, dist/cli.js (plus lazily loaded chunks in dist/chunks/).
// Why a bundle and not tsc output: on a cold `npx` start the UI's first frame comes much sooner
// (one file instead of hundreds, tree-shaken highlight.js grammars, React's production build) —
// figures in bench/ui-startup.ts and the README. Type checking stays with `npm run typecheck`.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { inkWithoutDevtools, lazySegmenters, stringWidthFastEmoji, yogaWithoutFetch } from './build-plugins.mjs';
import { lazyBuiltins } from './lazy-builtins.mjs';
import { buildUiVendor, checkOneInstance, uiVendorFromScript } from './ui-vendor.mjs';

const root = new URL('..', import.meta.url).pathname;

await rm(new URL('../dist', import.meta.url), { recursive: true, force: true });
const shared = {
  // React and Ink pick their production builds; nothing else in the tree reads NODE_ENV at runtime.
  define: { 'process.env.NODE_ENV': '"production"' },
  // As tsconfig.json says; set here too because the files a plugin resolves or loads itself
  // (scripts/ui-vendor.mjs) do not get tsconfig.json's settings.
  jsx: 'automatic',
  plugins: [yogaWithoutFetch, inkWithoutDevtools, stringWidthFastEmoji(root), lazySegmenters, lazyBuiltins],
  logLevel: 'warning',
};
// Ink, React, Yoga and the first frame's own modules as a classic script that runs with a V8 code
// cache (scripts/ui-vendor.mjs).
const codeCache = './src/util/code-cache.ts';
const uiVendor = await buildUiVendor({ root, outdir: join(root, 'dist'), options: shared, codeCache });
const bundle = await build({
  ...shared,
  absWorkingDir: root,
  metafile: true,
  entryPoints: { cli: 'src/bin.ts' },
  outdir: 'dist',
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minify: true,
  legalComments: 'linked',
  // Maps without the sources: stack traces under SECRETS_WORKBOOK_DEBUG name src/ files and lines
  // (src/util/stack.ts reads them), at a fraction of the size.
  sourcemap: 'linked',
  sourcesContent: false,
  plugins: [uiVendorFromScript(uiVendor, codeCache), ...shared.plugins],
  // CommonJS dependencies inside an ESM bundle still call require() for Node built-ins and read
  // __filename (write-file-atomic names its temp files with it).
  banner: {
    js: [
      "import { createRequire as __swCreateRequire } from 'node:module';",
      "import { fileURLToPath as __swFileURLToPath } from 'node:url';",
      'const require = __swCreateRequire(import.meta.url);',
      'const __filename = __swFileURLToPath(import.meta.url);',
      "const __dirname = __filename.replace(/[\\\\/][^\\\\/]*$/, '');",
    ].join(' '),
  },
});

checkOneInstance(uiVendor, bundle.metafile);

// The shipped course, validated by the real loaders and pre-parsed (src/course/snapshot.ts).
// Inside node_modules so that the script's imports resolve from the package.
const scratch = join(root, 'node_modules', '.cache', 'secrets-workbook-build');
await mkdir(scratch, { recursive: true });
try {
  const script = join(scratch, 'write-course-snapshot.mjs');
  await build({
    absWorkingDir: root,
    entryPoints: ['scripts/write-course-snapshot.ts'],
    outfile: script,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  execFileSync(process.execPath, [script, root], { stdio: ['ignore', 'ignore', 'inherit'], cwd: root });
} finally {
  await rm(scratch, { recursive: true, force: true });
}
