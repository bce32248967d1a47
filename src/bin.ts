#!/usr/bin/env node
import module from 'node:module';

/**
 * The entry point (`dist/cli.js`, what `npx secrets-workbook` runs). On Node 22.1 and later,
 * V8's compile cache (kept in the system's temp folder) lets later starts skip compiling the
 * bundle's code again; that is why this file loads the CLI itself only after turning it on. On
 * Node 20 the function does not exist and nothing changes.
 */
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();

const { main } = await import('./cli.js');
const { EXIT_USAGE } = await import('./util/errors.js');
main().then(
  (code) => process.exit(code),
  () => process.exit(EXIT_USAGE),
);
