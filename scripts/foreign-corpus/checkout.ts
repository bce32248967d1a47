// The files of another project at a pinned commit, without a working copy: a blobless bare clone
// (or a clone the caller already has, given with --repo) and `git archive` of just the paths asked.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';

export interface PinnedSource {
  repo: string;
  commit: string;
}

/**
 * Extracts `paths` of `source` at its commit into `out` (created) and returns `out`. `given` is a
 * local clone (bare, or a working copy whose `.git` is used); without it the project is cloned into
 * `scratch`.
 */
export async function checkoutAt(
  source: PinnedSource,
  paths: string[],
  out: string,
  { given, scratch }: { given?: string; scratch: string },
): Promise<string> {
  let gitDir = given && existsSync(join(given, '.git')) ? join(given, '.git') : given;
  if (!gitDir) {
    gitDir = join(scratch, `${source.repo.replace('/', '+')}.git`);
    await execa('git', [
      'clone',
      '--quiet',
      '--bare',
      '--filter=blob:none',
      `https://github.com/${source.repo}`,
      gitDir,
    ]);
  }
  await mkdir(out, { recursive: true });
  const archive = await execa('git', ['--git-dir', gitDir, 'archive', source.commit, ...paths], { encoding: 'buffer' });
  await execa('tar', ['-x', '-C', out], { input: archive.stdout });
  return out;
}
