import { looksRandom } from '../entropy.js';
import { isPlaceholder } from '../placeholders.js';
import type { Candidate, Rule, RuleContext } from '../types.js';
import { classifyKey, type KeyKind } from './key-names.js';

/**
 * Secrets recognised by where they are written rather than by their shape: a value assigned to
 * a key in config or code (`password = "…"`, `DB_PASSWORD=…`, `"apiKey": "…"`, `token: …`).
 */
interface Assignment {
  key: string;
  value: string;
  valueStart: number;
  quoted: boolean;
}

// A key, optionally quoted, then one of = : := => (not == or <= or >=). Python/TS type
// annotations (`password: str = "…"`) are handled after the match.
const KEY_OP = /(?<![\w.$-])(["']?)([A-Za-z_$][\w.\-$]*)\1[ \t]*(:=|=>|=|:(?!:))[ \t]*/g;
const XML_ELEMENT = /<([A-Za-z_][\w.-]*)>([^<>\s]{4,200})<\/\1>/g;
const ANNOTATION = /^[A-Za-z_][\w.[\], |]*?[ \t]*=(?!=)[ \t]*/;

// The three assignment rules run one after the other on the same text: parse it once.
let cached: { text: string; code: boolean; list: Assignment[] } | undefined;

export function assignments(text: string, context: RuleContext): Assignment[] {
  if (cached?.text !== text || cached.code !== context.code)
    cached = { text, code: context.code, list: [...parseAssignments(text, context)] };
  return cached.list;
}

function* parseAssignments(text: string, context: RuleContext): Iterable<Assignment> {
  KEY_OP.lastIndex = 0;
  for (let match = KEY_OP.exec(text); match; match = KEY_OP.exec(text)) {
    const key = match[2]!;
    const before = text[match.index - 1];
    if (before === '<' || before === '>' || before === '!' || before === '=') continue;
    const opEnd = match.index + match[0].trimEnd().length;
    // `==` compares in code; in .env or .properties files `KEY==x` assigns "=x".
    if (match[3] === '=' && text[opEnd] === '=' && context.code) continue;
    let valueStart = match.index + match[0].length;
    if (match[3] === ':' && context.code) {
      const annotation = ANNOTATION.exec(text.slice(valueStart, valueStart + 80));
      if (annotation && !/^["'`]/.test(text.slice(valueStart))) valueStart += annotation[0].length;
    }
    const value = readValue(text, valueStart);
    if (value) yield { key, ...value };
  }
  XML_ELEMENT.lastIndex = 0;
  for (let match = XML_ELEMENT.exec(text); match; match = XML_ELEMENT.exec(text)) {
    yield { key: match[1]!, value: match[2]!, valueStart: match.index + match[1]!.length + 2, quoted: true };
  }
}

function readValue(text: string, start: number): { value: string; valueStart: number; quoted: boolean } | undefined {
  const quote = text[start];
  if (quote === '"' || quote === "'" || quote === '`') {
    let end = start + 1;
    while (end < text.length && text[end] !== quote && text[end] !== '\n') {
      end += text[end] === '\\' ? 2 : 1;
    }
    if (text[end] !== quote) return undefined;
    return { value: text.slice(start + 1, end), valueStart: start + 1, quoted: true };
  }
  const lineEnd = text.indexOf('\n', start);
  const rest = text.slice(start, lineEnd === -1 ? undefined : lineEnd);
  const token = /^[^\s"'`]+/.exec(rest)?.[0].replace(/[,;)}\]]+$/, '');
  if (!token) return undefined;
  return { value: token, valueStart: start, quoted: false };
}

const BINARY_MAGIC = /^(?:iVBORw0KGgo|\/9j\/|R0lGOD|UklGR|PHN2Zy|AAAA|data:)/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isReference(value: string): boolean {
  return value.includes('${') || value.includes('{{') || value.includes('#{') || isPlaceholder(value);
}

function isPasswordValue(value: string, quoted: boolean, context: RuleContext): boolean {
  if (context.code && !quoted) return false;
  if (value.length < 6 || value.length > 200 || isReference(value)) return false;
  if (/\s/.test(value) || value.includes('://')) return false;
  if (/^(?:\.{0,2}|~)\//.test(value) || /\.(?:txt|pem|key|json|ya?ml|env|conf|cfg)$/i.test(value)) return false;
  if (!quoted && /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+(?:\(.*)?$/.test(value)) return false; // config.db.password
  // An expression, not a literal: `password = secret["data"]…`, `password = read_secret(…)` (code
  // in markdown or notebooks is not parsed as code, so this must hold outside code files too).
  if (!quoted && /^[A-Za-z_$][\w$.]*[[(]/.test(value)) return false;
  return true;
}

function isSecretValue(value: string, kind: KeyKind, quoted: boolean, context: RuleContext): boolean {
  if (context.code && !quoted) return false;
  if (value.length > 256 || isReference(value) || BINARY_MAGIC.test(value)) return false;
  if (kind === 'secret') return UUID.test(value) || looksRandom(value, 'relaxed');
  // A neutral name with an unquoted value is a YAML/Flow identifier far more often than a key;
  // .env files are the exception (nothing is quoted there).
  if (UUID.test(value) || context.minified || (!quoted && !context.envFile)) return false;
  return looksRandom(value, 'strict');
}

function assignmentRule(
  id: string,
  title: string,
  category: 'password' | 'high-entropy',
  priority: number,
  wanted: (kind: KeyKind) => boolean,
): Rule {
  return {
    id,
    title,
    category,
    priority,
    *find(text: string, context: RuleContext): Iterable<Candidate> {
      // Source maps repeat the sources (scanned on their own) as JSON-escaped strings.
      if (context.lockFile || context.file?.endsWith('.map')) return;
      for (const { key, value, valueStart, quoted } of assignments(text, context)) {
        const kind = classifyKey(key);
        if (!wanted(kind)) continue;
        const ok =
          kind === 'password' ? isPasswordValue(value, quoted, context) : isSecretValue(value, kind, quoted, context);
        if (ok) yield { start: valueStart, end: valueStart + value.length };
      }
    },
  };
}

export const assignmentRules: Rule[] = [
  assignmentRule(
    'password-assignment',
    'Password assigned in config or code',
    'password',
    60,
    (kind) => kind === 'password',
  ),
  assignmentRule(
    'secret-assignment',
    'Random-looking value assigned to a secret-named key',
    'high-entropy',
    50,
    (kind) => kind === 'secret',
  ),
  assignmentRule(
    'high-entropy-string',
    'High-entropy string assigned to a variable',
    'high-entropy',
    40,
    (kind) => kind === 'neutral',
  ),
];
