// Run a TypeScript script (benchmarks) without a build step: vite's module runner (already here
// through vitest) transforms the TS on the fly; dependencies load from node_modules as usual.
import { runnerImport } from 'vite';

const [script] = process.argv.slice(2);
if (!script) {
  process.stderr.write('usage: node scripts/run-ts.mjs <file.ts>\n');
  process.exit(2);
}
await runnerImport(script);
