/** The longest line kept; a longer one is dropped whole (a program's output is not ours to buffer). */
const MAX_LINE = 16 * 1024;

/** Splits streamed text into lines, bounded: a line longer than MAX_LINE is dropped. */
export class LineSplitter {
  #partial = '';
  #overlong = false;

  constructor(private readonly onLine: (line: string) => void) {}

  write(chunk: string): void {
    let start = 0;
    for (let newline = chunk.indexOf('\n'); newline !== -1; newline = chunk.indexOf('\n', start)) {
      this.#append(chunk.slice(start, newline));
      if (!this.#overlong) this.onLine(this.#partial.replace(/\r$/, ''));
      this.#partial = '';
      this.#overlong = false;
      start = newline + 1;
    }
    this.#append(chunk.slice(start));
  }

  finish(): void {
    if (this.#partial && !this.#overlong) this.onLine(this.#partial);
    this.#partial = '';
    this.#overlong = false;
  }

  #append(text: string): void {
    if (this.#overlong || !text) return;
    if (this.#partial.length + text.length > MAX_LINE) {
      this.#overlong = true;
      this.#partial = '';
      return;
    }
    this.#partial += text;
  }
}
