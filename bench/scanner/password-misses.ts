/**
 * How often `scan` misses a random password, per way of writing it down: seeded draws of the
 * corpus's password generator, each in the password forms of the generated corpus, scanned one
 * line at a time. Prints misses per 100,000 draws, and with --baseline <checkout> the same figures
 * for another checkout of this repository side by side (e.g. a worktree of main, to compare a fix).
 *
 *   node scripts/run-ts.mjs bench/scanner/password-misses.ts [draws] [--baseline ../main]
 */
import { resolve } from 'node:path';
import { withSeed } from '../../src/scanner/corpus/random.js';
import { password } from '../../src/scanner/corpus/values.js';
import type { Finding } from '../../src/scanner/types.js';

type ScanText = (text: string, options: { file?: string }) => Finding[];

const FORMS: Array<[name: string, file: string, write: (value: string) => string]> = [
  ['yaml plain', 'a.yml', (v) => `  password: ${v}`],
  ['yaml quoted', 'a.yml', (v) => `      MYSQL_ROOT_PASSWORD: "${v}"`],
  ['env', '.env', (v) => `DB_PASSWORD=${v}`],
  ['json', 'a.json', (v) => `"password": "${v}"`],
  ['python', 'a.py', (v) => `DATABASE_PASSWORD = '${v}'`],
  ['properties', 'a.properties', (v) => `spring.datasource.password=${v}`],
  ['go', 'a.go', (v) => `var dbPassword = "${v}"`],
  ['js', 'a.js', (v) => `const adminPassword = "${v}";`],
];

const args = process.argv.slice(2);
const baselineAt = args.indexOf('--baseline');
const baselineDir = baselineAt === -1 ? undefined : args[baselineAt + 1];
const draws = Number(args.find((a, i) => /^\d+$/.test(a) && i !== baselineAt + 1) ?? 300_000);
const SEED = 20261203;

async function scannerOf(root: string): Promise<ScanText> {
  const module = (await import(/* @vite-ignore */ resolve(root, 'src/scanner/scan-text.ts'))) as { scanText: ScanText };
  return module.scanText;
}

function missesPerForm(scanText: ScanText): { misses: number[]; examples: string[][] } {
  const misses = FORMS.map(() => 0);
  const examples: string[][] = FORMS.map(() => []);
  for (let draw = 0; draw < draws; draw++) {
    const value = withSeed(SEED + draw, password);
    FORMS.forEach(([, file, write], i) => {
      const line = write(value);
      const start = line.indexOf(value);
      const found = scanText(line, { file }).some((f) => f.column - 1 >= start && f.column - 1 < start + value.length);
      if (found) return;
      misses[i]!++;
      // The first few missed shapes (character classes only, never the value itself).
      if (examples[i]!.length < 3)
        examples[i]!.push(value.replace(/[a-z]/g, 'a').replace(/[A-Z]/g, 'A').replace(/\d/g, '9'));
    });
  }
  return { misses, examples };
}

const per = (n: number) => ((n / draws) * 1e5).toFixed(1).padStart(8);
const current = missesPerForm(await scannerOf(resolve(import.meta.dirname, '../..')));
const baseline = baselineDir ? missesPerForm(await scannerOf(resolve(baselineDir))) : undefined;
console.log(`${draws} seeded draws; misses per 100,000`);
console.log(
  `${'form'.padEnd(12)} ${baseline ? 'baseline'.padStart(8) + ' ' : ''}${'this tree'.padStart(9)}  missed shapes`,
);
FORMS.forEach(([name], i) => {
  const before = baseline ? `${per(baseline.misses[i]!)} ` : '';
  const shapes = [...(baseline?.examples[i] ?? []), ...current.examples[i]!].join(' ');
  console.log(`${name.padEnd(12)} ${before}${per(current.misses[i]!).padStart(9)}  ${shapes}`);
});
