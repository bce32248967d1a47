import type { LeakFinding } from '../../scanner-port.js';

/**
 * Extra hints for the `no-leak` check that name how a redactor was defeated, from the form each
 * leak took: percent- or JSON-encoded, one line of a multi-line value, the rest of a value that
 * starts with another. Says nothing when the leak was a plain print.
 */
export function redactionHints(leaks: readonly LeakFinding[]): string[] {
  const hints: string[] = [];
  if (leaks.some((leak) => /\(the part after its /.test(leak.secret))) {
    hints.push(
      'One value starts with another, and the shorter was replaced first, leaving the rest of the longer one in the line: replace the longest values first.',
    );
  }
  if (leaks.some((leak) => leak.form === 'url-encoded' || leak.form === 'form-encoded')) {
    hints.push(
      'A value appeared percent-encoded, as in a URL: a redactor that knows only the raw value misses it. Redact the encoded form too, or keep secrets out of the URLs you log.',
    );
  }
  if (leaks.some((leak) => leak.form === 'json-escaped')) {
    hints.push(
      'A value appeared JSON-escaped (its quotes and backslashes escaped): redact before serialising, or redact the escaped form too.',
    );
  }
  if (leaks.some((leak) => leak.form === 'partial')) {
    hints.push(
      'One line of a multi-line value (a PEM key) appeared on its own: redact each line of such a value too, not only the whole value.',
    );
  }
  return hints;
}
