import { join } from 'node:path';
import type { LeakChallengeDefinition } from '../../../course/leak-challenge-schema.js';
import { randomBase62 } from '../../../util/random.js';
import type { ChallengeKind, ChallengeKindFactory, GradeContext } from '../../challenge-kind.js';
import { inPlannedOrder, type PlannedCheck } from '../../planned-checks.js';
import type { CheckResult } from '../../report.js';
import { leakPlan, leakVerdicts } from './leak-checks.js';
import { readRepoState, readVaultState } from './leak-evidence.js';
import { makeLeakRepo, type LeakRepo } from './leak-repo.js';
import { replayOutput, type ResponderRun } from './responder-run.js';
import { ResponderWorkspace } from './responder-workspace.js';

/**
 * `leak` (challenge.yaml `kind: leak`): a key stored in Vault was committed, and the learner's
 * program answers the leak.
 *
 * - prepare: a fresh Vault with the key at `<mount>/<leak.path>` (version 1, the leaked one), a
 *   fresh repository holding it in history (leak-repo.ts), and a token for the program that may
 *   read and write that one secret and delete or destroy its versions — nothing else;
 * - run: the program once, with VAULT_ADDR, VAULT_TOKEN and LEAK_REPO (responder-run.ts); the
 *   token is revoked when it ends;
 * - judge: Vault's state (a new generated version, the leaked version destroyed), the
 *   repository's (no object holding the key, reachable or not; every branch, tag and file kept;
 *   no key left in a file; a hook that refuses a key), the order (the new version was written
 *   before git filter-repo ran) and the output (leak-checks.ts).
 */
export const leakKind: ChallengeKindFactory<LeakChallengeDefinition> = (definition, context) =>
  new LeakGrade(definition, context);

export { leakPlan };

const LEAKED_VERSION = 1;

class LeakGrade implements ChallengeKind {
  readonly plannedChecks: PlannedCheck[];
  #workspace: ResponderWorkspace | undefined;
  #repo: LeakRepo | undefined;
  #leaked = '';
  #run: ResponderRun | undefined;

  constructor(
    private readonly definition: LeakChallengeDefinition,
    private readonly context: GradeContext,
  ) {
    this.plannedChecks = leakPlan(definition);
  }

  get vault(): string {
    return this.#workspace?.provider ?? 'none';
  }

  async prepare(): Promise<void> {
    const { definition, context } = this;
    const { mount, leak } = definition;
    const workspace = await ResponderWorkspace.open('sw-leak-');
    this.#workspace = workspace;
    this.#leaked = `${leak.prefix}${randomBase62(leak.length)}`;
    this.#repo = await makeLeakRepo(join(workspace.root, 'repo'), {
      file: leak.file,
      variable: leak.variable,
      value: this.#leaked,
    });
    await workspace.provision(context, definition.id, responderPolicy(definition), async (admin) => {
      await admin.enableKvV2(mount);
      const { version } = await admin.kvPut(mount, leak.path, { [leak.field]: this.#leaked });
      if (version !== LEAKED_VERSION) throw new Error(`the key was stored as version ${version}, not 1`);
    });
    context.emit({
      type: 'status',
      message: `the leak: ${leak.file} in ${this.#repo.dir} holds ${mount}/${leak.path} ${leak.field}, committed and reachable from ${this.#repo.refs.length} refs`,
    });
  }

  async run(): Promise<void> {
    this.#run = await prepared(this.#workspace).run(this.context, { LEAK_REPO: prepared(this.#repo).dir });
  }

  async judge(): Promise<CheckResult[]> {
    const { definition } = this;
    const workspace = prepared(this.#workspace);
    const vault = workspace.vault;
    const run = prepared(this.#run);
    const { mount, leak } = definition;
    const vaultState = await readVaultState(vault.admin, { mount, path: leak.path, field: leak.field }, this.#leaked);
    const repoState = await readRepoState(prepared(this.#repo), this.context.dir, {
      leaked: this.#leaked,
      ...(vaultState.current !== undefined ? { current: vaultState.current } : {}),
    });
    // Only now is the new key known: the output is checked for both, then shown redacted.
    const output = replayOutput(this.context, run, [
      { name: `the leaked ${leak.field}`, value: this.#leaked },
      ...(vaultState.current !== undefined && vaultState.current !== this.#leaked
        ? [{ name: `the new ${leak.field}`, value: vaultState.current }]
        : []),
      { name: 'its token (VAULT_TOKEN)', value: workspace.token.value },
    ]);
    const verdicts = leakVerdicts({
      definition,
      leaked: this.#leaked,
      leakedVersion: LEAKED_VERSION,
      vault: vaultState,
      repo: repoState,
      leaks: output.leaks,
      overflow: output.overflow,
      exit: output.exit,
    });
    return inPlannedOrder(this.plannedChecks, [], verdicts);
  }

  async dispose(): Promise<void> {
    await this.#workspace?.dispose();
  }
}

/** What the program's token may do: read and write the leaked secret, see, delete and destroy its versions. */
function responderPolicy({ mount, leak }: LeakChallengeDefinition): string {
  return [
    `path "${mount}/data/${leak.path}" {\n  capabilities = ["create", "read", "update"]\n}`,
    `path "${mount}/metadata/${leak.path}" {\n  capabilities = ["read"]\n}`,
    `path "${mount}/delete/${leak.path}" {\n  capabilities = ["update"]\n}`,
    `path "${mount}/destroy/${leak.path}" {\n  capabilities = ["update"]\n}`,
    // The CLI's preflight to tell KV v1 from v2.
    `path "sys/internal/ui/mounts/${mount}/${leak.path}" {\n  capabilities = ["read"]\n}`,
  ].join('\n');
}

function prepared<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('the leak grade has not got this far');
  return value;
}
