import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { IdentityChallengeDefinition } from '../../../course/identity-challenge-schema.js';
import { randomBase62 } from '../../../util/random.js';
import type { ChallengeKind, ChallengeKindFactory, GradeContext } from '../../challenge-kind.js';
import { inPlannedOrder, type PlannedCheck } from '../../planned-checks.js';
import type { CheckResult } from '../../report.js';
import { replayOutput, type ResponderRun } from '../leak/responder-run.js';
import { ResponderWorkspace } from '../leak/responder-workspace.js';
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
  #workspace: ResponderWorkspace | undefined;
  #provider: CiProvider | undefined;
  #secretValue = '';
  #keyFile = '';
  #run: ResponderRun | undefined;

  constructor(
    private readonly definition: IdentityChallengeDefinition,
    private readonly context: GradeContext,
  ) {
    this.plannedChecks = identityPlan(definition);
  }

  get vault(): string {
    return this.#workspace?.provider ?? 'none';
  }

  async prepare(): Promise<void> {
    const { definition, context } = this;
    const { mount, identity } = definition;
    const workspace = await ResponderWorkspace.open('sw-identity-');
    this.#workspace = workspace;
    this.#provider = await CiProvider.create(definition);
    this.#keyFile = join(workspace.root, 'ci-oidc-public-key.pem');
    await writeFile(this.#keyFile, this.#provider.publicKeyPem);
    this.#secretValue = `postgres://deploy:${randomBase62(32)}@db.production.internal:5432/payments`;
    await workspace.provision(context, definition.id, setupPolicy(definition), async (admin) => {
      await admin.enableKvV2(mount);
      await admin.kvPut(mount, identity.secret, { url: this.#secretValue });
      await admin.kvPut(mount, identity.neighbour, {
        url: `postgres://staging:${randomBase62(32)}@db.staging.internal/payments`,
      });
    });
  }

  async run(): Promise<void> {
    const { identity } = this.definition;
    this.#run = await prepared(this.#workspace).run(this.context, {
      CI_OIDC_ISSUER: identity.issuer,
      CI_OIDC_AUDIENCE: identity.audience,
      CI_OIDC_PUBLIC_KEY_FILE: this.#keyFile,
    });
  }

  async judge(): Promise<CheckResult[]> {
    const { definition, context } = this;
    const workspace = prepared(this.#workspace);
    const vault = workspace.vault;
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
      { name: 'its token (VAULT_TOKEN)', value: workspace.token.value },
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
    await this.#workspace?.dispose();
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
