import { isPlaceholder } from '../placeholders.js';
import type { Candidate, Rule } from '../types.js';
import { isReference } from './assignment.js';

const SECRET_KIND = /(?:^|\n)[ \t]*["']?kind["']?[ \t]*:[ \t]*["']?Secret["']?[ \t]*(?:\r?\n|$)/;
const BLOCK = /^([ \t]*)(data|stringData):[ \t]*$/gm;
// The value ends on a non-blank character (greedy): a lazy value retried the trailing blanks from each
// of its characters, quadratic on a long run of blanks. A CRLF line's `\r` goes with the blanks.
export const KUBERNETES_SECRET_ENTRY =
  /^([ \t]+)(["']?)([\w.-]+)\2[ \t]*:[ \t]*(["']?)([^\s"'#](?:[^"'#\n]*[^\s"'#])?)\4[ \t\r]*$/;

/** base64 of something: the round trip holds and it is not a word or a number in disguise. */
function encodedValue(value: string): boolean {
  if (!/^[A-Za-z0-9+/]{8,}={0,2}$/.test(value) || value.length % 4 !== 0) return false;
  const decoded = Buffer.from(value, 'base64');
  if (decoded.toString('base64') !== value) return false;
  const text = decoded.toString('utf8');
  // Decoded text is judged as the value it encodes; binary (keys, certificates) counts as it is.
  return !/^[\x20-\x7e]*$/.test(text) || (text.length >= 4 && !isPlaceholder(text) && !isReference(text));
}

/**
 * The values of a Kubernetes Secret manifest (`kind: Secret`): every entry of `data:` (base64,
 * decoded and checked for placeholders) and `stringData:` (plain). Reported on every file type:
 * manifests live in .yaml files, Helm charts, Markdown and here-documents in shell scripts.
 */
export const kubernetesSecretRule: Rule = {
  id: 'kubernetes-secret',
  title: 'Value in a Kubernetes Secret',
  category: 'high-entropy',
  priority: 70,
  keywords: ['secret'],
  find(text): Candidate[] {
    const found: Candidate[] = [];
    if (!text.includes('Secret') || !SECRET_KIND.test(text)) return found;
    BLOCK.lastIndex = 0;
    for (let block = BLOCK.exec(text); block; block = BLOCK.exec(text)) {
      const indent = block[1]!.length;
      const plain = block[2] === 'stringData';
      let offset = block.index + block[0].length + 1;
      while (offset < text.length) {
        const end = text.indexOf('\n', offset);
        const line = text.slice(offset, end === -1 ? undefined : end);
        const entry = KUBERNETES_SECRET_ENTRY.exec(line);
        if (line.trim() !== '' && !entry) break;
        if (entry) {
          if (entry[1]!.length <= indent) break;
          const value = entry[5]!.trim();
          const ok = plain ? value.length >= 6 && !isPlaceholder(value) && !isReference(value) : encodedValue(value);
          if (ok) {
            const start = offset + line.indexOf(value, entry[1]!.length + entry[3]!.length);
            found.push({ start, end: start + value.length });
          }
        }
        if (end === -1) break;
        offset = end + 1;
      }
    }
    return found;
  },
};
