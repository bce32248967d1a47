import { SecretFragments, type CreateLeakDetector, type KnownSecret } from '../scanner-port.js';

export const HIDDEN_LINE = '[line hidden by the grader: it contains a secret value]';
export const HIDDEN_FRAGMENT = '[line hidden by the grader: it contains part of a secret value]';
const MIN_FRAGMENT = 16;

/**
 * Makes program output safe to show: a line that holds a secret, in any encoding the leak
 * detector knows, is replaced whole. Multi-line values (a PEM key) are also matched line by line,
 * since a printed key arrives one line at a time. What the detector cannot clear line by line —
 * part of a value, as when half is printed on stdout and half on stderr, or base64 wrapped over
 * lines, or hex with separators — is hidden too when a line holds a long enough piece of it.
 */
export class LineRedactor {
  readonly #secrets: KnownSecret[];
  readonly #fragments: SecretFragments;

  constructor(
    private readonly create: CreateLeakDetector,
    secrets: readonly KnownSecret[],
  ) {
    const fragments = secrets.flatMap((secret) =>
      secret.value.includes('\n')
        ? secret.value
            .split('\n')
            .map((line) => line.trim())
            .filter((line) => line.length >= MIN_FRAGMENT && !line.startsWith('-----'))
            .map((line) => ({ name: secret.name, value: line }))
        : [],
    );
    this.#secrets = [...secrets, ...fragments];
    this.#fragments = new SecretFragments(secrets);
  }

  line(text: string): string {
    const detector = this.create(this.#secrets);
    detector.write(text, 'stdout');
    detector.end('stdout');
    if (detector.findings().length > 0) return HIDDEN_LINE;
    return this.#fragments.holdsFragment(text) ? HIDDEN_FRAGMENT : text;
  }
}
