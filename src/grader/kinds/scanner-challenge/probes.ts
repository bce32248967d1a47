import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fillerLine } from '../../../scanner/corpus/decoys.js';
import { secretSnippet } from '../../../scanner/corpus/snippets.js';

/**
 * Two small inputs besides the corpus, to check the exit status alone: one clean config file, and
 * one with a single GitHub token among ordinary lines — the best-known shape (lesson 8's first
 * example, and in every starter), so this probes the exit status, not recall.
 */
export interface Probes {
  clean: string;
  secret: string;
  secretWhat: string;
  /** The secret probe's lines, so its token is hidden like the corpus secrets. */
  secretLines: string[];
}

export async function writeProbes(dir: string): Promise<Probes> {
  const clean = join(dir, 'clean', 'config.yaml');
  const secret = join(dir, 'secret', 'config.env');
  const cleanLines = ['app:', ...Array.from({ length: 6 }, () => fillerLine('yaml'))];
  const secretLines = [
    fillerLine('env'),
    fillerLine('env'),
    ...secretSnippet('github', 'env').lines,
    fillerLine('env'),
  ];
  for (const [file, lines] of [
    [clean, cleanLines],
    [secret, secretLines],
  ] as const) {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, `${lines.join('\n')}\n`);
  }
  return { clean, secret, secretWhat: 'a file with a GitHub token', secretLines };
}
