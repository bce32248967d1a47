import { encodedForms } from './encodings.js';
import { compactText } from './views.js';
import type { KnownSecret } from './detector.js';

/**
 * Whether a line of output holds part of a secret: a run of at least half of one of the value's
 * forms (raw, base64, hex, …), up to 16 characters, so that each half of a value printed in two
 * pieces (half on stdout, half on stderr; a base64 text wrapped over lines) is caught on its own
 * line. It errs on the side of hiding: it decides what is shown, never the verdict, and a line
 * that shares 16 characters with a secret is one nobody needs to see.
 */
const GRAM_MIN = 8;
const GRAM_MAX = 16;
/** A run like `----------------` or `AAAAAAAA` is not distinctive of any value. */
const MIN_DISTINCT = 4;

export class SecretFragments {
  readonly #grams = new Map<number, Set<string>>();

  constructor(secrets: readonly KnownSecret[]) {
    for (const { value } of secrets) {
      const trimmed = value.trim();
      if (trimmed.length < GRAM_MIN) continue;
      for (const { bytes } of encodedForms(trimmed, { encodings: true })) {
        const text = bytes.toString('utf8');
        for (const form of new Set([text, compactText(text)])) this.#add(form);
      }
    }
  }

  /** The line, or the line with whitespace and separators removed, holds part of a value. */
  holdsFragment(line: string): boolean {
    for (const text of new Set([line, compactText(line)])) {
      for (const [size, grams] of this.#grams) {
        for (let at = 0; at + size <= text.length; at++) if (grams.has(text.slice(at, at + size))) return true;
      }
    }
    return false;
  }

  #add(form: string): void {
    const size = Math.min(GRAM_MAX, Math.max(GRAM_MIN, Math.floor(form.length / 2)));
    if (form.length < size) return;
    let grams = this.#grams.get(size);
    if (!grams) this.#grams.set(size, (grams = new Set()));
    for (let at = 0; at + size <= form.length; at++) {
      const gram = form.slice(at, at + size);
      if (new Set(gram).size >= MIN_DISTINCT) grams.add(gram);
    }
  }
}
