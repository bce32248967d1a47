import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { VaultAdmin } from '../../../vault/admin-client.js';
import { registerCleanup } from '../../../util/cleanup.js';
import { oneLine, UserError } from '../../../util/errors.js';
import type { GradeContext } from '../../challenge-kind.js';
import { mintSetupToken, type SetupToken } from '../project/setup-token.js';
import { startGradingVault, type GradingVault } from '../vault-app/grading-vault.js';
import { runResponder, writeCliShim, type ResponderRun } from './responder-run.js';

/**
 * What a grade that runs the learner's program once as a responder holds (the `leak` and
 * `workload-identity` kinds): a private folder removed at the end (and on Ctrl-C), the
 * `secrets-workbook` shim in it, a fresh grading Vault the grader seeds, and a token of the
 * challenge's own policy for the program, revoked the moment the program ends.
 */
export class ResponderWorkspace {
  #vault: GradingVault | undefined;
  #token: SetupToken | undefined;

  private constructor(
    readonly root: string,
    private readonly shimDir: string,
    private readonly unregister: () => void,
  ) {}

  /** A new private folder (`<prefix>XXXXXX` in the temporary folder) with the CLI shim. */
  static async open(prefix: string): Promise<ResponderWorkspace> {
    const root = await mkdtemp(join(tmpdir(), prefix));
    const unregister = registerCleanup(() => rm(root, { recursive: true, force: true }));
    return new ResponderWorkspace(root, await writeCliShim(join(root, 'bin')), unregister);
  }

  /** Starts the grading Vault, lets `seed` store what the challenge needs, then mints the program's token. */
  async provision(
    context: GradeContext,
    challengeId: string,
    programPolicy: string,
    seed: (admin: VaultAdmin) => Promise<void>,
  ): Promise<GradingVault> {
    const vault = await startGradingVault(context);
    this.#vault = vault;
    try {
      await seed(vault.admin);
      this.#token = await mintSetupToken(vault, challengeId, programPolicy, context.timeoutSeconds);
    } catch (error) {
      throw new UserError(`could not set up the grading Vault: ${oneLine(error)}`);
    }
    return vault;
  }

  /** Runs the program once with its token's VAULT_ADDR/VAULT_TOKEN and `variables`; the token dies with it. */
  async run(context: GradeContext, variables: Record<string, string>): Promise<ResponderRun> {
    const token = this.token;
    try {
      return await runResponder(context, { ...token.variables, ...variables }, this.shimDir);
    } finally {
      await token.revoke().catch(() => undefined);
    }
  }

  get provider(): string {
    return this.#vault?.provider ?? 'none';
  }

  get vault(): GradingVault {
    if (!this.#vault) throw new Error('the grading Vault has not been started');
    return this.#vault;
  }

  get token(): SetupToken {
    if (!this.#token) throw new Error("the program's token has not been minted");
    return this.#token;
  }

  async dispose(): Promise<void> {
    await this.#token?.revoke().catch(() => undefined);
    await this.#vault?.stop();
    this.unregister();
    await rm(this.root, { recursive: true, force: true });
  }
}
