import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/** A regular expression the scanner, the leak detector or the output redaction uses, and where it comes from. */
export interface CollectedPattern {
  source: string;
  flags: string;
  where: string;
}

const ROOT = join(import.meta.dirname, '../..');

/** The source files whose regular expressions run on text a learner or a repository supplies. */
export const AUDITED_FOLDERS = ['src/scanner', 'src/grader/kinds/leak', 'src/util'];
export const AUDITED_FILES = ['src/grader/kinds/vault-app/leak-hints.ts'];

function sourceFiles(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) return walk(path);
      return /\.tsx?$/.test(entry.name) ? [path] : [];
    });
  return [...AUDITED_FOLDERS.flatMap(walk), ...AUDITED_FILES];
}

/** Every regular-expression literal in the audited files (`/…/g` in the code as written). */
export function literalPatterns(): CollectedPattern[] {
  const found: CollectedPattern[] = [];
  for (const file of sourceFiles()) {
    const text = readFileSync(join(ROOT, file), 'utf8');
    const tree = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (ts.isRegularExpressionLiteral(node)) {
        const literal = node.text;
        const end = literal.lastIndexOf('/');
        const line = tree.getLineAndCharacterOfPosition(node.getStart()).line + 1;
        found.push({ source: literal.slice(1, end), flags: literal.slice(end + 1), where: `${file}:${line}` });
      }
      ts.forEachChild(node, visit);
    };
    visit(tree);
  }
  return found;
}

/**
 * Every regular expression built at run time (`new RegExp(…)`: the gitleaks rules translated from
 * Go, patterns assembled from word lists) while the audited modules load and scan a sample: the
 * RegExp constructor is wrapped for that time only.
 */
export async function constructedPatterns(exercise: () => Promise<void>): Promise<CollectedPattern[]> {
  const found: CollectedPattern[] = [];
  const Original = globalThis.RegExp;
  globalThis.RegExp = new Proxy(Original, {
    construct(target, args: [string | RegExp, string | undefined], newTarget) {
      const made = Reflect.construct(target, args, newTarget) as RegExp;
      const stack = new Error().stack?.split('\n')[2] ?? '';
      const at = /\((.*?):(\d+):\d+\)$|at (.*?):(\d+):\d+$/.exec(stack);
      const where = at
        ? `${relative(ROOT, at[1] ?? at[3] ?? '').replace(/^file:\/+/, '/')}:${at[2] ?? at[4]}`
        : 'run time';
      found.push({ source: made.source, flags: made.flags, where });
      return made;
    },
    apply(target, self, args: [string | RegExp, string | undefined]) {
      return Reflect.apply(target, self, args) as RegExp;
    },
  });
  try {
    await exercise();
  } finally {
    globalThis.RegExp = Original;
  }
  return found;
}

/** One entry per distinct pattern and flags, naming every place it comes from. */
export function distinct(patterns: CollectedPattern[]): CollectedPattern[] {
  const byKey = new Map<string, CollectedPattern>();
  for (const p of patterns) {
    const key = `${p.flags.replace(/[gyd]/g, '')}/${p.source}`;
    const seen = byKey.get(key);
    if (!seen) byKey.set(key, { ...p, flags: p.flags.replace(/[gyd]/g, '') });
    else if (!seen.where.split(', ').includes(p.where)) seen.where += `, ${p.where}`;
  }
  return [...byKey.values()];
}

/** Every regular expression the scanner, the leak detector and the output redaction use, once each. */
export async function auditedPatterns(): Promise<CollectedPattern[]> {
  const literals = literalPatterns();
  const built = await constructedPatterns(async () => {
    const { rules } = await import('../../src/scanner/rules/index.js');
    await import('../../src/scanner/leak/detector.js');
    const { scanText } = await import('../../src/scanner/scan-text.js');
    // gitleaks' rules compile on their first keyword hit: one line per keyword loads them all.
    scanText(rules.flatMap((rule) => rule.keywords ?? []).join(' = x\n'), { file: 'a.txt' });
  });
  return distinct([...literals, ...built]);
}
