import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IdentityChallengeDefinition } from '../../../course/identity-challenge-schema.js';
import { registerCleanup } from '../../../util/cleanup.js';
import { oneLine, UserError } from '../../../util/errors.js';
import { randomBase62 } from '../../../util/random.js';
import type { ChallengeKind, ChallengeKindFactory, GradeContext } from '../../challenge-kind.js';
import { inPlannedOrder, type PlannedCheck } from '../../planned-checks.js';
import type { CheckResult } from '../../report.js';
import { replayOutput, runResponder, writeCliShim, type ResponderRun } from '../leak/responder-run.js';
import { mintSetupToken, type SetupToken } from '../project/setup-token.js';
import { startGradingVault, type GradingVault } from '../vault-app/grading-vault.js';
import { CiProvider } from './ci-provider.js';
import { identityPlan, identityVerdicts } from './identity-checks.js';
import { login, probesFor, tryJobToken } from './identity-probes.js';

/**
 * `workload-identity` (challenge.yaml `kind: workload-identity`): no secret zero. The learner's
 * program configures JWT auth so that one CI job — one repository, branch and environment — can
 * read the production secret with nothing but the OIDC token its CI provider gives it.
 *
 * - prepare: a fresh Vault with the production secret and a neighbour, a signing key for this
 *   grade (the grader is the CI provider: ci-provider.ts), its public key in a file, and a token
 *   for the program that may enable and configure JWT auth, write its role and the one policy;
 * - run: the program once, with VAULT_ADDR, VAULT_TOKEN, CI_OIDC_ISSUER, CI_OIDC_AUDIENCE and
 *   CI_OIDC_PUBLIC_KEY_FILE; its token is revoked when it ends;
 * - judge: tokens minted for the deploy job and for every kind of other job or attacker, each
 *   sent to the login endpoint; who got in, and what the deploy job's token may do.
 */
export const identityKind: ChallengeKindFactory<IdentityChallengeDefinition> = (definition, context) =>
  new IdentityGrade(definition, context);

export { identityPlan };

class IdentityGrade implements ChallengeKind {
  readonly plannedChecks: PlannedCheck[];
  #vault: GradingVault | undefined;
  #root: string | undefined;
  #unregister: (() => void) | undefined;
  #provider: CiProvider | undefined;
  #token: SetupToken | undefined;
  #secretValue = '';
  #keyFile = '';
  #shim = '';
  #run: ResponderRun | undefined;

  constructor(
    private readonly definition: IdentityChallengeDefinition,
    private readonly context: GradeContext,
  ) {
    this.plannedChecks = identityPlan(definition);
  }

  get vault(): string {
    return this.#vault?.provider ?? 'none';
  }

  async prepare(): Promise<void> {
    const { definition, context } = this;
    const { mount, identity } = definition;
    const root = await mkdtemp(join(tmpdir(), 'sw-identity-'));
    this.#root = root;
    this.#unregister = registerCleanup(() => rm(root, { recursive: true, force: true }));
    this.#provider = await CiProvider.create(definition);
    this.#keyFile = join(root, 'ci-oidc-public-key.pem');
    await writeFile(this.#keyFile, this.#provider.publicKeyPem);
    this.#shim = await writeCliShim(join(root, 'bin'));
    const vault = await startGradingVault(context);
    this.#vault = vault;
    this.#secretValue = `postgres://deploy:${randomBase62(32)}@db.production.internal:5432/payments`;
    try {
      await vault.admin.enableKvV2(mount);
      await vault.admin.kvPut(mount, identity.secret, { url: this.#secretValue });
      await vault.admin.kvPut(mount, identity.neighbour, {
        url: `postgres://staging:${randomBase62(32)}@db.staging.internal/payments`,
      });
      this.#token = await mintSetupToken(vault, definition.id, setupPolicy(definition), context.timeoutSeconds);
    } catch (error) {
      throw new UserError(`could not set up the grading Vault: ${oneLine(error)}`);
    }
  }

  async run(): Promise<void> {
    const token = prepared(this.#token);
    const { identity } = this.definition;
    try {
      this.#run = await runResponder(
        this.context,
        {
          ...token.variables,
          CI_OIDC_ISSUER: identity.issuer,
          CI_OIDC_AUDIENCE: identity.audience,
          CI_OIDC_PUBLIC_KEY_FILE: this.#keyFile,
        },
        this.#shim,
      );
    } finally {
      await token.revoke().catch(() => undefined);
    }
  }

  async judge(): Promise<CheckResult[]> {
    const { definition, context } = this;
    const vault = prepared(this.#vault);
    const provider = prepared(this.#provider);
    const jobLogin = await login(vault.address, definition, provider, {
      check: 'main-deploy-gets-in',
      what: 'the deploy job',
      mint: {},
    });
    const job = await tryJobToken(vault.address, definition, jobLogin);
    const probes = [];
    for (const probe of probesFor(definition)) probes.push(await login(vault.address, definition, provider, probe));
    const admitted = probes.filter((result) => result.admitted).length;
    context.emit({
      type: 'status',
      message: `who got in: the deploy job ${jobLogin.admitted ? 'did' : 'did not'}; ${admitted} of ${probes.length} other tokens did`,
    });
    const output = replayOutput(context, prepared(this.#run), [
      { name: `${definition.mount}/${definition.identity.secret} url`, value: this.#secretValue },
      { name: 'its token (VAULT_TOKEN)', value: prepared(this.#token).value },
    ]);
    const verdicts = identityVerdicts({
      definition,
      job,
      probes,
      exit: output.exit,
      leaks: output.leaks,
      overflow: output.overflow,
    });
    return inPlannedOrder(this.plannedChecks, [], verdicts);
  }

  async dispose(): Promise<void> {
    await this.#token?.revoke().catch(() => undefined);
    await this.#vault?.stop();
    this.#unregister?.();
    if (this.#root) await rm(this.#root, { recursive: true, force: true });
  }
}

/** What the setup program's token may do: set up JWT auth at its path, its role, and the one policy. */
function setupPolicy({ identity }: IdentityChallengeDefinition): string {
  const path = identity.authPath;
  return [
    `path "sys/auth" {\n  capabilities = ["read"]\n}`,
    `path "sys/auth/${path}" {\n  capabilities = ["create", "update", "read", "sudo"]\n}`,
    `path "auth/${path}/config" {\n  capabilities = ["create", "update", "read"]\n}`,
    `path "auth/${path}/role/*" {\n  capabilities = ["create", "update", "read", "list"]\n}`,
    `path "sys/policies/acl/${identity.policy}" {\n  capabilities = ["create", "update", "read"]\n}`,
    `path "sys/policy/${identity.policy}" {\n  capabilities = ["create", "update", "read"]\n}`,
  ].join('\n');
}

function prepared<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('the workload-identity grade has not got this far');
  return value;
}
