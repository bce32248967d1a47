import type { LeakFinding, OutputLeakDetector } from '../scanner-port.js';
import type { LineRedactor } from './output-redactor.js';
import type { OutputStream } from './run-program.js';

/**
 * Takes the program's output as it arrives: every byte goes through the leak detector; lines are
 * redacted before anyone sees them, and only a bounded number are passed on for display. Memory
 * stays bounded whatever the program prints: a partial line is kept up to MAX_LINE, the tail is
 * a few lines.
 */
const MAX_LINE = 16 * 1024;
const SHOWN_LINE = 500;
const TAIL_LINES = 40;

export interface OutputOptions {
  detector: OutputLeakDetector;
  redactor: LineRedactor;
  /** Redacted, shortened lines, up to `maxShownLines`. */
  onLine?: (stream: OutputStream, line: string) => void;
  maxShownLines?: number;
}

interface StreamState {
  partial: string;
  overlong: boolean;
  tail: string[];
}

export class OutputCollector {
  readonly #streams: Record<OutputStream, StreamState> = {
    stdout: { partial: '', overlong: false, tail: [] },
    stderr: { partial: '', overlong: false, tail: [] },
  };
  #shown = 0;
  #notShown = 0;
  #bytes = 0;

  constructor(private readonly options: OutputOptions) {}

  write(stream: OutputStream, chunk: string): void {
    this.#bytes += chunk.length;
    this.options.detector.write(chunk, stream);
    const state = this.#streams[stream];
    let start = 0;
    for (let newline = chunk.indexOf('\n'); newline !== -1; newline = chunk.indexOf('\n', start)) {
      this.#append(state, chunk.slice(start, newline));
      this.#endLine(stream, state);
      start = newline + 1;
    }
    this.#append(state, chunk.slice(start));
  }

  /** Flush partial last lines (the program has ended). */
  finish(): void {
    for (const stream of ['stdout', 'stderr'] as const) {
      const state = this.#streams[stream];
      if (state.partial || state.overlong) this.#endLine(stream, state);
      this.options.detector.end(stream);
    }
  }

  /**
   * The line that best says why the program ended, redacted and shortened: the last exception
   * line (`Error: …`, `hvac.exceptions.Forbidden: …`, `panic: …`) on stderr, else the last
   * error-sounding line, else the last meaningful line; stack frames and runtime banners skipped.
   */
  lastLine(): string | undefined {
    for (const pick of [isExceptionLine, isErrorLine, () => true]) {
      for (const stream of ['stderr', 'stdout'] as const) {
        const tail = this.#streams[stream].tail;
        for (let index = tail.length - 1; index >= 0; index--) {
          const line = tail[index]!.trim();
          if (line && !isNoise(line) && pick(line)) return this.#display(line).trim();
        }
      }
    }
    return undefined;
  }

  /** What the leak detector found in everything the program printed. */
  leaks(): LeakFinding[] {
    return this.options.detector.findings();
  }

  get characters(): number {
    return this.#bytes;
  }

  /** Lines that were not passed on because of the display cap. */
  get notShown(): number {
    return this.#notShown;
  }

  #append(state: StreamState, text: string): void {
    if (state.overlong || !text) return;
    if (state.partial.length + text.length > MAX_LINE) {
      state.overlong = true;
      state.partial = '';
      return;
    }
    state.partial += text;
  }

  #endLine(stream: OutputStream, state: StreamState): void {
    const line = state.overlong
      ? `[a line longer than ${MAX_LINE} characters, not shown]`
      : state.partial.replace(/\r$/, '');
    state.partial = '';
    state.overlong = false;
    state.tail.push(line);
    if (state.tail.length > TAIL_LINES) state.tail.shift();
    if (this.#shown < (this.options.maxShownLines ?? 200)) {
      this.#shown++;
      this.options.onLine?.(stream, this.#display(line));
    } else {
      this.#notShown++;
    }
  }

  #display(line: string): string {
    const safe = this.options.redactor.line(line);
    return safe.length > SHOWN_LINE ? `${safe.slice(0, SHOWN_LINE)}…` : safe;
  }
}

function isNoise(line: string): boolean {
  return (
    /^at\s/.test(line) ||
    /^Node\.js v\d/.test(line) ||
    /^File ".*", line \d+/.test(line) ||
    /^\^+$/.test(line) ||
    /^[\s^~,.:;]*$/.test(line)
  );
}

function isExceptionLine(line: string): boolean {
  return /^([\w.$]*(Error|Exception|Forbidden|InvalidRequest|Unauthorized)|panic|fatal error|Traceback)\b.*:/.test(
    line,
  );
}

function isErrorLine(line: string): boolean {
  return /\b(error|exception|forbidden|denied|panic|fatal|failed|refused)\b/i.test(line);
}
