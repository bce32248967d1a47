import type { CreateLeakDetector, OutputStream } from './ports.js';
import { LeakDetector } from '../scanner/index.js';

/**
 * The grader's LeakDetector port over src/scanner's streaming detector (raw, base64/base64url at
 * every alignment, hex, URL-/form-encoded, JSON-escaped, and lines of multi-line values), which
 * keeps only a bounded tail per stream.
 */
export const createLeakDetector: CreateLeakDetector = (secrets) => {
  const detector = new LeakDetector(secrets.map((secret) => ({ name: secret.label, value: secret.value })));
  return {
    write: (stream, chunk) => detector.write(chunk, stream),
    end: (stream) => detector.end(stream),
    findings: () =>
      detector
        .findings()
        .map((finding) => ({ label: finding.secret, encoding: finding.form, stream: finding.stream as OutputStream })),
  };
};
