/**
 * How often random key material under a secret-named key is missed: fresh draws (crypto
 * randomness, a new set every run) of each shape in KEY_MATERIAL_SHAPES, each written as one of
 * SECRET_SETTINGS and scanned. The test suite asserts none is missed over a fixed seed set; this
 * measures the rate on values never seen before.
 *
 *   node scripts/run-ts.mjs bench/scanner/key-material.ts   # KEY_MATERIAL_DRAWS=20000 per shape by default
 */
import { keyMaterial, KEY_MATERIAL_SHAPES, SECRET_SETTINGS } from '../../src/scanner/corpus/key-material.js';
import { pick } from '../../src/scanner/corpus/random.js';
import { isPlaceholder } from '../../src/scanner/placeholders.js';
import { scanText } from '../../src/scanner/scan-text.js';

const draws = Number(process.env.KEY_MATERIAL_DRAWS ?? 20_000);
console.log(`Random key material under a secret-named key: ${draws} fresh draws per shape, 16-64 characters`);
for (const shape of KEY_MATERIAL_SHAPES) {
  let missed = 0;
  let placeholders = 0;
  const examples: string[] = [];
  for (let i = 0; i < draws; i++) {
    const value = keyMaterial(shape);
    const [file, line] = pick(SECRET_SETTINGS);
    if (!scanText(line(value), { file }).some((f) => f.ruleId === 'secret-assignment')) {
      missed++;
      // `your`, `fake`, `todo` inside random letters: a placeholder by design.
      if (isPlaceholder(value)) placeholders++;
      else if (examples.length < 3) examples.push(line(value));
    }
  }
  const rate = ((missed / draws) * 100).toFixed(3);
  console.log(
    `  ${shape.padEnd(16)} missed ${String(missed).padStart(5)} (${rate}%), ${placeholders} of them holding a placeholder word  ${examples.join('  |  ')}`,
  );
}
