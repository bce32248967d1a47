// Builds the foreign corpus (test/fixtures/foreign-corpus/) from the test data of four other
// secret scanners, at pinned commits: gitleaks' rule examples, secretlint's rule snapshots,
// TruffleHog's detector tests and detect-secrets' plugin tests. Run:
//
//   node scripts/run-ts.mjs scripts/foreign-corpus/build.ts [--repo NAME=GIT_DIR]...
//
// Without --repo each project is cloned from GitHub (blobless) into a temporary folder. Needs git,
// go and python3. The rules below (scope, labels, categories, sampling, split) were fixed before
// any scanner was run on the result; see test/fixtures/foreign-corpus/README.md.
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { checkoutAt } from './checkout.js';
import { encodeForeignCorpus, FOREIGN_CORPUS_FILE, type ForeignExample } from '../../src/scanner/corpus/foreign.js';
import { categoryOf, type RawExample } from './scope.js';
import { SOURCES, type SourceName } from './sources.js';
import { perRuleNegatives } from './judge.js';
import { secretlintExamples } from './secretlint.js';
import { alphabetRun, indexTsv, summary } from './shape.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
/** At most this many examples of one label per unit (rule function, test table, fixture). */
const PER_UNIT = 12;

async function checkout(name: SourceName, given: string | undefined, paths: string[], into: string): Promise<string> {
  const source = SOURCES[name];
  return checkoutAt(source, [...paths, source.licenceFile], join(into, name), { given, scratch: into });
}

async function goExamples(mode: 'gitleaks' | 'trufflehog', dir: string, files: string[]): Promise<RawExample[]> {
  const { stdout } = await execa('go', ['run', join(here, 'extract_go.go'), mode, ...files], { cwd: dir });
  const items = JSON.parse(stdout) as Array<{
    path: string;
    line: number;
    unit: string;
    kind: string;
    text: string;
    want?: string[];
  }>;
  const source = mode;
  return items
    .filter((item) => item.kind !== 'none') // TruffleHog's "no result" cases test its regex and verifier, not benignity
    .map((item) => ({
      source,
      path: item.path,
      line: item.line,
      unit: item.unit,
      label: item.kind === 'fp' ? 'benign' : 'secret',
      text: item.text,
      ...(item.want ? { want: item.want } : {}),
    }));
}

async function detectSecretsExamples(dir: string, files: string[]): Promise<RawExample[]> {
  const { stdout } = await execa('python3', [join(here, 'extract_detect_secrets.py'), ...files], { cwd: dir });
  const items = JSON.parse(stdout) as Array<{
    path: string;
    line: number;
    unit: string;
    kind: string;
    text: string;
    extension?: string;
  }>;
  // The negatives of a format plugin (npm, openai, gitlab, …) probe the edges of one regular
  // expression — a registry URL without its slash, `T4` where the format has `T3`, a token a
  // character short — not harmless text, so only the keyword plugin's negatives are kept.
  return items
    .filter((item) => item.kind === 'tp' || item.path.endsWith('keyword_test.py'))
    .map((item) => ({
      source: 'detect-secrets',
      path: item.path,
      line: item.line,
      unit: item.unit,
      label: item.kind === 'tp' ? 'secret' : 'benign',
      text: item.text,
      ...(item.extension ? { extension: item.extension } : {}),
    }));
}

async function listFiles(dir: string, under: string, pattern: RegExp): Promise<string[]> {
  const out: string[] = [];
  const walk = async (path: string) => {
    for (const entry of await readdir(join(dir, path), { withFileTypes: true })) {
      const child = join(path, entry.name);
      if (entry.isDirectory()) await walk(child);
      else if (pattern.test(child)) out.push(child);
    }
  };
  await walk(under);
  return out.sort();
}

function parseRepos(args: string[]): Partial<Record<SourceName, string>> {
  const given: Partial<Record<SourceName, string>> = {};
  for (let i = 0; i < args.length; i++) {
    const value = args[i] === '--repo' ? args[++i] : undefined;
    const [name, path] = value?.split('=') ?? [];
    if (!name || !path || !(name in SOURCES))
      throw new Error(`usage: build.ts [--repo NAME=GIT_DIR]... (got ${args[i]})`);
    given[name as SourceName] = path;
  }
  return given;
}

async function collect(given: Partial<Record<SourceName, string>>, work: string): Promise<RawExample[]> {
  const raw: RawExample[] = [];
  const gitleaksPaths = SOURCES.gitleaks.scope.map((file) => `cmd/generate/config/rules/${file}.go`);
  const gitleaks = await checkout('gitleaks', given.gitleaks, gitleaksPaths, work);
  raw.push(...(await goExamples('gitleaks', gitleaks, gitleaksPaths)));

  const secretlintPaths = SOURCES.secretlint.scope.map((rule) => `packages/@secretlint/secretlint-rule-${rule}/test`);
  const secretlint = await checkout('secretlint', given.secretlint, secretlintPaths, work);
  raw.push(...(await secretlintExamples(secretlint, secretlintPaths)));

  const trufflehogDirs = SOURCES.trufflehog.scope.map((detector) => `pkg/detectors/${detector}`);
  const trufflehog = await checkout('trufflehog', given.trufflehog, trufflehogDirs, work);
  const trufflehogTests: string[] = [];
  for (const dir of trufflehogDirs) trufflehogTests.push(...(await listFiles(trufflehog, dir, /_test\.go$/)));
  const unitTests: string[] = [];
  for (const file of trufflehogTests) {
    // Integration tests read live credentials from a secret manager: nothing literal to take.
    if (!/^\/\/go:build .*detectors/m.test(await readFile(join(trufflehog, file), 'utf8'))) unitTests.push(file);
  }
  raw.push(...(await goExamples('trufflehog', trufflehog, unitTests)));

  const detectSecretsPaths = SOURCES['detect-secrets'].scope.map((plugin) => `tests/plugins/${plugin}_test.py`);
  const detectSecrets = await checkout('detect-secrets', given['detect-secrets'], detectSecretsPaths, work);
  raw.push(...(await detectSecretsExamples(detectSecrets, detectSecretsPaths)));

  for (const name of Object.keys(SOURCES) as SourceName[]) {
    const licence = await readFile(join(work, name, SOURCES[name].licenceFile), 'utf8');
    await writeFile(join(root, 'test/fixtures/foreign-corpus/licences', `${name}.txt`), licence);
  }
  return raw;
}

/**
 * The lines of `text` that hold `value`. A JSON value (TruffleHog reports credentials made of
 * several parts as JSON, e.g. an account name and key) spans from the first to the last line
 * holding one of its string parts.
 */
function locate(text: string, value: string): [number, number] | undefined {
  let parts = [value];
  if (value.startsWith('{')) {
    try {
      parts = Object.values(JSON.parse(value) as Record<string, unknown>).filter(
        (v): v is string => typeof v === 'string',
      );
    } catch {
      // not JSON: the value itself
    }
  }
  const lines: number[] = [];
  for (const part of parts) {
    const at = part.length >= 8 ? text.indexOf(part) : -1;
    if (at === -1) continue;
    const start = text.slice(0, at).split('\n').length;
    lines.push(start, start + part.split('\n').length - 1);
  }
  return lines.length ? [Math.min(...lines), Math.max(...lines)] : undefined;
}

type Labelled = Omit<ForeignExample, 'id' | 'split' | 'repo' | 'commit' | 'licence'> & {
  splitKey: string;
  /** Per secret range: the secret itself when known (TruffleHog's `want`), else its lines. */
  values: string[];
};

/** The secret part of a TruffleHog `want`: the longest string in it. */
function wantedValue(want: string): string {
  try {
    const parts = Object.values(JSON.parse(want) as Record<string, unknown>).filter(
      (v): v is string => typeof v === 'string',
    );
    return parts.sort((a, b) => b.length - a.length)[0] ?? want;
  } catch {
    return want;
  }
}

function label(raw: RawExample): Labelled {
  const lines = raw.text.split('\n');
  let secrets: Array<[number, number]> = [];
  let values: string[] = [];
  let othersUnlabelled = false;
  const linesOf = ([start, end]: [number, number]) => lines.slice(start - 1, end).join('\n');
  if (raw.label === 'secret') {
    const located = raw.want?.map((w) => locate(raw.text, w));
    if (raw.ranges) {
      secrets = raw.ranges;
      values = secrets.map(linesOf);
      othersUnlabelled = true;
    } else if (raw.want && located?.every((range) => range !== undefined)) {
      secrets = located as Array<[number, number]>;
      values = raw.want.map(wantedValue);
      othersUnlabelled = true;
    } else {
      secrets = [[1, lines.length]];
      values = [raw.want ? raw.want.map(wantedValue).join('\n') : raw.text];
    }
    const unique = new Map(secrets.map((range, i) => [range.join('-'), [range, values[i]!] as const]));
    const sorted = [...unique.values()].sort((a, b) => a[0][0] - b[0][0]);
    secrets = sorted.map(([range]) => range);
    values = sorted.map(([, value]) => value);
  }
  return {
    source: raw.source,
    path: raw.path,
    line: raw.line,
    unit: raw.unit,
    category: categoryOf(raw),
    label: raw.label,
    name: raw.name ?? `example.${raw.extension ?? 'txt'}`,
    text: raw.text,
    secrets,
    values,
    othersUnlabelled,
    // TruffleHog's cases of one detector test the same regex: split them together.
    splitKey: raw.source === 'trufflehog' ? `${raw.source}:${raw.path}` : `${raw.source}:${raw.path}#${raw.unit}`,
  };
}

const EXTENSION_PREFERENCE = ['conf', 'py', 'go', 'js', 'java', 'c', 'cs', 'swift', 'tf', 'm', 'cls', 'pyi'];

/**
 * One example per distinct text and label (the first; for detect-secrets the preferred
 * extension). A text some rule or test calls a secret is not kept as benign: a gitleaks rule's
 * false positive that is another rule's true positive (an Anthropic admin key is a "wrong prefix"
 * for the API-key rule) is a near miss of one format, not harmless text.
 */
function dedupe(examples: Labelled[]): Labelled[] {
  const secretTexts = new Set(examples.filter((e) => e.label === 'secret').map((e) => e.text));
  const groups = new Map<string, Labelled[]>();
  for (const example of examples) {
    if (example.label === 'benign' && secretTexts.has(example.text)) continue;
    const key = `${example.label}\0${example.text}`;
    groups.set(key, [...(groups.get(key) ?? []), example]);
  }
  return [...groups.values()].map((group) => {
    const rank = (e: Labelled) => {
      const i = EXTENSION_PREFERENCE.indexOf(e.name.replace(/^example\./, ''));
      return i === -1 ? EXTENSION_PREFERENCE.length : i;
    };
    return group.filter((e) => e.source === group[0]!.source).sort((a, b) => rank(a) - rank(b))[0]!;
  });
}

/** At most PER_UNIT examples per unit and label, evenly spaced through the unit's source order. */
function cap(examples: Labelled[]): Labelled[] {
  const groups = new Map<string, Labelled[]>();
  for (const example of examples) {
    const key = `${example.source}\0${example.path}\0${example.unit}\0${example.label}`;
    groups.set(key, [...(groups.get(key) ?? []), example]);
  }
  const kept = new Set<Labelled>();
  for (const group of groups.values()) {
    if (group.length <= PER_UNIT) group.forEach((e) => kept.add(e));
    else for (let i = 0; i < PER_UNIT; i++) kept.add(group[Math.floor((i * group.length) / PER_UNIT)]!);
  }
  return examples.filter((e) => kept.has(e));
}

/**
 * Positives whose secret is a placeholder: one character ten times in a row (`AKIAZZZZ…`,
 * `sk_live_AAAA…`), eight or more in alphabet order (`abcdefgh…`, `12345678`) or AWS's
 * documentation marker EXAMPLE. Regex tests label them "should match"; as secrets they are not,
 * and scoring them would reward scanners for flagging placeholders. Their lines become
 * unlabelled (an example left with no secret is dropped).
 */
const PLACEHOLDER_SECRET = /(.)\1{9,}|EXAMPLE/;

function withoutPlaceholders(examples: Labelled[]): { kept: Labelled[]; dropped: number } {
  let dropped = 0;
  const kept: Labelled[] = [];
  for (const example of examples) {
    if (example.label === 'benign') {
      kept.push(example);
      continue;
    }
    const secrets = example.secrets.filter((_range, i) => {
      const value = example.values[i]!;
      const placeholder = PLACEHOLDER_SECRET.test(value) || alphabetRun(value);
      if (placeholder) dropped++;
      return !placeholder;
    });
    if (secrets.length === 0) continue;
    kept.push({
      ...example,
      secrets,
      othersUnlabelled: example.othersUnlabelled || secrets.length < example.secrets.length,
    });
  }
  return { kept, dropped };
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

function finish(examples: Labelled[]): ForeignExample[] {
  return examples.map(({ splitKey, values: _values, ...example }) => {
    const source = SOURCES[example.source as SourceName];
    return {
      id: `${example.source}-${sha256(`${example.path}\0${example.label}\0${example.text}`).slice(0, 10)}`,
      ...example,
      repo: source.repo,
      commit: source.commit,
      licence: source.licence,
      // Fixed before any tuning: the first byte of SHA-256 of the unit decides, half and half.
      split: parseInt(sha256(splitKey).slice(0, 2), 16) % 2 === 0 ? 'held-out' : 'tuning',
    };
  });
}

async function main(): Promise<void> {
  // Run through scripts/run-ts.mjs: the arguments follow this script's path.
  const given = parseRepos(process.argv.slice(process.argv.findIndex((a) => a.endsWith('build.ts')) + 1));
  const work = await mkdtemp(join(tmpdir(), 'sw-foreign-corpus-'));
  try {
    await mkdir(join(root, 'test/fixtures/foreign-corpus/licences'), { recursive: true });
    const raw = await collect(given, work);
    const { kept, dropped } = withoutPlaceholders(dedupe(raw.map(label)));
    const perRule = await perRuleNegatives(kept, work);
    const examples = finish(cap(kept.filter((e) => !perRule.has(e))));
    examples.sort((a, b) => a.id.localeCompare(b.id));
    await writeFile(join(root, FOREIGN_CORPUS_FILE), encodeForeignCorpus(examples));
    await writeFile(join(root, 'test/fixtures/foreign-corpus/index.tsv'), indexTsv(examples));
    console.log(
      `${dropped} placeholder secrets left out; ${perRule.size} per-rule negatives their own project reports`,
    );
    console.log(
      `${raw.length} extracted, ${examples.length} kept; written to ${relative(process.cwd(), join(root, FOREIGN_CORPUS_FILE))}`,
    );
    console.log(summary(examples, ['tuning', 'held-out']));
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

await main();
