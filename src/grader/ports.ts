import type { KnownSecret } from './secrets.js';

/**
 * The two things the grader needs from src/scanner/ (built separately). The grader codes to these
 * small interfaces; `leak-adapter.ts` and `scan-adapter.ts` provide them (today with minimal
 * stand-ins, to be switched to src/scanner when it lands).
 */
export type OutputStream = 'stdout' | 'stderr';

/** How the value appeared: `raw`, `base64`, `base64url`, `hex`, `hex-upper`, `url-encoded`, `json-escaped`, … */
export type LeakEncoding = string;

export interface LeakFinding {
  /** Which secret (`secret/database/backend password`), never the value. */
  label: string;
  encoding: LeakEncoding;
  stream: OutputStream;
}

/** Watches a program's output for known secret values, in any chunking, with bounded memory. */
export interface LeakDetector {
  write(stream: OutputStream, chunk: string): void;
  /** The stream has ended (a detector may hold back the last few characters until then). */
  end(stream: OutputStream): void;
  /** Distinct findings so far (one per secret, encoding and stream). */
  findings(): LeakFinding[];
}

export type CreateLeakDetector = (secrets: readonly KnownSecret[]) => LeakDetector;

export interface SourceFinding {
  /** Relative to the scanned folder, `/`-separated. */
  file: string;
  line: number;
  /** Rule id (`private-key`, `generic-password-assignment`, …). */
  rule: string;
  /** What was found, in words, without the value. */
  description: string;
}

/** Finds hard-coded secrets in a folder's source files. */
export interface SourceScanner {
  scan(dir: string): Promise<SourceFinding[]>;
}
