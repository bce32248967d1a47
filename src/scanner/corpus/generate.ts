import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { CORPUS_CATEGORIES, type CorpusCategory } from '../types.js';
import { allowCommentSnippet, decoyFiles, decoySnippet, fillerLine } from './decoys.js';
import { pick, randomInt } from './random.js';
import { formatsOf, secretSnippet, type DecoyKind, type Format, type Snippet } from './snippets.js';

export interface CorpusFile {
  /** Relative path with `/` separators. */
  path: string;
  content: string;
}

/** Ground truth: this line of this file holds one secret of this category. */
export interface CorpusLabel {
  file: string;
  /** 1-based. For a multi-line private key, the `-----BEGIN` line. */
  line: number;
  category: CorpusCategory;
}

/** Where a decoy was placed (for diagnosing false positives; not needed for scoring). */
export interface CorpusDecoy {
  file: string;
  line: number;
  kind: DecoyKind;
}

export interface Corpus {
  files: CorpusFile[];
  labels: CorpusLabel[];
  decoys: CorpusDecoy[];
}

export interface CorpusOptions {
  /** Secrets per category (default 30). */
  perCategory?: number;
  /** Decoys per kind (default 20). */
  decoysPerKind?: number;
}

const SNIPPETS_PER_FILE = 8;

const PATHS: Record<Exclude<Format, 'pem'>, (i: number) => string> = {
  env: (i) =>
    i === 0 ? '.env' : pick(['config/.env.', 'deploy/.env.']) + pick(['production', 'staging', 'local']) + `-${i}`,
  yaml: (i) => pick(['config/app-', 'deploy/values-', 'k8s/secret-', 'compose/docker-compose.']) + `${i}.yaml`,
  json: (i) => pick(['config/settings-', 'config/credentials-', 'app/appsettings.']) + `${i}.json`,
  py: (i) => pick(['app/settings_', 'scripts/sync_', 'service/db_']) + `${i}.py`,
  js: (i) => pick(['src/config-', 'src/clients/client-', 'scripts/deploy-']) + `${i}.js`,
  go: (i) => `internal/config/config_${i}.go`,
  properties: (i) => `src/main/resources/application-${i}.properties`,
  md: (i) => pick(['docs/setup-', 'docs/runbook-', 'notes/onboarding-']) + `${i}.md`,
};

const PEM_PATHS = ['certs/server-', 'deploy/id_ed25519-', 'keys/service-', 'secrets/signing-'];

/**
 * A fresh corpus of realistic files: secrets of every category (new random values each call)
 * mixed with filler and decoys, plus whole decoy files (lock files, a changelog, a test fixture
 * marked with secrets-workbook:allow-file). Nothing is written to disk: see writeCorpus.
 */
export function generateCorpus(options: CorpusOptions = {}): Corpus {
  const perCategory = options.perCategory ?? 30;
  const decoysPerKind = options.decoysPerKind ?? 20;
  const byFormat = new Map<Format, Snippet[]>();
  const add = (snippet: Snippet) => byFormat.set(snippet.format, [...(byFormat.get(snippet.format) ?? []), snippet]);

  for (const category of CORPUS_CATEGORIES) {
    const formats = formatsOf(category);
    for (let i = 0; i < perCategory; i++) add(secretSnippet(category, formats[i % formats.length]));
  }
  for (const kind of ['uuid', 'commit-sha', 'base64-image', 'placeholder', 'near-miss'] as const) {
    for (let i = 0; i < decoysPerKind; i++) add(decoySnippet(undefined, kind));
  }
  for (let added = 0; added < decoysPerKind;) {
    const snippet = allowCommentSnippet(
      pick(['env', 'yaml', 'py', 'js', 'go', 'properties'] as const),
      pick(CORPUS_CATEGORIES),
    );
    if (snippet) {
      add(snippet);
      added++;
    }
  }

  const corpus: Corpus = { files: [], labels: [], decoys: [] };
  const usedPaths = new Set<string>();
  const uniquePath = (path: string) => {
    let candidate = path;
    for (let n = 2; usedPaths.has(candidate); n++) candidate = path.replace(/(\.[^./]+)?$/, `-${n}$1`);
    usedPaths.add(candidate);
    return candidate;
  };

  for (const [format, snippets] of byFormat) {
    shuffle(snippets);
    if (format === 'pem') {
      snippets.forEach((snippet, i) => emit(corpus, uniquePath(`${pick(PEM_PATHS)}${i}.pem`), 'pem', [snippet]));
      continue;
    }
    for (let i = 0; i * SNIPPETS_PER_FILE < snippets.length; i++) {
      emit(
        corpus,
        uniquePath(PATHS[format](i)),
        format,
        snippets.slice(i * SNIPPETS_PER_FILE, (i + 1) * SNIPPETS_PER_FILE),
      );
    }
  }
  for (const file of decoyFiles(decoysPerKind)) {
    const path = uniquePath(file.path);
    corpus.files.push({ path, content: file.lines.join('\n') + '\n' });
    file.lines.forEach((_, i) => i > 0 && corpus.decoys.push({ file: path, line: i + 1, kind: file.decoy }));
  }
  corpus.files.sort((a, b) => a.path.localeCompare(b.path));
  return corpus;
}

/** Renders snippets into one file of the given format, recording labels and decoys. */
function emit(corpus: Corpus, path: string, format: Format, snippets: Snippet[]): void {
  const lines: string[] = [];
  const { header, footer, indent } = frame(format);
  lines.push(...header);
  snippets.forEach((snippet, i) => {
    if (format !== 'pem')
      for (let f = randomInt(0, 3); f > 0; f--)
        lines.push(indent + fillerLine(format) + (format === 'json' ? ',' : ''));
    const fenced = format === 'md';
    if (fenced) lines.push('```sh');
    const first = lines.length + 1;
    const last = format === 'json' && i === snippets.length - 1;
    snippet.lines.forEach((line, j) => {
      const comma = format === 'json' && !(last && j === snippet.lines.length - 1) ? ',' : '';
      lines.push(indent + line + comma);
    });
    if (fenced) lines.push('```');
    if (snippet.category !== undefined)
      corpus.labels.push({ file: path, line: first + (snippet.label ?? 0), category: snippet.category });
    if (snippet.decoy) corpus.decoys.push({ file: path, line: first, kind: snippet.decoy });
  });
  lines.push(...footer);
  corpus.files.push({ path, content: lines.join('\n') + '\n' });
}

function frame(format: Format): { header: string[]; footer: string[]; indent: string } {
  switch (format) {
    case 'json':
      return { header: ['{', '  "service": {'], footer: ['  }', '}'], indent: '    ' };
    case 'py':
      return { header: ['import os', ''], footer: [], indent: '' };
    case 'js':
      return { header: ["'use strict';", ''], footer: [], indent: '' };
    case 'go':
      return { header: ['package config', '', 'func setup() {'], footer: ['}'], indent: '\t' };
    case 'yaml':
      return { header: ['app:'], footer: [], indent: '' };
    case 'md':
      return { header: ['# Setup', ''], footer: [], indent: '' };
    default:
      return { header: [], footer: [], indent: '' };
  }
}

function shuffle<T>(items: T[]): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = randomInt(0, i + 1);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
}

/** Writes the corpus files under `dir` (created as needed). Labels are not written. */
export async function writeCorpus(corpus: Corpus, dir: string): Promise<void> {
  for (const file of corpus.files) {
    const target = join(dir, ...file.path.split('/'));
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, file.content);
  }
}
