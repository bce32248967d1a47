import stringWidth from 'string-width';
import wrapAnsi from 'wrap-ansi';

/** Text (with ANSI styles) wrapped to `width` columns, as lines; never narrower than 10. */
export function wrapLines(text: string, width: number, indent = ''): string[] {
  const columns = Math.max(10, width - indent.length);
  const wrapped = fitsAsIs(text, columns) ? text : wrapAnsi(text, columns, { hard: true });
  return wrapped.split('\n').map((line) => indent + line);
}

/**
 * A single line that fits, with nothing wrap-ansi would trim or normalise, comes back from it
 * unchanged, yet wrap-ansi still walks it character by character: the home screen's key hints
 * alone cost ~10 ms of CPU before the first frame that way. (test/ui/wrap.test.ts checks the
 * shortcut against wrap-ansi on generated text.)
 */
export function fitsAsIs(text: string, columns: number): boolean {
  return (
    !/[\r\n\t]/.test(text) &&
    text.trim() === text &&
    text.normalize() === text &&
    // wrap-ansi drops spaces next to words of no width (styles alone) at either end of a line.
    (!text.includes(' ') ||
      (stringWidth(text.slice(0, text.indexOf(' '))) > 0 && stringWidth(text.slice(text.lastIndexOf(' ') + 1)) > 0)) &&
    stringWidth(text) <= columns
  );
}
