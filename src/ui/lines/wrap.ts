import wrapAnsi from 'wrap-ansi';

/** Text (with ANSI styles) wrapped to `width` columns, as lines; never narrower than 10. */
export function wrapLines(text: string, width: number, indent = ''): string[] {
  return wrapAnsi(text, Math.max(10, width - indent.length), { hard: true })
    .split('\n')
    .map((line) => indent + line);
}
