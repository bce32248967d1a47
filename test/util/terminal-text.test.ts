import { describe, expect, it } from 'vitest';
import { oneLine, unpackMultiError } from '../../src/util/errors.js';
import { hasControlCharacters, safeLines, safeText } from '../../src/util/terminal-text.js';

describe('terminal text', () => {
  it('shows every control character, C1 and bidi override as a visible escape', () => {
    expect(safeText('a\u001b]0;t\u0007b')).toBe('a\\u001b]0;t\\u0007b');
    expect(safeText('\u009b31m\u202eX\u007f')).toBe('\\u009b31m\\u202eX\\u007f');
    expect(safeText('two\nlines')).toBe('two\\u000alines');
    expect(safeLines('two\nlines\r')).toBe('two\nlines\\u000d');
    expect(safeText('Zoë, 日本, emoji 🎉')).toBe('Zoë, 日本, emoji 🎉');
    expect(hasControlCharacters('plain text')).toBe(false);
    expect(hasControlCharacters('x\u001b[2J')).toBe(true);
  });

  it("one-line errors: Vault's multierror keeps its message, escapes are defused", () => {
    expect(unpackMultiError('1 error occurred:\n\t* permission denied\n\n')).toBe('permission denied');
    expect(unpackMultiError('2 errors occurred:\n\t* a\n\t* b\n\n')).toBe('a; b');
    expect(oneLine(new Error('provisioning stopped: 1 error occurred:\n\t* permission denied\n\n'))).toBe(
      'provisioning stopped: permission denied',
    );
    expect(oneLine(new Error('bad \u001b]52;c;ZXZpbA==\u0007 thing\nsecond line'))).toBe(
      'bad \\u001b]52;c;ZXZpbA==\\u0007 thing',
    );
  });
});
