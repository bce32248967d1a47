import type { LeakChallengeDefinition, LeakCheckId } from '../../../course/leak-challenge-schema.js';
import { looksRandom } from '../../../scanner/entropy.js';
import type { PlannedCheck, Verdict } from '../../planned-checks.js';
import type { LeakFinding } from '../../scanner-port.js';
import type { RepoState, VaultState } from './leak-evidence.js';

/**
 * The leak-response grade's checks. The order is the order of the job: rotate (and make the
 * leaked version unrecoverable) before anything else, because the moment a key is public it is
 * someone else's; then the history, which only limits how far the leak spreads from here; then
 * the hook, so it does not happen again.
 */
export function leakPlan(definition: LeakChallengeDefinition): PlannedCheck[] {
  const secret = `${definition.mount}/${definition.leak.path}`;
  const titles: Record<LeakCheckId, string> = {
    exit: 'Exits with status 0',
    rotated: `Rotates the key: ${secret} has a new version with a new, generated ${definition.leak.field}`,
    'leaked-version-destroyed': 'Destroys the leaked version, so Vault can no longer give the leaked key back',
    'rotated-first': 'Rotates before rewriting history',
    'history-clean': 'No commit reachable from a branch, tag or reflog holds the key any more',
    'objects-clean': 'No object left in the repository holds it, not even an unreachable one',
    'history-kept': 'Keeps every branch, tag and the rest of the code',
    'worktree-clean': 'Leaves no file holding the old or the new key, in the repository or in your folder',
    'hook-installed': 'Installs a pre-commit hook that refuses a commit with a key in it',
    'no-leak': 'Prints neither the old nor the new key',
  };
  return Object.entries(titles).map(([id, title]) => ({ id, title }));
}

export interface LeakEvidence {
  definition: LeakChallengeDefinition;
  leaked: string;
  /** The version the grader wrote (and the program must destroy). */
  leakedVersion: number;
  vault: VaultState;
  repo: RepoState;
  leaks: LeakFinding[];
  /** It printed more than the grader keeps, so not all of it could be checked. */
  overflow: boolean;
  exit: Verdict;
}

export function leakVerdicts(evidence: LeakEvidence): Map<string, Verdict> {
  return new Map<LeakCheckId, Verdict>([
    ['exit', evidence.exit],
    ['rotated', rotated(evidence)],
    ['leaked-version-destroyed', destroyed(evidence)],
    ['rotated-first', rotatedFirst(evidence)],
    ['history-clean', historyClean(evidence)],
    ['objects-clean', objectsClean(evidence)],
    ['history-kept', historyKept(evidence)],
    ['worktree-clean', worktreeClean(evidence)],
    ['hook-installed', hookInstalled(evidence)],
    ['no-leak', noLeak(evidence)],
  ]);
}

function rotated({ vault, leakedVersion, definition }: LeakEvidence): Verdict {
  const secret = `${definition.mount}/${definition.leak.path}`;
  if (vault.error)
    return [
      false,
      `could not read ${secret}: ${vault.error}`,
      'Did it delete the whole secret? Rotating means writing a new version.',
    ];
  if (vault.currentVersion <= leakedVersion)
    return [
      false,
      `${secret} is still at version ${vault.currentVersion}, the leaked one`,
      `Write a new, generated ${definition.leak.field} first: POST ${definition.mount}/data/${definition.leak.path} with {"data": {...}}. ` +
        `hvac: client.secrets.kv.v2.create_or_update_secret(path="${definition.leak.path}", secret={...}, mount_point="${definition.mount}"); ` +
        `node-vault: vault.write("${definition.mount}/data/${definition.leak.path}", { data: {...} }); ` +
        `Go: client.KVv2("${definition.mount}").Put(ctx, "${definition.leak.path}", map[string]interface{}{...}); ` +
        `the CLI: vault kv put ${secret} ${definition.leak.field}=...`,
    ];
  const current = vault.versions.find((version) => version.version === vault.currentVersion);
  if (!current || vault.current === undefined)
    return [
      false,
      `the current version (${vault.currentVersion}) of ${secret} cannot be read (deleted or destroyed), so the service has no key`,
      'Destroy the leaked version, not the new one: vault kv destroy -versions=<the leaked version>.',
    ];
  if (current.holdsLeaked)
    return [
      false,
      `version ${vault.currentVersion} holds the leaked key again`,
      'Generate a new value; writing the old one back rotates nothing.',
    ];
  const minLength = definition.leak.prefix.length + 32;
  if (vault.current.length < minLength || !looksRandom(vault.current.slice(definition.leak.prefix.length), 'relaxed'))
    return [
      false,
      `version ${vault.currentVersion} holds a ${vault.current.length}-character value that does not look generated`,
      `Generate it: "${definition.leak.prefix}" + secrets.token_hex(20) in Python, crypto.randomBytes(20).toString('hex') in Node, openssl rand -hex 20 in a shell.`,
    ];
  return [
    true,
    `version ${vault.currentVersion} holds a new, generated key (the leaked one was version ${leakedVersion})`,
  ];
}

function destroyed({ vault, leakedVersion, definition }: LeakEvidence): Verdict {
  if (vault.error)
    return [
      false,
      `could not read the secret's versions: ${vault.error}`,
      'Keep the secret; destroy only the leaked version.',
    ];
  const secret = `${definition.mount}/${definition.leak.path}`;
  const leakedState = vault.versions.find((version) => version.version === leakedVersion);
  const readable = vault.versions.filter((version) => version.holdsLeaked).map((version) => version.version);
  if (readable.length > 0)
    return [
      false,
      `Vault still gives the leaked key back from version ${readable.join(', ')} of ${secret}`,
      `A new version does not remove the old one: anyone who may read old versions gets it. Destroy it: vault kv destroy -versions=${leakedVersion} ${secret} (POST ${definition.mount}/destroy/${definition.leak.path} with {"versions": [${leakedVersion}]}).`,
    ];
  if (leakedState && !leakedState.destroyed)
    return [
      false,
      `version ${leakedVersion} is deleted but not destroyed: vault kv undelete brings the leaked key back`,
      `Delete is reversible; destroy is not: vault kv destroy -versions=${leakedVersion} ${secret}.`,
    ];
  return [true, `version ${leakedVersion}, the leaked one, is destroyed`];
}

function rotatedFirst({ vault, leakedVersion, repo }: LeakEvidence): Verdict {
  const rotation = vault.versions.find((version) => version.version > leakedVersion);
  if (!rotation)
    return [
      false,
      'no rotation was seen',
      'Rotate the key in Vault first: a leaked key is compromised from the moment it is pushed.',
    ];
  if (!repo.rewrittenAt)
    return [
      false,
      'could not tell when the history was rewritten: the repository has no .git/filter-repo/commit-map',
      'Rewrite it with git filter-repo (--replace-text or --invert-paths), which records when it ran.',
    ];
  const gap = repo.rewrittenAt.getTime() - rotation.createdTime.getTime();
  if (gap < 0)
    return [
      false,
      `the history was rewritten ${(-gap / 1000).toFixed(2)} s before version ${rotation.version} was written`,
      'Rotate first: rewriting history takes a while and can fail half-way, and until the key is rotated anyone who saw the push can use it.',
    ];
  return [
    true,
    `version ${rotation.version} was written ${(gap / 1000).toFixed(2)} s before git filter-repo rewrote the history`,
  ];
}

function describeHits(hits: RepoState['hits']): string {
  return hits
    .slice(0, 3)
    .map((hit) => `${hit.type} ${hit.sha.slice(0, 10)}${hit.path ? ` (${hit.path})` : ''}`)
    .join(', ');
}

function historyClean({ repo, definition }: LeakEvidence): Verdict {
  if (repo.error) return [false, repo.error, 'Clean the repository; do not delete it or start a new one.'];
  const reachable = repo.hits.filter((hit) => hit.reachable);
  if (reachable.length > 0)
    return [
      false,
      `the key is still in ${reachable.length} reachable object(s): ${describeHits(reachable)}`,
      `Deleting the file in a new commit leaves it in every earlier commit, and every branch and tag that reaches them. Rewrite all of history: git filter-repo --force --replace-text <file with "literal:<key>==>***REMOVED***"> (or --invert-paths --path ${definition.leak.file}); filter-branch leaves refs/original and the reflog behind.`,
    ];
  return [true, 'no object reachable from any branch, tag, stash or reflog entry holds the key'];
}

function objectsClean({ repo }: LeakEvidence): Verdict {
  if (repo.error) return [false, repo.error, 'Clean the repository; do not delete it or start a new one.'];
  const stored = repo.hits.filter((hit) => !hit.reachable);
  const reachable = repo.hits.length - stored.length;
  if (repo.hits.length > 0)
    return [
      false,
      `${repo.hits.length} object(s) in .git still hold the key (${reachable} reachable, ${stored.length} only in the object store: ${describeHits(stored.length ? stored : repo.hits)})`,
      'Old objects stay in .git until they are pruned, and any copy of the folder (a backup, a CI cache) carries them: git filter-repo expires the reflog and repacks by itself; after anything else run git reflog expire --expire=now --all && git gc --prune=now.',
    ];
  return [true, 'no object in the repository holds the key, reachable or not'];
}

function historyKept({ repo }: LeakEvidence): Verdict {
  if (repo.error) return [false, repo.error, 'Clean the repository; do not delete it or start a new one.'];
  const lost = [
    ...repo.missingRefs.map((ref) => `${ref} is gone`),
    ...repo.changedFiles.map((file) => `${file} changed or went missing`),
  ];
  if (lost.length > 0)
    return [
      false,
      lost.slice(0, 4).join('; '),
      'Rewrite history, do not throw it away: the team still needs every branch and tag, and the code in them. git filter-repo rewrites all refs and keeps everything but what you tell it to remove.',
    ];
  return [true, 'every branch and tag is there, with the rest of the code unchanged'];
}

function worktreeClean({ repo }: LeakEvidence): Verdict {
  if (repo.filesWithValues.length === 0) return [true, 'no file holds the old or the new key'];
  return [
    false,
    `${repo.filesWithValues.slice(0, 4).join('; ')} hold(s) the old or the new key`,
    "A key left in a file is one commit away from leaking again. The leaked file itself is rewritten by git filter-repo (--replace-text) or removed (--invert-paths); the replacements file for --replace-text holds the key: write it in a private temporary folder (mktemp -d, or Python's tempfile) and delete it at the end, whatever happens.",
  ];
}

function hookInstalled({ repo }: LeakEvidence): Verdict {
  if (repo.hook.done) return [true, repo.hook.detail];
  return [
    false,
    repo.hook.detail,
    'Run secrets-workbook hook install in the repository (it is on the PATH the grader gives you).',
  ];
}

function noLeak({ leaks, overflow }: LeakEvidence): Verdict {
  if (overflow && leaks.length === 0)
    return [
      false,
      'it printed more than 1 MiB, and the rest could not be checked',
      'Print a line per step, not whole files or diffs.',
    ];
  if (leaks.length === 0) return [true, 'neither key appeared in its output, in any form the grader checks'];
  const described = leaks
    .slice(0, 3)
    .map((leak) => `${leak.secret} (${leak.form === 'raw' ? 'as is' : leak.form}) on ${leak.stream}`);
  return [
    false,
    `it printed ${described.join('; ')}`,
    'A leaked key is still a key until it is rotated, and the new one is secret: print versions and counts, never values. git filter-repo prints no values; your own messages must not either.',
  ];
}
