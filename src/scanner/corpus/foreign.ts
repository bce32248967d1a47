import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';

/**
 * The foreign corpus: labelled examples written by other projects (the rule examples and test
 * fixtures of gitleaks, secretlint, TruffleHog and detect-secrets), each with its provenance.
 * Built by scripts/foreign-corpus/build.ts; stored masked (see encodeForeignCorpus) because it is
 * full of key-shaped strings, and decoded at test time.
 */
export const FOREIGN_CATEGORIES = [
  'aws',
  'github',
  'gitlab',
  'slack',
  'stripe',
  'private-key',
  'jwt',
  'password',
  'url-credentials',
  'generic',
  'vendor',
] as const;
export type ForeignCategory = (typeof FOREIGN_CATEGORIES)[number];

export interface ForeignExample {
  /** Stable id: source, upstream path and a counter. */
  id: string;
  /** Which project wrote it: gitleaks, secretlint, trufflehog, detect-secrets. */
  source: string;
  /** owner/name on GitHub, the commit it was taken from, its path and line there, its licence. */
  repo: string;
  commit: string;
  path: string;
  line: number;
  licence: string;
  /** The rule function, test case or fixture folder it belongs to; the split is decided per unit. */
  unit: string;
  category: ForeignCategory;
  /** `secret`: it holds at least one secret; `benign`: nothing in it should be reported. */
  label: 'secret' | 'benign';
  /**
   * `tuning` (rules may be tuned on it), `held-out` (never looked at while tuning) or `fresh` (the
   * second corpus, from projects whose examples were first read after the rules were tuned).
   */
  split: 'tuning' | 'held-out' | 'fresh';
  /** File name to write it as (its extension steers scanners: `.go`, `.env`, `input.json`). */
  name: string;
  text: string;
  /** 1-based inclusive line ranges, one per secret. Empty for benign examples. */
  secrets: Array<[number, number]>;
  /** True when lines outside `secrets` are unlabelled (findings there count neither way). */
  othersUnlabelled: boolean;
  /** Single lines that are unlabelled (findings there count neither way) in an otherwise labelled file. */
  unlabelledLines?: number[];
}

const MAGIC = Buffer.from('SWFC\0\x01');
const MASK_LABEL = 'secrets-workbook foreign corpus mask';

/** XOR with a SHA-256 counter keystream: not encryption, only keeps key shapes out of the tree. */
function mask(data: Buffer): Buffer {
  const out = Buffer.alloc(data.length);
  for (let block = 0; block * 32 < data.length; block++) {
    const key = createHash('sha256').update(`${MASK_LABEL} ${block}`).digest();
    for (let i = 0; i < 32 && block * 32 + i < data.length; i++) out[block * 32 + i] = data[block * 32 + i]! ^ key[i]!;
  }
  return out;
}

/**
 * gzip, then XOR with a fixed keystream, behind a header with a NUL byte. The examples are fake
 * or long-revoked credentials, yet they have the shapes scanners and push protection look for;
 * stored as plain text they would make every scanner that reads this repository (our own `scan .`
 * test, gitleaks, TruffleHog, which also opens gzip files) report them. Masked, the file is
 * binary noise to all of them, and decodeForeignCorpus gets the examples back at test time.
 */
export function encodeForeignCorpus(examples: readonly ForeignExample[]): Buffer {
  return Buffer.concat([MAGIC, mask(gzipSync(JSON.stringify(examples), { level: 9 }))]);
}

export function decodeForeignCorpus(data: Buffer): ForeignExample[] {
  if (!data.subarray(0, MAGIC.length).equals(MAGIC)) throw new Error('not a foreign corpus file');
  return JSON.parse(gunzipSync(mask(data.subarray(MAGIC.length))).toString('utf8')) as ForeignExample[];
}

/** The corpus kept in the repository, relative to the package root. */
export const FOREIGN_CORPUS_FILE = 'test/fixtures/foreign-corpus/corpus.bin';
/** The fresh corpus (Nosey Parker's and Kingfisher's rule examples), stored the same way. */
export const FRESH_CORPUS_FILE = 'test/fixtures/foreign-corpus/fresh.bin';

/**
 * Tuning data added later from scanners in neither of the corpora above (ripsecrets' test files),
 * stored the same way; every example is `tuning`.
 */
export const EXTRA_CORPUS_FILE = 'test/fixtures/foreign-corpus/extra.bin';
/** More tuning data of the same kind: whispers' test fixtures (whole config files). */
export const WHISPERS_CORPUS_FILE = 'test/fixtures/foreign-corpus/whispers.bin';

/** Tuning data from CredSweeper's test samples, stored the same way; every example is `tuning`. */
export const CREDSWEEPER_CORPUS_FILE = 'test/fixtures/foreign-corpus/credsweeper.bin';

/** Tuning data from trivy's secret-scanner tests and horusec's leak-rule samples, stored the same way. */
export const TRIVY_HORUSEC_CORPUS_FILE = 'test/fixtures/foreign-corpus/trivy-horusec.bin';

/**
 * Tuning data from GitGuardian's recorded scans (ggshield's and py-gitguardian's test cassettes),
 * earlybird's test tables and octarinesec/secret-detector's detector tests, stored the same way.
 */
export const GITGUARDIAN_EARLYBIRD_OCTARINE_CORPUS_FILE =
  'test/fixtures/foreign-corpus/gitguardian-earlybird-octarine.bin';

/** Tuning data from Samsung/CredData: reviewed lines of public repositories, stored the same way. */
export const CREDDATA_CORPUS_FILE = 'test/fixtures/foreign-corpus/creddata.bin';

/** Tuning data from Checkmarx/2ms' rule tests (none sharing text with gitleaks' rule files), stored the same way. */
export const TWOMS_CORPUS_FILE = 'test/fixtures/foreign-corpus/2ms.bin';

/**
 * Tuning data from code linters that report hard-coded credentials (gosec, bandit,
 * eslint-plugin-no-secrets, GitHub's custom secret-scanning patterns), stored the same way.
 */
export const LINTERS_CORPUS_FILE = 'test/fixtures/foreign-corpus/linters.bin';

export async function loadForeignCorpus(packageRoot: string): Promise<ForeignExample[]> {
  return decodeForeignCorpus(await readFile(join(packageRoot, FOREIGN_CORPUS_FILE)));
}

export async function loadFreshCorpus(packageRoot: string): Promise<ForeignExample[]> {
  return decodeForeignCorpus(await readFile(join(packageRoot, FRESH_CORPUS_FILE)));
}

/** Every extra tuning file: ripsecrets' tests, then whispers' fixtures. */
export async function loadExtraCorpus(packageRoot: string): Promise<ForeignExample[]> {
  const files = [EXTRA_CORPUS_FILE, WHISPERS_CORPUS_FILE];
  return (await Promise.all(files.map(async (f) => decodeForeignCorpus(await readFile(join(packageRoot, f)))))).flat();
}

export async function loadCredSweeperCorpus(packageRoot: string): Promise<ForeignExample[]> {
  return decodeForeignCorpus(await readFile(join(packageRoot, CREDSWEEPER_CORPUS_FILE)));
}

export async function loadTrivyHorusecCorpus(packageRoot: string): Promise<ForeignExample[]> {
  return decodeForeignCorpus(await readFile(join(packageRoot, TRIVY_HORUSEC_CORPUS_FILE)));
}

export async function loadGitGuardianEarlybirdOctarineCorpus(packageRoot: string): Promise<ForeignExample[]> {
  return decodeForeignCorpus(await readFile(join(packageRoot, GITGUARDIAN_EARLYBIRD_OCTARINE_CORPUS_FILE)));
}

export async function loadCredDataCorpus(packageRoot: string): Promise<ForeignExample[]> {
  return decodeForeignCorpus(await readFile(join(packageRoot, CREDDATA_CORPUS_FILE)));
}

export async function loadTwomsCorpus(packageRoot: string): Promise<ForeignExample[]> {
  return decodeForeignCorpus(await readFile(join(packageRoot, TWOMS_CORPUS_FILE)));
}

export async function loadLintersCorpus(packageRoot: string): Promise<ForeignExample[]> {
  return decodeForeignCorpus(await readFile(join(packageRoot, LINTERS_CORPUS_FILE)));
}

/**
 * Every tuning corpus stored beside the main one, one per round (ripsecrets, whispers, CredSweeper,
 * trivy and horusec, GitGuardian/earlybird/secret-detector, CredData, 2ms, the code linters): the
 * report and the benchmark score all of them, so a new round is added here once.
 */
export async function loadExtraTuningCorpora(packageRoot: string): Promise<ForeignExample[]> {
  const rounds = await Promise.all(
    [
      loadExtraCorpus,
      loadCredSweeperCorpus,
      loadTrivyHorusecCorpus,
      loadGitGuardianEarlybirdOctarineCorpus,
      loadCredDataCorpus,
      loadTwomsCorpus,
      loadLintersCorpus,
    ].map((load) => load(packageRoot)),
  );
  return rounds.flat();
}

/**
 * Path of an example once written out: `<split>/<id>/<name>`. No category in it: a folder named
 * `vendor` (or `build`) is one that scanners skip when they walk a tree.
 */
export function examplePath(example: ForeignExample): string {
  return `${example.split}/${example.id}/${example.name}`;
}

/** Writes every example as its own file under `dir`; returns relative path → example. */
export async function writeForeignCorpus(
  examples: readonly ForeignExample[],
  dir: string,
): Promise<Map<string, ForeignExample>> {
  const byPath = new Map<string, ForeignExample>();
  for (const example of examples) {
    const path = examplePath(example);
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), example.text);
    byPath.set(path, example);
  }
  return byPath;
}
