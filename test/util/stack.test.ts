import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readableStack } from '../../src/util/stack.js';

describe('readableStack', () => {
  it('turns bundle positions with a source map into source positions and leaves the others', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sw-stack-'));
    const bundle = join(dir, 'cli.js');
    writeFileSync(bundle, 'throw new Error("x");\n');
    // Line 1, column 1 of cli.js comes from line 3, column 5 of ../src/cli.ts.
    writeFileSync(
      `${bundle}.map`,
      JSON.stringify({ version: 3, sources: ['../src/cli.ts'], names: [], mappings: 'AAEI' }),
    );
    const error = new Error('boom');
    error.stack = [
      'Error: boom',
      `    at main (${pathToFileURL(bundle).href}:1:1)`,
      `    at ${bundle}:1:1`,
      `    at other (${join(dir, 'nomap.js')}:7:9)`,
    ].join('\n');
    const source = join(dir, '../src/cli.ts');
    const shown = readableStack(error).split('\n');
    expect(shown[1]).toMatch(/^ {4}at main \((.*)\)$/);
    expect(join(process.cwd(), shown[1]!.replace(/^ {4}at main \((.*)\)$/, '$1'))).toBe(`${source}:3:5`);
    expect(join(process.cwd(), shown[2]!.replace(/^ {4}at /, ''))).toBe(`${source}:3:5`);
    expect(shown[3]).toBe(`    at other (${join(dir, 'nomap.js')}:7:9)`);
  });
});
