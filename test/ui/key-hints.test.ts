import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { keyHintLines, keyName, type KeyHint } from '../../src/ui/components/layout.js';
import { CHALLENGE_KEYS } from '../../src/ui/screens/challenge.js';
import { HOME_KEYS } from '../../src/ui/screens/home.js';
import { LESSON_KEYS } from '../../src/ui/screens/lesson.js';
import { PLAYGROUND_KEYS } from '../../src/ui/screens/playground.js';
import { chrome, createTheme } from '../../src/ui/theme.js';

describe('key hints', () => {
  // At 60 columns the lesson's hints used to break inside "? help": "?" ended one line, "help" began the next.
  it.each([
    ['home', HOME_KEYS],
    ['lesson', LESSON_KEYS],
    ['challenge', CHALLENGE_KEYS],
    ['playground', PLAYGROUND_KEYS],
  ] as Array<[string, KeyHint[]]>)(
    '%s: wrap between hints, never inside one, at every width from 40 to 120',
    (_, keys) => {
      for (const plain of [false, true]) {
        const theme = createTheme({ plain, env: { NO_COLOR: '1' } });
        const separator = plain ? ', ' : ' · ';
        const whole = keys.map(([key, label]) => `${keyName(theme, key)} ${chrome(theme, label)}`);
        for (let width = 40; width <= 120; width += 1) {
          const lines = keyHintLines(keys, width, theme);
          for (const line of lines) expect(stringWidth(line)).toBeLessThanOrEqual(width);
          expect(lines.flatMap((line) => line.split(separator))).toEqual(whole);
        }
      }
    },
  );

  it('one line when it fits', () => {
    const theme = createTheme({ env: { NO_COLOR: '1' } });
    expect(keyHintLines(PLAYGROUND_KEYS, 100, theme)).toEqual(['s start · x stop · ? help · q back']);
  });
});
