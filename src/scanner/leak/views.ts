/**
 * The leak detector's two views of a program's whole output, besides each stream on its own:
 * the streams joined where they meet on a terminal (`StreamJoins`: half a value on stdout, half
 * on stderr), and the output compacted: whitespace and the usual byte separators removed, so that base64
 * wrapped at 76 columns (`base64`, Python's `encodebytes`), a re-wrapped PEM body and hex written
 * `de:ad:be:ef` or `de ad be ef` read as one unbroken value. The names are what a finding says.
 */
export const TOGETHER_VIEW = 'stdout and stderr together';
export const COMPACT_VIEW = 'the output read across line breaks, spaces and separators';

const SEPARATORS = /[\s:-]+/g;
/** A compacted form shorter than this could turn up in compacted ordinary text by chance. */
const MIN_COMPACT = 12;

/** The text with whitespace, `:` and `-` removed (the same for every chunk boundary). */
export function compactText(text: string): string {
  return text.replace(SEPARATORS, '');
}

/** A form of a value as the compact view would show it, or undefined when too short to tell. */
export function compactPatternText(text: string): string | undefined {
  const compact = compactText(text);
  return compact.length >= MIN_COMPACT ? compact : undefined;
}

/** How many recent lines of each stream a chunk of another stream is joined to. */
const RECENT_LINES = 4;

/**
 * Where two streams meet on a terminal. Two pipes do not keep the order in which a program wrote
 * to them (a fast writer's stdout arrives as one chunk, newlines and all, before its stderr), so
 * rather than trust the arrival order, the start of each chunk is joined to the end of each of the
 * other streams' last few lines: every place a value could have been cut in two between them.
 * Bytes are carried as latin1 strings (one character per byte).
 */
export class StreamJoins {
  readonly #recent = new Map<string, string[]>();

  /** `reach`: the longest value's length; no join needs more on either side. */
  constructor(private readonly reach: number) {}

  /** The joins of this chunk's first line with the other streams' recent lines, then remembers the chunk. */
  across(data: Buffer, stream: string): Array<{ joined: Buffer; at: number }> {
    const text = data.toString('latin1');
    const newline = text.indexOf('\n');
    const head = (newline === -1 ? text : text.slice(0, newline)).slice(0, this.reach);
    const joins: Array<{ joined: Buffer; at: number }> = [];
    for (const [other, lines] of this.#recent) {
      if (other === stream || !head) continue;
      for (const line of lines) joins.push({ joined: Buffer.from(line + head, 'latin1'), at: line.length });
    }
    this.#remember(text, stream);
    return joins;
  }

  #remember(text: string, stream: string): void {
    const previous = this.#recent.get(stream) ?? [''];
    const pieces = text.split('\n');
    pieces[0] = (previous[previous.length - 1] ?? '') + (pieces[0] ?? '');
    const lines = [...previous.slice(0, -1), ...pieces].slice(-RECENT_LINES).map((line) => line.slice(-this.reach));
    this.#recent.set(stream, lines);
  }

  /** Characters held: bounded by streams × RECENT_LINES × reach. */
  held(): number {
    let total = 0;
    for (const lines of this.#recent.values()) for (const line of lines) total += line.length;
    return total;
  }
}
