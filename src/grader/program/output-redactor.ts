import type { CreateLeakDetector, KnownSecret } from '../scanner-port.js';

export const HIDDEN_LINE = '[line hidden by the grader: it contains a secret value]';
const MIN_FRAGMENT = 16;

/**
 * Makes program output safe to show: a line that holds a secret, in any encoding the leak
 * detector knows, is replaced whole. Multi-line values (a PEM key) are also matched line by line,
 * since a printed key arrives one line at a time.
 */
export class LineRedactor {
  readonly #secrets: KnownSecret[];

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
  }

  line(text: string): string {
    const detector = this.create(this.#secrets);
    detector.write(text, 'stdout');
    detector.end('stdout');
    return detector.findings().length > 0 ? HIDDEN_LINE : text;
  }
}
