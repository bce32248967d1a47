import { execa } from 'execa';

/** Whether a learner's folder, when it is a git repository, tracks a `.env` file. */
export type EnvFileCheck = { kind: 'no-git' } | { kind: 'not-a-repo' } | { kind: 'repo'; tracked: string[] };

/** `.env`, `.env.local`, `config/.env.production` — but not the templates meant to be committed. */
const ENV_FILE = /(^|\/)\.env(\.[^/]+)?$/;
const TEMPLATE = /\.(example|sample|template|dist|defaults)$/;

export async function checkTrackedEnvFiles(dir: string): Promise<EnvFileCheck> {
  const inside = await execa('git', ['rev-parse', '--is-inside-work-tree'], {
    cwd: dir,
    reject: false,
    stdin: 'ignore',
    timeout: 10_000,
  });
  if ((inside as { code?: string }).code === 'ENOENT') return { kind: 'no-git' };
  if (inside.exitCode !== 0 || inside.stdout.trim() !== 'true') return { kind: 'not-a-repo' };
  const listed = await execa('git', ['ls-files', '-z'], { cwd: dir, reject: false, stdin: 'ignore', timeout: 10_000 });
  const tracked = listed.stdout.split('\0').filter((file) => ENV_FILE.test(file) && !TEMPLATE.test(file));
  return { kind: 'repo', tracked };
}
