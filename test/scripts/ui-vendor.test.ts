import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// dist/ is built before the tests (test/global-setup.ts).
const script = readFileSync(join(import.meta.dirname, '..', '..', 'dist', 'chunks', 'ui-vendor.cjs'), 'utf8');

describe('the first frame script (scripts/ui-vendor.mjs)', () => {
  it('holds the home screen and its app, and reaches the shared modules through the ES modules', () => {
    for (const path of ['src/ui/run.tsx', 'src/ui/app.tsx', 'src/ui/screens/home.tsx'])
      expect(script).toContain(JSON.stringify(path));
    for (const path of [
      'src/util/cleanup.ts',
      'src/util/timing.ts',
      'src/course/progress.ts',
      'src/util/code-cache.ts',
    ])
      expect(script).toContain(`require("secrets-workbook:esm:${path}")`);
  });

  it('imports node:process through one ES module, not one CommonJS copy per importing module', () => {
    // Without it the script required node:process 14 times, each copied into getters (React likewise).
    expect(script).not.toMatch(/require\("(node:)?process"\)/);
  });
});
