import { shannonEntropy } from '../entropy.js';
import type { Candidate, Rule } from '../types.js';

const HEADER = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/g;
const END = /-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/;
/** A base64 run as long as a PEM line's (64 characters; 40 at least, the last line may be shorter). */
const BODY_RUN = /[A-Za-z0-9+/]{40,}={0,2}/g;
const MAX_LINES = 200;

/**
 * A private key whose PEM lines carry something around them: quotes and `+` where code builds the key
 * from string literals (`"-----BEGIN RSA PRIVATE KEY-----\n" + "MIIC…\n" + …`), a comment's ` * ` or `# `,
 * the step and time a build log puts before each line (`#6 0.245 MIIE…`). The block rule reads only a
 * bare block (or one escaped on a line); this one takes the long base64 runs of the lines up to the END
 * line, and wants a body that key material makes: 200 characters or more, with a base64 alphabet's entropy.
 */
export const privateKeyLinesRule: Rule = {
  id: 'private-key-lines',
  title: 'Private key (written line by line in code, a comment or a log)',
  category: 'private-key',
  // Below the block rule: where both read the same key, the block rule's finding stands.
  priority: 95,
  keywords: ['private key'],
  find(text: string): Candidate[] {
    const found: Candidate[] = [];
    HEADER.lastIndex = 0;
    for (let header = HEADER.exec(text); header; header = HEADER.exec(text)) {
      let lineStart = text.indexOf('\n', header.index) + 1;
      let body = '';
      for (let n = 0; lineStart > 0 && n < MAX_LINES; n++) {
        const lineEnd = text.indexOf('\n', lineStart);
        const line = text.slice(lineStart, lineEnd === -1 ? undefined : lineEnd);
        if (line.includes('-----BEGIN ')) break;
        const end = END.exec(line);
        if (end) {
          if (isKeyMaterial(body))
            found.push({
              start: header.index,
              end: lineStart + end.index + end[0].length,
              publicPrefix: header[0].length,
            });
          break;
        }
        body += (line.match(BODY_RUN) ?? []).join('');
        lineStart = lineEnd + 1;
      }
    }
    return found;
  },
};

function isKeyMaterial(body: string): boolean {
  return body.length >= 200 && !/EXAMPLE|x{6,}|X{6,}/.test(body) && shannonEntropy(body) > 5;
}
