import { lineOf, type SourceFile } from './files.js';

/**
 * Clues in the learner's source for the hints of failed checks: which environment variables it
 * reads (a wrong name is a common mistake) and whether it hard-codes a Vault address.
 */
export const PROVIDED_VARIABLES = ['VAULT_ADDR', 'VAULT_ROLE_ID', 'VAULT_SECRET_ID'] as const;

export interface SourceLocation {
  file: string;
  line: number;
}

export interface EnvReference extends SourceLocation {
  name: string;
  /** The provided variable it was probably meant to be. */
  meant?: (typeof PROVIDED_VARIABLES)[number];
}

export interface SourceHints {
  /** Variables the code reads that the grader does not set but that look like ours (ROLE_ID, VAULT_TOKEN). */
  wrongVariables: EnvReference[];
  /** Fixed Vault-looking addresses (`http://127.0.0.1:8200`). */
  fixedAddresses: Array<SourceLocation & { text: string }>;
}

const ENV_PATTERNS: RegExp[] = [
  /\bos\.environ\s*\[\s*["']([A-Za-z_][A-Za-z0-9_]*)["']\s*\]/g, // Python
  /\b(?:os\.environ\.get|os\.getenv|getenv|environ\.get)\s*\(\s*["']([A-Za-z_][A-Za-z0-9_]*)["']/g, // Python, C-ish
  /\bprocess\.env\.([A-Za-z_][A-Za-z0-9_]*)/g, // Node
  /\bprocess\.env\s*\[\s*["'`]([A-Za-z_][A-Za-z0-9_]*)["'`]\s*\]/g,
  /\b(?:os\.Getenv|os\.LookupEnv|Deno\.env\.get|System\.getenv|ENV\.fetch)\s*\(\s*["']([A-Za-z_][A-Za-z0-9_]*)["']/g, // Go, Deno, Java, Ruby
  /\brequireEnv\s*\(\s*["'`]([A-Za-z_][A-Za-z0-9_]*)["'`]/g,
  /\brequire_env\s*\(\s*["']([A-Za-z_][A-Za-z0-9_]*)["']/g,
  /\$\{?([A-Z][A-Z0-9_]*)\b/g, // shell
];

const ADDRESS_PATTERN =
  /\b(?:https?:\/\/)?(?:localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\]|vault(?:\.[a-z0-9.-]+)?):8200\b/g;

export function findSourceHints(files: readonly SourceFile[]): SourceHints {
  const wrongVariables: EnvReference[] = [];
  const fixedAddresses: SourceHints['fixedAddresses'] = [];
  const seen = new Set<string>();
  for (const file of files) {
    const shell = /\.(sh|bash|zsh)$/.test(file.path);
    for (const pattern of ENV_PATTERNS) {
      if (pattern.source.startsWith('\\$') && !shell) continue;
      for (const match of file.text.matchAll(pattern)) {
        const name = match[1]!;
        if ((PROVIDED_VARIABLES as readonly string[]).includes(name) || seen.has(name)) continue;
        const meant = probablyMeant(name);
        if (!meant && !/VAULT|ROLE|SECRET/i.test(name)) continue;
        seen.add(name);
        wrongVariables.push({ name, meant, file: file.path, line: lineOf(file.text, match.index ?? 0) });
      }
    }
    for (const match of file.text.matchAll(ADDRESS_PATTERN)) {
      fixedAddresses.push({ text: match[0], file: file.path, line: lineOf(file.text, match.index ?? 0) });
    }
  }
  return { wrongVariables, fixedAddresses };
}

function probablyMeant(name: string): (typeof PROVIDED_VARIABLES)[number] | undefined {
  const upper = name.toUpperCase().replace(/[^A-Z]/g, '');
  if (upper.includes('ROLE')) return 'VAULT_ROLE_ID';
  if (upper.includes('SECRET')) return 'VAULT_SECRET_ID';
  if (upper.includes('ADDR') || upper.includes('URL') || upper.includes('HOST'))
    return upper.includes('VAULT') ? 'VAULT_ADDR' : undefined;
  return undefined;
}

/** A variable the program is given is not a wrong variable name (VAULT_WRAPPED_SECRET_ID_FILE for the orchestrator). */
export function withoutProvidedVariables(hints: SourceHints, provided: Iterable<string>): SourceHints {
  const names = new Set(provided);
  return { ...hints, wrongVariables: hints.wrongVariables.filter((variable) => !names.has(variable.name)) };
}
