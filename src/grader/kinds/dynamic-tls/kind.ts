import type { X509Certificate } from 'node:crypto';
import type { ChallengeDefinition } from '../../../course/challenge-schema.js';
import type { PkiScenarioDefinition } from '../../../course/scenario-schema.js';
import { oneLine, UserError } from '../../../util/errors.js';
import type { ChallengeKind, ChallengeKindFactory, GradeContext } from '../../challenge-kind.js';
import { inPlannedOrder, placeChecks, type PlannedCheck } from '../../planned-checks.js';
import type { CheckResult } from '../../report.js';
import type { OutputStream } from '../../program/run-program.js';
import { freePort } from '../project/tls-probe.js';
import { ran, runApp, type AppRun, type RunWatcher } from '../vault-app/app-run.js';
import { AppSetup } from '../vault-app/app-setup.js';
import { judgeApp, plannedChecks } from '../vault-app/checks.js';
import { CertificateWatch } from './certificate-watch.js';
import { issuedBySerial, provisionPki, type GradingCa } from './grading-ca.js';
import { pkiChecks, pkiVerdicts } from './tls-checks.js';

/**
 * `dynamic-tls` (challenge.yaml `scenario: {type: pki}`): an app whose TLS certificate comes from
 * Vault's PKI engine at every start, lives seconds, and is replaced before it expires.
 *
 * - prepare: as a Vault app (AppRole, the KV secret, the policy), plus the PKI engine with a root
 *   CA made for this grade and the role (grading-ca.ts);
 * - run: as a Vault app with PORT, while a CertificateWatch fetches the served certificate every
 *   half second and follows the issue requests; the run ends once a second certificate has been
 *   served, or shortly after the first one expired;
 * - judge: the standard checks, the four of tls-checks.ts, `exit` replaced, and `no-leak` failed
 *   as well when the output held a private key (Vault made it; the grader never sees its value).
 */
export const dynamicTlsKind: ChallengeKindFactory<ChallengeDefinition> = (definition, context) =>
  new DynamicTlsGrade(definition, context);

export function pkiOf(definition: ChallengeDefinition): PkiScenarioDefinition {
  if (definition.scenario?.type !== 'pki') throw new Error(`${definition.id} has no pki scenario`);
  return definition.scenario;
}

export function dynamicTlsPlan(definition: ChallengeDefinition): PlannedCheck[] {
  const readIds = definition.reads.map((read) => read.id);
  return placeChecks(plannedChecks(definition), pkiChecks(pkiOf(definition)), readIds);
}

/** Notices a PEM private key in the output, even split across writes. */
class KeyPrintWatch implements RunWatcher {
  readonly satisfied = true;
  printed = false;
  readonly #tails: Record<string, string> = {};

  onOutput(stream: OutputStream, chunk: string): void {
    const text = (this.#tails[stream] ?? '') + chunk;
    if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text)) this.printed = true;
    this.#tails[stream] = text.slice(-40);
  }
}

class DynamicTlsGrade implements ChallengeKind {
  readonly plannedChecks: PlannedCheck[];
  readonly #app: AppSetup;
  readonly #scenario: PkiScenarioDefinition;
  #ca: GradingCa | undefined;
  #watch: CertificateWatch | undefined;
  #keys = new KeyPrintWatch();
  #run: AppRun | undefined;

  constructor(
    private readonly definition: ChallengeDefinition,
    private readonly context: GradeContext,
  ) {
    this.#app = new AppSetup(definition, context);
    this.#scenario = pkiOf(definition);
    this.plannedChecks = dynamicTlsPlan(definition);
  }

  get vault(): string {
    return this.#app.provider;
  }

  async prepare(): Promise<void> {
    await this.#app.prepare();
    this.#ca = await provisionPki(this.#app.vault, this.#scenario).catch((error: unknown) => {
      throw new UserError(`could not set up the PKI engine in the grading Vault: ${oneLine(error)}`);
    });
  }

  async run(): Promise<void> {
    const port = await freePort();
    const watch = new CertificateWatch(port, this.#scenario, this.#app.credentials.roleIdHash);
    this.#watch = watch;
    try {
      this.#run = await runApp(this.#app, {
        variables: { ...this.#app.variables, PORT: String(port) },
        sensitive: this.#app.sensitive,
        watchers: [watch, this.#keys],
        stop: watch.stopSignal,
      });
    } finally {
      watch.finish();
    }
  }

  async judge(): Promise<CheckResult[]> {
    const run = ran(this.#run);
    const watch = this.#watch!;
    for (const entry of run.entries) watch.onAuditEntry(entry);
    const known = new Map<string, X509Certificate | undefined>();
    for (const served of watch.served)
      known.set(served.serial, await issuedBySerial(this.#app.vault, this.#scenario.mount, served.serial));
    const verdicts =
      run.outcome.kind === 'build-failed'
        ? undefined
        : pkiVerdicts({ scenario: this.#scenario, watch, ca: this.#ca!, known, outcome: run.outcome });
    const results = inPlannedOrder(this.plannedChecks, await judgeApp(this.#app, run), verdicts);
    return results.map((check) =>
      check.id === 'no-leak' && check.passed && this.#keys.printed
        ? {
            ...check,
            passed: false,
            detail: 'its output held a PEM private key (-----BEGIN … PRIVATE KEY-----)',
            hint: "The private key in the issue answer is the certificate's whole secret: hand it to the TLS server, never to a log. Print the serial number and the expiration instead.",
          }
        : check,
    );
  }

  async dispose(): Promise<void> {
    this.#watch?.finish();
    await this.#app.dispose();
  }
}
