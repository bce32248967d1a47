import type { ChallengeDefinition } from '../../../course/challenge-schema.js';
import { oneLine, UserError } from '../../../util/errors.js';
import type { GradeContext } from '../../challenge-kind.js';
import type { KnownSecret } from '../../scanner-port.js';
import { inspectSource, type SourceInspection } from '../../source/inspect.js';
import { startGradingVault, type GradingVault } from './grading-vault.js';
import { provisionChallenge, type Provisioned } from './provision-challenge.js';
import { generateSecrets, type GeneratedSecrets } from './secrets.js';

/**
 * The `prepare` step every kind with a program against Vault shares: fresh secret values, the
 * grading Vault started and provisioned from challenge.yaml, and the learner's folder inspected
 * meanwhile. Each of those kinds holds one AppSetup; `dispose` stops the Vault.
 */
export class AppSetup {
  #vault: GradingVault | undefined;
  #generated: GeneratedSecrets | undefined;
  #credentials: Provisioned | undefined;
  #source: Promise<SourceInspection> | undefined;

  constructor(
    readonly definition: ChallengeDefinition,
    readonly context: GradeContext,
    /** What the source checks judge, when a kind inspects the folder its own way (a project: the app's files only). */
    private readonly inspect: () => Promise<SourceInspection> = () =>
      inspectSource(context.dir, context.scanner.scanFolder),
  ) {}

  async prepare(): Promise<void> {
    // Key generation and the folder's inspection run while the server starts.
    const generating = generateSecrets(this.definition);
    generating.catch(() => undefined);
    this.#inspectSource();
    this.#vault = await startGradingVault(this.context);
    this.#generated = await generating;
    this.#credentials = await provisionChallenge(this.#vault, this.definition, this.#generated.secrets).catch(
      (error: unknown) => {
        throw new UserError(`could not set up the grading Vault: ${oneLine(error)}`);
      },
    );
  }

  /**
   * Prepared on a Vault that is set up already (a project's part 2: by the learner's own setup
   * script): `secrets` are what it holds, `credentials` what was issued for its role. This setup
   * owns the Vault from now on and stops it in `dispose`.
   */
  prepareOn(vault: GradingVault, secrets: GeneratedSecrets, credentials: Provisioned): void {
    this.#inspectSource();
    this.#vault = vault;
    this.#generated = secrets;
    this.#credentials = credentials;
  }

  #inspectSource(): void {
    this.#source = this.inspect();
    this.#source.catch(() => undefined);
  }

  get vault(): GradingVault {
    return prepared(this.#vault);
  }

  get secrets(): GeneratedSecrets {
    return prepared(this.#generated);
  }

  get credentials(): Provisioned {
    return prepared(this.#credentials);
  }

  /** What the program must not print: the secret values and the secret_id it was given. */
  get sensitive(): KnownSecret[] {
    return [...this.secrets.sensitive, { name: 'the secret_id (VAULT_SECRET_ID)', value: this.credentials.secretId }];
  }

  /** What the program gets besides the minimal environment. */
  get variables(): Record<string, string> {
    const { roleId, secretId } = this.credentials;
    return { VAULT_ADDR: this.vault.address, VAULT_ROLE_ID: roleId, VAULT_SECRET_ID: secretId };
  }

  source(): Promise<SourceInspection> {
    return prepared(this.#source);
  }

  /** The provider graded against, for the report. */
  get provider(): string {
    return this.#vault?.provider ?? 'none';
  }

  async dispose(): Promise<void> {
    await this.#vault?.stop();
  }
}

function prepared<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('the grading Vault is not prepared yet');
  return value;
}
