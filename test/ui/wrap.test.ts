import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import wrapAnsi from 'wrap-ansi';
import { fitsAsIs, wrapLines } from '../../src/ui/lines/wrap.js';

// Words, spaces, styles and links, wide and combining characters: what wrap-ansi treats specially.
const piece = fc.constantFrom(
  'enter',
  'open',
  '·',
  '↑↓',
  ' ',
  '  ',
  '\u001B[90m',
  '\u001B[39m',
  '\u001B[1m',
  '\u001B[22m',
  '\u001B]8;;https://example.test\u0007',
  '\u001B]8;;\u0007',
  '日本語',
  'e\u0301',
  '👍🏽',
  '\t',
  '\n',
);

describe('wrapLines', () => {
  it('takes the shortcut only where wrap-ansi would return the text unchanged', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), fc.integer({ min: 10, max: 60 }), (pieces, columns) => {
        const text = pieces.join('');
        if (fitsAsIs(text, columns)) expect(wrapAnsi(text, columns, { hard: true })).toBe(text);
        expect(wrapLines(text, columns)).toEqual(wrapAnsi(text, columns, { hard: true }).split('\n'));
      }),
      { numRuns: 3000 },
    );
  });

  it('wraps what does not fit, and indents every line', () => {
    expect(fitsAsIs('a'.repeat(11), 10)).toBe(false);
    expect(wrapLines('aaaa bbbb cccc', 12, '  ')).toEqual(['  aaaa bbbb', '  cccc']);
  });
});
