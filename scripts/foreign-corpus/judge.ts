import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ensureGitleaks, runGitleaks, runSecretlint } from '../../bench/scanner/baselines.js';

interface Judged {
  source: string;
  label: 'secret' | 'benign';
  name: string;
  text: string;
}

/**
 * gitleaks' false positives and secretlint's `ok` snapshots are negatives *of one rule*: an
 * Anthropic admin key is a false positive of the API-key rule, a database URL an `ok` case of the
 * basic-auth rule. They are benign only if the project as a whole agrees: an example its own
 * full default rule set reports is dropped (gitleaks through its release binary, secretlint
 * through its recommended preset). Returns the examples to drop.
 */
export async function perRuleNegatives<T extends Judged>(examples: readonly T[], work: string): Promise<Set<T>> {
  const dropped = new Set<T>();
  const gitleaks = examples.filter((e) => e.source === 'gitleaks' && e.label === 'benign');
  const dir = join(work, 'judge-gitleaks');
  for (const [i, example] of gitleaks.entries()) {
    await mkdir(join(dir, String(i)), { recursive: true });
    await writeFile(join(dir, String(i), example.name), example.text);
  }
  const flagged = new Set((await runGitleaks(await ensureGitleaks(), dir)).map((f) => Number(f.file.split('/')[0])));
  gitleaks.forEach((example, i) => flagged.has(i) && dropped.add(example));

  const secretlint = examples.filter((e) => e.source === 'secretlint' && e.label === 'benign');
  const sdir = join(work, 'judge-secretlint');
  const files = [];
  for (const [i, example] of secretlint.entries()) {
    await mkdir(join(sdir, String(i)), { recursive: true });
    await writeFile(join(sdir, String(i), example.name), example.text);
    files.push({ path: join(sdir, String(i), example.name), display: String(i) });
  }
  const reported = new Set((await runSecretlint(files)).map((f) => Number(f.file)));
  secretlint.forEach((example, i) => reported.has(i) && dropped.add(example));
  return dropped;
}
