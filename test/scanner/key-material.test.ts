import { describe, expect, test } from 'vitest';
import { keyMaterial, KEY_MATERIAL_SHAPES, SECRET_SETTINGS } from '../../src/scanner/corpus/key-material.js';
import { pick } from '../../src/scanner/corpus/random.js';
import { isPlaceholder } from '../../src/scanner/placeholders.js';
import { scanText } from '../../src/scanner/scan-text.js';
import { seeded, TEST_SEED } from '../helpers/seeded.js';

// Random key material under a secret-named key is found whatever letters chance puts together:
// 5,000 seeded draws (the same every run; TEST_SEED=n explores others), 16 to 64 characters.
// A draw that holds a placeholder word (`your`, `fake`, `todo`: about 1 in 10^4 of 40 lowercase
// letters) is a placeholder by design and left out — `bench/scanner/key-material.ts` measures
// both on fresh draws.
const DRAWS = 5_000;

describe(`random key material under a secret-named key (${DRAWS} draws, TEST_SEED=${TEST_SEED})`, () => {
  test.each(KEY_MATERIAL_SHAPES)('%s: every draw is found', (shape) => {
    const missed: string[] = [];
    let placeholders = 0;
    for (let i = 0; i < DRAWS / KEY_MATERIAL_SHAPES.length; i++) {
      const { value: draw, note } = seeded(`key material ${shape}`, i, () => {
        const value = keyMaterial(shape);
        const [file, line] = pick(SECRET_SETTINGS);
        return { value, file, text: line(value) };
      });
      if (isPlaceholder(draw.value)) {
        placeholders++;
        continue;
      }
      const rules = scanText(draw.text, { file: draw.file }).map((f) => f.ruleId);
      if (!rules.includes('secret-assignment')) missed.push(`${draw.file}: ${draw.text} (${note})`);
    }
    expect(missed).toEqual([]);
    expect(placeholders).toBeLessThan(5);
  });

  test('the reported miss, and base36 digits strewn among letters, are found', () => {
    for (const value of ['ctorkvodzeojkz18p7wyc4xiwsobzyiuluygcogy7', 'k2j3h4k5j6h7k8j9h0k1j2h3k4j5h6k7'])
      expect(scanText(`  azure_key: ${value}`, { file: 'ci.yml' }).map((f) => f.ruleId)).toContain('secret-assignment');
  });
});
