import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { execa } from 'execa';

/**
 * The repository the leak happened in, made fresh for every grade: a small payments service whose
 * second commit added `file` with the key in it, then a tag on that commit, a feature branch
 * built on it and one more commit on main — so the key is reachable from two branches and a tag,
 * and the file is still there at main's tip. Git has been used in it (a reflog, loose objects):
 * it is a working clone, not a fresh one.
 *
 * What must survive the clean-up is recorded: every branch and tag, and the other files at each
 * branch's tip, so that deleting the repository, or starting a new history, is not an answer.
 */
export interface LeakRepoSpec {
  file: string;
  variable: string;
  value: string;
}

export interface KeptFile {
  ref: string;
  path: string;
  content: string;
}

export interface LeakRepo {
  dir: string;
  /** Every ref the repository starts with (`refs/heads/main`, `refs/tags/v0.1`, …). */
  refs: string[];
  kept: KeptFile[];
}

const IDENTITY = {
  GIT_AUTHOR_NAME: 'Dana Developer',
  GIT_AUTHOR_EMAIL: 'dana@payments.example',
  GIT_COMMITTER_NAME: 'Dana Developer',
  GIT_COMMITTER_EMAIL: 'dana@payments.example',
};

const README = "# payments-service\n\nTakes payments through the provider's API.\n";
const APP = ['import os', '', '', 'def api_key():', '    return os.environ["PAYMENTS_API_KEY"]', ''].join('\n');
const APP_WITH_HEALTH = `${APP}\n\ndef health():\n    return "ok"\n`;
const REFUNDS = 'def refund(payment_id):\n    return {"refunded": payment_id}\n';

export async function makeLeakRepo(dir: string, spec: LeakRepoSpec): Promise<LeakRepo> {
  await mkdir(dir, { recursive: true });
  const git = (...args: string[]) =>
    execa('git', args, { cwd: dir, env: IDENTITY, stdin: 'ignore', timeout: 30_000 }).then((result) => result.stdout);
  const put = async (path: string, content: string) => {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  };
  await git('init', '-q', '-b', 'main');
  // For commits the learner's program makes here (the grade's environment has no global identity).
  await git('config', 'user.name', IDENTITY.GIT_AUTHOR_NAME);
  await git('config', 'user.email', IDENTITY.GIT_AUTHOR_EMAIL);
  await put('README.md', README);
  await put('app.py', APP);
  await git('add', '.');
  await git('commit', '-q', '-m', 'Payments service skeleton');
  await put(spec.file, `${spec.variable}=${spec.value}\nPAYMENTS_URL=https://api.payments.example\n`);
  await git('add', '.');
  await git('commit', '-q', '-m', 'Configure the payments provider for local testing');
  await git('tag', '-a', 'v0.1', '-m', 'First release');
  await git('checkout', '-q', '-b', 'feature/refunds');
  await put('refunds.py', REFUNDS);
  await git('add', '.');
  await git('commit', '-q', '-m', 'Refunds');
  await git('checkout', '-q', 'main');
  await put('app.py', APP_WITH_HEALTH);
  await git('commit', '-q', '-am', 'Health check');
  const refs = (await git('for-each-ref', '--format=%(refname)')).split('\n').filter(Boolean);
  return {
    dir,
    refs,
    kept: [
      { ref: 'refs/heads/main', path: 'README.md', content: README },
      { ref: 'refs/heads/main', path: 'app.py', content: APP_WITH_HEALTH },
      { ref: 'refs/heads/feature/refunds', path: 'refunds.py', content: REFUNDS },
    ],
  };
}
