import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadChallenge } from '../../src/course/challenges.js';
import { LEAK_CHECK_IDS } from '../../src/course/leak-challenge-schema.js';
import { isLeakChallenge } from '../../src/course/scanner-challenge-schema.js';
import { gradeChallenge } from '../../src/grader/index.js';
import type { GradeEvent, GradeReport } from '../../src/grader/report.js';
import { availableProviders, failedIds, hasGo, programDir } from './helpers.js';

/**
 * The leak-response challenge on every provider: every reference solution passes, every starter
 * fails exactly what its README says, and each half-answer a learner is likely to give fails for
 * its own reason — deleting the file in a new commit, rewriting history without rotating,
 * rotating after the rewrite, a new version without destroying the leaked one, git filter-branch
 * (refs/original and the reflog keep the key), starting a new history, leaving the replacements
 * file in the repository, printing the new key.
 */
const providers = await availableProviders();
const { summary, definition } = await loadChallenge('leak-response');
if (!isLeakChallenge(definition)) throw new Error('leak-response is kind: leak');
const made: string[] = [];
afterAll(async () => {
  await Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A shell program (vault CLI: `bao` here), in a folder of its own. */
const PREAMBLE = `set -eu
if command -v vault >/dev/null 2>&1; then vault=vault; else vault=bao; fi
s=secret/leak/payments
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
`;
const ROTATE = `"$vault" kv get -field=api_key $s > "$work/leaked"
"$vault" kv put $s api_key="pay_$(openssl rand -hex 24)" >/dev/null
`;
const DESTROY = `"$vault" kv destroy -versions=1 $s >/dev/null
`;
const REWRITE = `printf 'literal:%s==>***REMOVED***\\n' "$(cat "$work/leaked")" > "$work/r"
(cd "$LEAK_REPO" && git filter-repo --force --replace-text "$work/r" >/dev/null 2>&1)
`;
const HOOK = `(cd "$LEAK_REPO" && secrets-workbook hook install)
`;

async function gradeScript(provider: string, script: string, events?: GradeEvent[]): Promise<GradeReport> {
  const dir = await programDir({ 'main.sh': PREAMBLE + script });
  made.push(dir);
  return gradeChallenge({
    challengeId: 'leak-response',
    dir,
    vault: provider as 'binary',
    timeoutSeconds: 60,
    onEvent: (event) => events?.push(event),
  });
}

const HOSTILE: Array<[string, string, string[]]> = [
  [
    'deleting the file in a new commit',
    ROTATE + DESTROY + `(cd "$LEAK_REPO" && git rm -q config/payments.env && git commit -qm "Remove the key")\n` + HOOK,
    ['rotated-first', 'history-clean', 'objects-clean'],
  ],
  [
    'rewriting history without rotating',
    `"$vault" kv get -field=api_key $s > "$work/leaked"\n` + REWRITE + HOOK,
    ['rotated', 'leaked-version-destroyed', 'rotated-first'],
  ],
  [
    'rotating after the rewrite',
    `"$vault" kv get -field=api_key $s > "$work/leaked"\n` +
      REWRITE +
      `sleep 0.2\n"$vault" kv put $s api_key="pay_$(openssl rand -hex 24)" >/dev/null\n` +
      DESTROY +
      HOOK,
    ['rotated-first'],
  ],
  ['a new version, the leaked one left readable', ROTATE + REWRITE + HOOK, ['leaked-version-destroyed']],
  [
    'a soft delete instead of destroy',
    ROTATE + `"$vault" kv delete -versions=1 $s >/dev/null\n` + REWRITE + HOOK,
    ['leaked-version-destroyed'],
  ],
  [
    'git filter-branch (refs/original and the reflog keep the key)',
    ROTATE +
      DESTROY +
      `(cd "$LEAK_REPO" && FILTER_BRANCH_SQUELCH_WARNING=1 git filter-branch -f --index-filter 'git rm -q --cached --ignore-unmatch config/payments.env' --tag-name-filter cat -- --all >/dev/null 2>&1)\n` +
      HOOK,
    ['rotated-first', 'history-clean', 'objects-clean'],
  ],
  [
    'a new history instead of the old one',
    ROTATE +
      DESTROY +
      `(cd "$LEAK_REPO" && rm -rf .git config && git init -q -b main && git add . && git -c user.name=x -c user.email=x@x commit -qm fresh)\n` +
      HOOK,
    ['rotated-first', 'history-kept'],
  ],
  [
    'the replacements file left in the repository',
    ROTATE + DESTROY + REWRITE + `cp "$work/r" "$LEAK_REPO/replacements.txt"\n` + HOOK,
    ['worktree-clean'],
  ],
  ['printing the new key', ROTATE + DESTROY + REWRITE + HOOK + `"$vault" kv get -field=api_key $s\n`, ['no-leak']],
  ['no hook', ROTATE + DESTROY + REWRITE, ['hook-installed']],
];

describe.skipIf(providers.length === 0)('leak-response challenge', () => {
  it('plans every check the schema names, in the order of the job', async () => {
    const report = await gradeScript(providers[0]!, 'exit 0\n');
    expect(report.checks.map((check) => check.id)).toEqual([...LEAK_CHECK_IDS]);
  });

  for (const provider of providers) {
    for (const language of summary.solutions) {
      (language === 'go' && !hasGo ? it.skip : it.concurrent)(
        `${provider}: the ${language} solution passes`,
        async () => {
          const events: GradeEvent[] = [];
          const report = await gradeChallenge({
            challengeId: 'leak-response',
            dir: join(summary.dir, 'solutions', language),
            vault: provider,
            timeoutSeconds: 90,
            onEvent: (event) => events.push(event),
          });
          const failed = report.checks.filter((check) => !check.passed);
          expect(failed, JSON.stringify(failed, null, 2)).toEqual([]);
          expect(report.vault).toBe(provider);
          const shown = events.flatMap((event) => (event.type === 'program-output' ? [event.line] : []));
          expect(shown.join('\n')).toContain('rotated');
        },
      );
    }
    for (const language of summary.starters) {
      (language === 'go' && !hasGo ? it.skip : it.concurrent)(
        `${provider}: the ${language} starter fails exactly ${definition.starter.failing.join(', ')}`,
        async () => {
          const report = await gradeChallenge({
            challengeId: 'leak-response',
            dir: join(summary.dir, 'starter', language),
            vault: provider,
            timeoutSeconds: 90,
          });
          expect(failedIds(report)).toEqual([...definition.starter.failing].sort());
          for (const check of report.checks.filter((check) => !check.passed)) expect(check.hint).not.toBe('');
        },
      );
    }
    for (const [name, script, failing] of HOSTILE) {
      it.concurrent(`${provider}: ${name} fails ${failing.join(', ')}`, async () => {
        const report = await gradeScript(provider, script);
        expect(failedIds(report), JSON.stringify(report.checks, null, 2)).toEqual([...failing].sort());
      });
    }
  }
});
