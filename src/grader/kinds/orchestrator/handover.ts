import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registerCleanup } from '../../../util/cleanup.js';
import type { AuditEntry } from '../../../vault/audit/entry.js';
import type { Verdict } from '../../planned-checks.js';
import type { KnownSecret } from '../../scanner-port.js';
import type { AppRun } from '../vault-app/app-run.js';
import type { GradingVault } from '../vault-app/grading-vault.js';
import { auditTime } from '../vault-app/app-tokens.js';
import { firstLine } from '../vault-app/evidence.js';
import { orchestratorVerdicts, WRAPPED_SECRET_ID_VARIABLE, type UnwrapAttempt } from './orchestrator-checks.js';

/**
 * Secure introduction, the grader playing the trusted orchestrator: right before the program
 * starts it asks Vault for a new secret_id of the role, response-wrapped (single use, short TTL),
 * and puts only the wrapping token in a file the program is pointed to. The program must unwrap
 * it once, log in with the secret_id inside, and read its secret.
 *
 * The secret_id is a custom one the grader chooses (auth/approle/role/<r>/custom-secret-id), so
 * it is known to the leak detector and its HMAC identifies the login that used it; the wrapping
 * token's HMAC identifies every unwrap attempt (a failed unwrap leaves only a request entry) and a
 * login that sent the wrapping token as if it were the secret_id.
 */
const TOKEN_FILE = 'wrapped-secret-id';

export class Handover {
  #removed: Promise<void> | undefined;

  private constructor(
    /** The file holding the wrapping token (in a 0700 folder of its own). */
    readonly file: string,
    private readonly folder: string,
    private readonly unregister: () => void,
    private readonly hashes: { wrap: string; secretId: string },
    private readonly createdAt: number,
    private readonly ttlSeconds: number,
    /** The wrapping token and the secret_id inside: the program must print neither. */
    readonly sensitive: KnownSecret[],
  ) {}

  static async make(vault: GradingVault, role: string, wrapTtlSeconds: number): Promise<Handover> {
    const secretId = randomUUID();
    const wrapped = await vault.admin.write(
      `auth/approle/role/${role}/custom-secret-id`,
      { secret_id: secretId },
      { wrapTtl: `${wrapTtlSeconds}s` },
    );
    const wrapInfo = wrapped?.wrap_info;
    if (!wrapInfo?.token) throw new Error('Vault returned no wrapping token for the secret_id');
    const folder = await mkdtemp(join(tmpdir(), 'sw-orchestrator-')); // mode 0700
    const unregister = registerCleanup(() => rm(folder, { recursive: true, force: true }));
    const file = join(folder, TOKEN_FILE);
    try {
      // Just the token, no newline, readable by the owner only: what an orchestrator's sink writes.
      await writeFile(file, wrapInfo.token, { mode: 0o600, flag: 'wx' });
      const [wrap, secretIdHash] = await Promise.all([vault.trail.hash(wrapInfo.token), vault.trail.hash(secretId)]);
      return new Handover(
        file,
        folder,
        unregister,
        { wrap, secretId: secretIdHash },
        auditTime(wrapInfo.creation_time),
        wrapTtlSeconds,
        [
          { name: `the wrapping token (in ${WRAPPED_SECRET_ID_VARIABLE})`, value: wrapInfo.token },
          { name: 'the unwrapped secret_id', value: secretId },
        ],
      );
    } catch (error) {
      unregister();
      await rm(folder, { recursive: true, force: true });
      throw error;
    }
  }

  /** `unwrap`, `unwrap-once`, and `login` where the standard verdict would mislead. */
  verdicts(run: AppRun, roleIdHash: string): Map<string, Verdict> {
    return orchestratorVerdicts({
      unwraps: this.#unwraps(run.entries),
      logins: run.entries
        .filter((entry) => entry.type === 'response' && entry.request.path === 'auth/approle/login')
        .map((entry) => {
          const secretId = entry.request.data?.secret_id;
          return {
            // A refused login can come without an `error` (a 400 from the backend): the token is the proof.
            success: !entry.error && Boolean(entry.type === 'response' && entry.response?.auth?.accessor),
            error: firstLine(entry.error),
            issuedRole: entry.request.data?.role_id === roleIdHash,
            secretId:
              secretId === this.hashes.secretId
                ? ('unwrapped' as const)
                : secretId === this.hashes.wrap
                  ? ('wrapping-token' as const)
                  : ('other' as const),
            missingSecretId: secretId === undefined || secretId === null || secretId === '',
          };
        }),
      createdAt: this.createdAt,
      ttlSeconds: this.ttlSeconds,
      outcome: run.outcome,
    });
  }

  /** Remove the token's folder; idempotent. */
  remove(): Promise<void> {
    this.#removed ??= (async () => {
      this.unregister();
      await rm(this.folder, { recursive: true, force: true });
    })();
    return this.#removed;
  }

  #unwraps(entries: readonly AuditEntry[]): UnwrapAttempt[] {
    const unwraps: UnwrapAttempt[] = [];
    const seen = new Set<string>();
    for (const entry of entries) {
      if (entry.request.path !== 'sys/wrapping/unwrap' || seen.has(entry.request.id)) continue;
      // A refused unwrap leaves only its request entry; a successful one, a response entry too.
      if (entry.type === 'request' && !entry.error) continue;
      seen.add(entry.request.id);
      const data = entry.request.data ?? {};
      unwraps.push({
        time: auditTime(entry.time),
        success: !entry.error,
        error: firstLine(entry.error),
        ours: entry.request.client_token === this.hashes.wrap || data.token === this.hashes.wrap,
      });
    }
    return unwraps;
  }
}
