import { execFileSync } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkTrackedEnvFiles } from '../../src/grader/source/git-env.js';
import { scanFolder } from '../../src/grader/scanner-port.js';
import { readSourceFiles } from '../../src/grader/source/files.js';
import { findSourceHints } from '../../src/grader/source/hints.js';
import { loadChallenges } from '../../src/course/challenges.js';
import { randomBase62 } from '../../src/util/random.js';
import { programDir } from './helpers.js';

const temps: string[] = [];
afterEach(async () => {
  await Promise.all(temps.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});
async function dir(files: Record<string, string>) {
  const made = await programDir(files);
  temps.push(made);
  return made;
}

describe('source checks', () => {
  it('finds hard-coded secrets by file and line (src/scanner), and not the usual env lookups', async () => {
    const fake = randomBase62(20);
    const made = await dir({
      'app.py': `import os\nrole_id = os.environ["VAULT_ROLE_ID"]\nDB_PASSWORD = "${fake}"\n`,
      'src/config.js': `const url = 'postgres://app:${fake}@db:5432/app';\nconst path = 'secret/data/database/backend';\n`,
      'node_modules/dep/index.js': `const password = "${fake}";\n`,
    });
    const findings = await scanFolder(made);
    expect(findings.map((finding) => `${finding.file}:${finding.line}:${finding.ruleId}`)).toEqual([
      'app.py:3:password-assignment',
      'src/config.js:1:url-credentials',
    ]);
    expect(JSON.stringify(findings)).not.toContain(fake);
  });

  it('finds nothing in the shipped starters and solutions', async () => {
    for (const { summary } of await loadChallenges()) {
      for (const [kind, languages] of [
        ['starter', summary.starters],
        ['solutions', summary.solutions],
      ] as const) {
        for (const language of languages)
          expect(await scanFolder(join(summary.dir, kind, language)), `${summary.id} ${kind} ${language}`).toEqual([]);
      }
    }
  });

  it('spots wrong variable names and fixed Vault addresses in any language', async () => {
    const made = await dir({
      'app.py':
        'import os\nrole = os.environ.get("ROLE_ID")\nsecret = os.getenv("VAULT_SECRET")\naddr = os.environ["VAULT_ADDR"]\n',
      'main.go': 'package main\nvar token = os.Getenv("VAULT_TOKEN")\nvar home = os.Getenv("HOME")\n',
      'main.js': "const client = vault({ endpoint: 'http://127.0.0.1:8200' });\n",
      'app.sh': 'curl "$VAULT_ADDR/v1/x" -d "$APPROLE_ROLE_ID"\necho $HOME\n',
    });
    const hints = findSourceHints(await readSourceFiles(made));
    expect(
      hints.wrongVariables.map((variable) => [variable.name, variable.meant, `${variable.file}:${variable.line}`]),
    ).toEqual([
      ['ROLE_ID', 'VAULT_ROLE_ID', 'app.py:2'],
      ['VAULT_SECRET', 'VAULT_SECRET_ID', 'app.py:3'],
      ['APPROLE_ROLE_ID', 'VAULT_ROLE_ID', 'app.sh:1'],
      ['VAULT_TOKEN', undefined, 'main.go:2'],
    ]);
    expect(hints.fixedAddresses).toEqual([{ text: 'http://127.0.0.1:8200', file: 'main.js', line: 1 }]);
  });

  it('tells a tracked .env from an ignored one and from a template', async () => {
    const made = await dir({
      '.env': 'X=1\n',
      '.env.example': 'X=\n',
      'config/.env.production': 'Y=2\n',
      'app.py': '',
    });
    expect(await checkTrackedEnvFiles(made)).toEqual({ kind: 'not-a-repo' });
    const git = (...args: string[]) => execFileSync('git', args, { cwd: made, stdio: 'ignore' });
    git('init', '-q');
    git('add', 'app.py', '.env.example');
    expect(await checkTrackedEnvFiles(made)).toEqual({ kind: 'repo', tracked: [] });
    git('add', '.env', 'config/.env.production');
    expect(await checkTrackedEnvFiles(made)).toEqual({ kind: 'repo', tracked: ['.env', 'config/.env.production'] });
  });
});
