// Builds the fresh corpus (test/fixtures/foreign-corpus/fresh.bin, fresh-index.tsv): the rule
// examples of Nosey Parker and Kingfisher, two scanners whose test data `scan` had never seen.
// It was built, and every scanner measured on it, before any rule changed; no rule is tuned on it.
//
//   node scripts/run-ts.mjs scripts/foreign-corpus/build-fresh.ts [--repo NAME=GIT_DIR]...
//
// Without --repo each project is cloned from GitHub (blobless). Needs git and python3 with PyYAML
// and `regex`. Run twice, it writes the same bytes. The rules (scope, labels, categories,
// sampling) are described in test/fixtures/foreign-corpus/README.md.
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { checkoutAt } from './checkout.js';
import {
  encodeForeignCorpus,
  FRESH_CORPUS_FILE,
  loadForeignCorpus,
  type ForeignCategory,
  type ForeignExample,
} from '../../src/scanner/corpus/foreign.js';
import { PASSWORD_WORD } from './scope.js';
import { FRESH_SOURCES, type FreshSourceName } from './sources.js';
import { alphabetRun, indexTsv, summary } from './shape.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
/** At most this many examples of one label per rule. */
const PER_RULE = 4;

interface Item {
  file: string;
  line: number;
  unit: string;
  rule: string;
  categories: string[];
  visible: boolean;
  kind: 'tp' | 'fp';
  text: string;
  reported?: boolean;
}

const BY_FILE: Record<string, ForeignCategory> = {
  aws: 'aws',
  github: 'github',
  gitlab: 'gitlab',
  slack: 'slack',
  stripe: 'stripe',
  pem: 'private-key',
  privkey: 'private-key',
  jwt: 'jwt',
  generic: 'generic',
  http: 'generic',
  credentials: 'generic',
  mongo: 'url-credentials',
  mongodb: 'url-credentials',
  postgres: 'url-credentials',
  mysql: 'url-credentials',
  odbc: 'url-credentials',
  uri: 'url-credentials',
  ftp: 'url-credentials',
  netrc: 'password',
  psexec: 'password',
  vmware: 'password',
  react: 'password',
  gradle: 'password',
  phpmailer: 'password',
};

/** The category of a rule, from its file (the provider) and, for JWTs, its name. */
function categoryOf(item: Item): ForeignCategory {
  const stem = item.file.replace(/\.ya?ml$/, '');
  let category = BY_FILE[stem] ?? 'vendor';
  if (category === 'jwt' && /secret/i.test(item.rule)) category = 'generic';
  if (category === 'generic' && PASSWORD_WORD.test(item.text)) category = 'password';
  return category;
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/**
 * In scope: rules for credentials. Out: what the project itself calls an identifier and not a
 * secret (AWS access key ids, account ids, bucket names, client ids), hashes of passwords, and
 * tokens that are public by design; Kingfisher marks identifiers `visible: false`. Kingfisher's
 * ~600 provider rules are sampled one in four (by SHA-256 of the rule id), so providers do not
 * outweigh every other category.
 */
function inScope(source: FreshSourceName, item: Item): boolean {
  if (/^hashes\.ya?ml$/.test(item.file) || item.categories.includes('hashed')) return false;
  const secret = item.categories.includes('secret');
  if (!secret && (item.categories.includes('identifier') || /public/i.test(item.rule))) return false;
  if (source === 'kingfisher') {
    if (!item.visible) return false;
    if (categoryOf(item) === 'vendor' && parseInt(sha256(item.unit).slice(0, 2), 16) >= 64) return false;
  }
  return true;
}

/** A positive whose value is a placeholder (as in the first corpus, ignoring indentation). */
const isPlaceholder = (text: string) => /(\S)\1{9,}|EXAMPLE/.test(text) || alphabetRun(text);

async function extract(name: FreshSourceName, given: string | undefined, work: string): Promise<Item[]> {
  const source = FRESH_SOURCES[name];
  const out = await checkoutAt(source, [source.rulesDir, ...source.licenceFiles], join(work, name), {
    given,
    scratch: work,
  });
  const [licence, ...notices] = await Promise.all(source.licenceFiles.map((f) => readFile(join(out, f), 'utf8')));
  await writeFile(join(root, 'test/fixtures/foreign-corpus/licences', `${name}.txt`), [licence, ...notices].join('\n'));
  const { stdout } = await execa('python3', [join(here, 'extract_rules_yaml.py'), join(out, source.rulesDir)]);
  return JSON.parse(stdout) as Item[];
}

function toExample(name: FreshSourceName, item: Item): ForeignExample {
  const source = FRESH_SOURCES[name];
  const label = item.kind === 'tp' ? 'secret' : 'benign';
  return {
    id: `${name}-${sha256(`${item.unit}\0${label}\0${item.text}`).slice(0, 10)}`,
    source: name,
    repo: source.repo,
    commit: source.commit,
    path: `${source.rulesDir}/${item.file}`,
    line: item.line,
    licence: source.licence,
    unit: item.unit,
    category: categoryOf(item),
    label,
    split: 'fresh',
    name: 'example.txt',
    text: item.text,
    secrets: label === 'secret' ? [[1, item.text.split('\n').length]] : [],
    othersUnlabelled: false,
  };
}

async function main(): Promise<void> {
  const args = process.argv.slice(process.argv.findIndex((a) => a.endsWith('build-fresh.ts')) + 1);
  const given: Partial<Record<FreshSourceName, string>> = {};
  for (let i = 0; i < args.length; i++) {
    const [name, path] = (args[i] === '--repo' ? args[++i] : '')?.split('=') ?? [];
    if (!name || !path || !(name in FRESH_SOURCES)) throw new Error(`usage: build-fresh.ts [--repo NAME=GIT_DIR]...`);
    given[name as FreshSourceName] = path;
  }
  const work = await mkdtemp(join(tmpdir(), 'sw-fresh-corpus-'));
  try {
    const earlier = await loadForeignCorpus(root);
    const secretTexts = new Set(earlier.filter((e) => e.label === 'secret').map((e) => e.text.trim()));
    const seen = new Set(earlier.map((e) => e.text.trim()));
    const counts = { placeholder: 0, judged: 0, seen: 0, capped: 0 };
    const kept: ForeignExample[] = [];
    const perRule = new Map<string, number>();
    for (const name of Object.keys(FRESH_SOURCES) as FreshSourceName[]) {
      const items = (await extract(name, given[name], work)).filter((item) => inScope(name, item));
      for (const item of items) if (item.kind === 'tp') secretTexts.add(item.text.trim());
      for (const item of items) {
        const text = item.text.trim();
        if (item.kind === 'tp' && isPlaceholder(item.text)) counts.placeholder++;
        // Benign only if benign to everyone: the project's whole rule set reports nothing, and no
        // test of any project calls the same text a secret.
        else if (item.kind === 'fp' && (item.reported || secretTexts.has(text))) counts.judged++;
        else if (seen.has(text)) counts.seen++;
        else {
          const key = `${item.unit}\0${item.kind}`;
          const n = perRule.get(key) ?? 0;
          if (n >= PER_RULE) counts.capped++;
          else {
            perRule.set(key, n + 1);
            seen.add(text);
            kept.push(toExample(name, item));
          }
        }
      }
    }
    kept.sort((a, b) => a.id.localeCompare(b.id));
    await writeFile(join(root, FRESH_CORPUS_FILE), encodeForeignCorpus(kept));
    await writeFile(join(root, 'test/fixtures/foreign-corpus/fresh-index.tsv'), indexTsv(kept));
    console.log(
      `${kept.length} kept; left out: ${counts.placeholder} placeholder secrets, ${counts.judged} negatives some rule or test reports, ${counts.seen} texts already in a corpus, ${counts.capped} over ${PER_RULE} per rule`,
    );
    console.log(summary(kept, ['fresh']));
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

await main();
