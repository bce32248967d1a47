import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChallengeDefinition } from '../../course/challenge-schema.js';
import type { OrchestratorScenarioDefinition } from '../../course/scenario-schema.js';
import type { AuditEntry } from '../../vault/audit/entry.js';
import { VaultAdmin } from '../../vault/admin-client.js';
import { registerCleanup } from '../../util/cleanup.js';
import { orchestratorVerdicts, type UnwrapAttempt } from './orchestrator-checks.js';
import { auditTime, firstLine } from './app-tokens.js';
import type {
  PlannedScenarioCheck,
  Scenario,
  ScenarioEvaluation,
  ScenarioRun,
  ScenarioSetup,
  Verdict,
} from './types.js';

/**
 * `orchestrator`: secure introduction. The grader plays the trusted orchestrator: right before
 * the program starts it asks Vault for a new secret_id of the role, response-wrapped (single use,
 * short TTL), and puts only the wrapping token in a file the program is pointed to. The program
 * must unwrap it once, log in with the secret_id inside, and read its secret.
 *
 * The secret_id is a custom one the grader chooses (auth/approle/role/<r>/custom-secret-id), so
 * it is known to the leak detector and its HMAC identifies the login that used it; the wrapping
 * token's HMAC identifies every unwrap attempt (a failed unwrap leaves only a request entry) and a
 * login that sent the wrapping token as if it were the secret_id.
 */
export const WRAPPED_SECRET_ID_VARIABLE = 'VAULT_WRAPPED_SECRET_ID_FILE';
const TOKEN_FILE = 'wrapped-secret-id';

export const orchestratorScenario: Scenario = {
  plannedChecks(): PlannedScenarioCheck[] {
    return [
      {
        id: 'unwrap',
        title: `Unwraps the wrapping token from ${WRAPPED_SECRET_ID_VARIABLE} (sys/wrapping/unwrap)`,
        position: 'before-login',
      },
      {
        id: 'login',
        title: 'Logs in with AppRole using the role_id it was given and the secret_id it unwrapped',
        position: 'before-login',
      },
      { id: 'unwrap-once', title: 'Unwraps it only once (a wrapping token is single-use)', position: 'after-reads' },
    ];
  },

  async prepare(setup: ScenarioSetup): Promise<ScenarioRun> {
    const scenario = orchestratorOf(setup.definition);
    const trail = setup.vault.auditTrail!;
    const admin = new VaultAdmin(setup.vault.address, setup.vault.rootToken);
    const secretId = randomUUID();
    const role = setup.definition.role.name;
    const wrapped = await admin.write(
      `auth/approle/role/${role}/custom-secret-id`,
      { secret_id: secretId },
      { wrapTtl: `${scenario.wrapTtlSeconds}s` },
    );
    const wrapInfo = wrapped?.wrap_info;
    if (!wrapInfo?.token) throw new Error('Vault returned no wrapping token for the secret_id');
    const folder = await mkdtemp(join(tmpdir(), 'sw-orchestrator-')); // mode 0700
    const unregister = registerCleanup(() => rm(folder, { recursive: true, force: true }));
    const file = join(folder, TOKEN_FILE);
    let hashes: string[];
    try {
      // Just the token, no newline, readable by the owner only: what an orchestrator's sink writes.
      await writeFile(file, wrapInfo.token, { mode: 0o600, flag: 'wx' });
      hashes = await Promise.all([trail.hash(wrapInfo.token), trail.hash(secretId), trail.hash(setup.vault.rootToken)]);
    } catch (error) {
      unregister();
      await rm(folder, { recursive: true, force: true });
      throw error;
    }
    const [wrapHash, secretIdHash, rootHash] = hashes as [string, string, string];
    return new OrchestratorRun(setup, {
      file,
      folder,
      unregister,
      wrapHash,
      secretIdHash,
      rootHash,
      createdAt: auditTime(wrapInfo.creation_time),
      ttlSeconds: scenario.wrapTtlSeconds,
      sensitive: [
        { label: `the wrapping token (in ${WRAPPED_SECRET_ID_VARIABLE})`, value: wrapInfo.token },
        { label: 'the unwrapped secret_id', value: secretId },
      ],
    });
  },
};

export function orchestratorOf(definition: ChallengeDefinition): OrchestratorScenarioDefinition {
  if (definition.scenario?.type !== 'orchestrator') throw new Error(`${definition.id} has no orchestrator scenario`);
  return definition.scenario;
}

interface Prepared {
  file: string;
  folder: string;
  unregister: () => void;
  wrapHash: string;
  secretIdHash: string;
  rootHash: string;
  createdAt: number;
  ttlSeconds: number;
  sensitive: ScenarioRun['sensitive'];
}

class OrchestratorRun implements ScenarioRun {
  readonly env: Record<string, string | undefined>;
  readonly sensitive: ScenarioRun['sensitive'];
  #disposed: Promise<void> | undefined;

  constructor(
    private readonly setup: ScenarioSetup,
    private readonly prepared: Prepared,
  ) {
    this.env = { VAULT_SECRET_ID: undefined, [WRAPPED_SECRET_ID_VARIABLE]: prepared.file };
    this.sensitive = prepared.sensitive;
  }

  started(): void {}

  observe(): void {}

  isOwnEntry(entry: AuditEntry): boolean {
    return entry.auth?.client_token === this.prepared.rootHash || entry.request.client_token === this.prepared.rootHash;
  }

  evaluate(input: ScenarioEvaluation): Map<string, Verdict> {
    const { wrapHash, secretIdHash } = this.prepared;
    const unwraps: UnwrapAttempt[] = [];
    const seen = new Set<string>();
    for (const entry of input.entries) {
      if (entry.request.path !== 'sys/wrapping/unwrap' || seen.has(entry.request.id)) continue;
      // A refused unwrap leaves only its request entry; a successful one, a response entry too.
      if (entry.type === 'request' && !entry.error) continue;
      seen.add(entry.request.id);
      const data = entry.request.data ?? {};
      unwraps.push({
        time: auditTime(entry.time),
        success: !entry.error,
        error: firstLine(entry.error),
        ours: entry.request.client_token === wrapHash || data.token === wrapHash,
      });
    }
    const logins = input.entries
      .filter((entry) => entry.type === 'response' && entry.request.path === 'auth/approle/login')
      .map((entry) => ({
        // A refused login can come without an `error` (a 400 from the backend): the token is the proof.
        success: !entry.error && Boolean(entry.type === 'response' && entry.response?.auth?.accessor),
        error: firstLine(entry.error),
        issuedRole: entry.request.data?.role_id === this.setup.credentials.roleIdHash,
        secretId:
          entry.request.data?.secret_id === secretIdHash
            ? ('unwrapped' as const)
            : entry.request.data?.secret_id === wrapHash
              ? ('wrapping-token' as const)
              : ('other' as const),
        missingSecretId:
          entry.request.data?.secret_id === undefined ||
          entry.request.data?.secret_id === null ||
          entry.request.data?.secret_id === '',
      }));
    return orchestratorVerdicts({
      unwraps,
      logins,
      createdAt: this.prepared.createdAt,
      ttlSeconds: this.prepared.ttlSeconds,
      outcome: input.outcome,
    });
  }

  dispose(): Promise<void> {
    this.#disposed ??= (async () => {
      this.prepared.unregister();
      await rm(this.prepared.folder, { recursive: true, force: true });
    })();
    return this.#disposed;
  }
}
