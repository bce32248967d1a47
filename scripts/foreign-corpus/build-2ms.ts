// Builds more tuning data (test/fixtures/foreign-corpus/2ms.bin and 2ms-index.tsv) from Checkmarx/2ms:
// the literal true and false positives of its rule tests. Every example is `tuning`; all were added
// after the held-out part and the fresh corpus were fixed.
//
//   node scripts/run-ts.mjs scripts/foreign-corpus/build-2ms.ts [--2ms GIT_DIR] [--gitleaks GIT_DIR]
//
// Without a GIT_DIR a project is cloned from GitHub (blobless). Run twice, it writes the same bytes.
//
// Labels, fixed before `scan` was measured on any of it:
//  - scope: every `engine/rules/ruledefine/*_test.go`, its `truePositives` and `falsePositives`
//    tables (`[]string`), and `truePositivesWPaths` / `falsePositivesWPaths` (`map[string]string`,
//    a file name → its text). Only elements that are string literals, or `+` concatenations of them;
//    an element computed by code (a call, a variable, a generated value) is left out.
//  - secret: an element of a true-positive table (the rule must report something in it); the whole
//    text is the secret's range. benign: an element of a false-positive table, only for the rules
//    that judge whether a text is a credential (generic credential, hard-coded password, the curl
//    rules, authenticated URL, Kubernetes Secret, Terraform password, JWT, private key); the negatives
//    of format rules (a key one character short, a wrong prefix: tests of where a pattern stops, as in
//    step 2 of corpus.bin) are left out, and so is a benign text that is part of any secret's text.
//  - name: `example.txt`, or the file name a `…WPaths` table gives (it steers scanners).
//  - placeholders written as secrets (one character ten times in a row, eight in alphabet order, or
//    `EXAMPLE`) are left out; the same text with the same label is kept once; at most 12 examples
//    per test file and label (4 for a provider's rule: there are 170 of them), evenly spaced in
//    file order, so that one rule's 100 wrappings of one value, or the providers, do not outweigh
//    the rest.
//  - copies: 2ms' rules began as gitleaks', and many of its tests copy gitleaks' examples. Every
//    example that shares a line (8 characters or more), or a token of 16 characters or more, with a
//    string literal of gitleaks' rule files at the commit corpus.bin was built from (held-out and
//    tuning alike, in scope or not) is left out; so is every example sharing a line or such a token
//    with the held-out part of corpus.bin or with fresh.bin (compared here, unread), or whose whole
//    text is an example of any stored corpus.
//  - categories from the rule file: authenticated URL and Sidekiq's URL → url-credentials, `aws` →
//    aws, curl user:password, hard-coded password and Terraform password → password, generic
//    credential and curl header → generic (password when the text names one), Kubernetes Secret →
//    generic, JWT → jwt, private key → private-key, GitHub, GitLab, Slack, Stripe by name, every
//    other provider → vendor.
//
// Read for this round and left out: avito-tech/deepsecrets (MIT), whose tests assert how many
// findings a fixture gives or which token index is a variable, never which line is a secret; and
// microsoft/security-utilities (MIT), whose detection tests generate their keys in code, the only
// literal credentials being its masker's `user:pass` URLs (a test of masking, not of judging).
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkoutAt } from './checkout.js';
import {
  encodeForeignCorpus,
  loadCredDataCorpus,
  loadCredSweeperCorpus,
  loadExtraCorpus,
  loadGitGuardianEarlybirdOctarineCorpus,
  loadTrivyHorusecCorpus,
  TWOMS_CORPUS_FILE,
  type ForeignCategory,
  type ForeignExample,
} from '../../src/scanner/corpus/foreign.js';
import { goStringTables, unescapeGo } from './go-literals.js';
import { earlierText, sharesText, TOKEN_SPLIT, type Earlier } from './overlap.js';
import { PASSWORD_WORD } from './scope.js';
import { alphabetRun, indexTsv, summary } from './shape.js';
import { SOURCES, TWOMS_SOURCE } from './sources.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PER_GROUP = 12;
const PER_VENDOR_GROUP = 4;
const TABLES = ['truePositives', 'falsePositives', 'truePositivesWPaths', 'falsePositivesWPaths'] as const;
/** Rules whose negatives judge a text, not where a pattern stops. */
const JUDGING_RULES = new Set([
  'generic_credential',
  'hardcoded_password',
  'curl_basic_auth',
  'curl_header_auth',
  'authenticated_url',
  'kubernetes_secret',
  'hashicorp_tf_password',
  'jwt',
  'jwt_base64',
  'privatekey',
]);

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
const isPlaceholder = (text: string) => /(\S)\1{9,}|EXAMPLE/.test(text) || alphabetRun(text);

function categoryOf(rule: string, text: string): ForeignCategory {
  if (rule === 'authenticated_url' || rule === 'sidekiq_sensitive_url') return 'url-credentials';
  if (rule === 'aws') return 'aws';
  if (['curl_basic_auth', 'hardcoded_password', 'hashicorp_tf_password'].includes(rule)) return 'password';
  if (rule === 'generic_credential' || rule === 'curl_header_auth')
    return PASSWORD_WORD.test(text) ? 'password' : 'generic';
  if (rule === 'kubernetes_secret') return 'generic';
  if (rule === 'jwt' || rule === 'jwt_base64') return 'jwt';
  if (rule === 'privatekey') return 'private-key';
  for (const vendor of ['github', 'gitlab', 'slack', 'stripe'] as const) if (rule.startsWith(vendor)) return vendor;
  return 'vendor';
}

interface Row {
  rule: string;
  path: string;
  line: number;
  name: string;
  text: string;
  secret: boolean;
}

async function twomsRows(tree: string): Promise<Row[]> {
  const dir = TWOMS_SOURCE.rulesDir;
  const rows: Row[] = [];
  for (const file of (await readdir(join(tree, dir))).filter((f) => f.endsWith('_test.go')).sort()) {
    const path = `${dir}/${file}`;
    const rule = file.replace(/_test\.go$/, '');
    for (const { field, rows: elements } of goStringTables(await readFile(join(tree, path), 'utf8'), TABLES))
      for (const { key, text, line } of elements)
        if (text !== undefined && text.trim() !== '')
          rows.push({ rule, path, line, name: key ?? 'example.txt', text, secret: field.startsWith('true') });
  }
  return rows;
}

/** Lines and long tokens of every string literal in gitleaks' rule files (its tps, fps and generator inputs). */
async function gitleaksText(tree: string): Promise<Earlier> {
  const dir = TWOMS_SOURCE.gitleaksRulesDir;
  const lines = new Set<string>();
  const tokens = new Set<string>();
  for (const file of (await readdir(join(tree, dir))).filter((f) => f.endsWith('.go')).sort()) {
    const source = await readFile(join(tree, dir, file), 'utf8');
    for (const m of source.matchAll(/`[^`]*`|"(?:[^"\\\n]|\\.)*"/g))
      for (const line of (m[0].startsWith('`') ? m[0].slice(1, -1) : unescapeGo(m[0].slice(1, -1))).split('\n')) {
        if (line.trim().length >= 8) lines.add(line.trim());
        for (const token of line.split(TOKEN_SPLIT)) if (token.length >= 16) tokens.add(token);
      }
  }
  return { lines, tokens, texts: new Set() };
}

function toExample(row: Row): ForeignExample {
  const label = row.secret ? 'secret' : 'benign';
  const category = categoryOf(row.rule, row.text);
  return {
    id: `2ms-${sha256(`${row.path}\0${category}\0${label}\0${row.name}\0${row.text}`).slice(0, 10)}`,
    source: '2ms',
    repo: TWOMS_SOURCE.repo,
    commit: TWOMS_SOURCE.commit,
    path: row.path,
    line: row.line,
    licence: TWOMS_SOURCE.licence,
    unit: row.path,
    category,
    label,
    split: 'tuning',
    name: row.name,
    text: row.text,
    secrets: row.secret ? [[1, row.text.split('\n').length]] : [],
    othersUnlabelled: false,
  };
}

/** At most PER_GROUP (PER_VENDOR_GROUP for a provider) of each test file and label, evenly spaced in file order. */
function capped(examples: ForeignExample[]): ForeignExample[] {
  const groups = new Map<string, ForeignExample[]>();
  for (const e of examples) groups.set(`${e.unit}\0${e.label}`, [...(groups.get(`${e.unit}\0${e.label}`) ?? []), e]);
  return [...groups.values()].flatMap((group) => {
    const sorted = group.sort((a, b) => a.line - b.line || a.id.localeCompare(b.id));
    const most = sorted[0]!.category === 'vendor' ? PER_VENDOR_GROUP : PER_GROUP;
    if (sorted.length <= most) return sorted;
    return Array.from({ length: most }, (_, i) => sorted[Math.floor((i * sorted.length) / most)]!);
  });
}

function parseArgs(): { twoms?: string; gitleaks?: string } {
  const args = process.argv.slice(process.argv.findIndex((a) => a.endsWith('build-2ms.ts')) + 1);
  const given: { twoms?: string; gitleaks?: string } = {};
  for (let i = 0; i < args.length; i += 2) {
    if (args[i] === '--2ms' && args[i + 1]) given.twoms = args[i + 1];
    else if (args[i] === '--gitleaks' && args[i + 1]) given.gitleaks = args[i + 1];
    else throw new Error('usage: build-2ms.ts [--2ms GIT_DIR] [--gitleaks GIT_DIR]');
  }
  return given;
}

async function main(): Promise<void> {
  const given = parseArgs();
  const work = await mkdtemp(join(tmpdir(), 'sw-2ms-corpus-'));
  try {
    const tree = await checkoutAt(TWOMS_SOURCE, [TWOMS_SOURCE.rulesDir, TWOMS_SOURCE.licenceFile], join(work, '2ms'), {
      given: given.twoms,
      scratch: work,
    });
    await writeFile(
      join(root, 'test/fixtures/foreign-corpus/licences/2ms.txt'),
      await readFile(join(tree, TWOMS_SOURCE.licenceFile), 'utf8'),
    );
    const gitleaksTree = await checkoutAt(SOURCES.gitleaks, [TWOMS_SOURCE.gitleaksRulesDir], join(work, 'gitleaks'), {
      given: given.gitleaks,
      scratch: work,
    });
    const copied = await gitleaksText(gitleaksTree);
    const earlier = await earlierText(root, [
      ...(await loadExtraCorpus(root)),
      ...(await loadCredSweeperCorpus(root)),
      ...(await loadTrivyHorusecCorpus(root)),
      ...(await loadGitGuardianEarlybirdOctarineCorpus(root)),
      ...(await loadCredDataCorpus(root)),
    ]);
    const rows = await twomsRows(tree);
    const secretTexts = rows.filter((r) => r.secret).map((r) => r.text);
    const inScope = rows
      .filter((r) => r.secret || (JUDGING_RULES.has(r.rule) && !secretTexts.some((t) => t.includes(r.text))))
      .filter((r) => !(r.secret && isPlaceholder(r.text)));
    const fromGitleaks = inScope.filter((r) => sharesText(r.text, copied));
    const sharing = inScope.filter((r) => !sharesText(r.text, copied) && sharesText(r.text, earlier));
    const seen = new Set<string>();
    const kept = capped(
      inScope
        .filter((r) => !sharesText(r.text, copied) && !sharesText(r.text, earlier))
        .map(toExample)
        .filter((e) => {
          const key = `${e.label}\0${e.text}`;
          return !seen.has(key) && Boolean(seen.add(key));
        }),
    ).sort((a, b) => a.id.localeCompare(b.id));
    await writeFile(join(root, TWOMS_CORPUS_FILE), encodeForeignCorpus(kept));
    await writeFile(join(root, 'test/fixtures/foreign-corpus/2ms-index.tsv'), indexTsv(kept));
    console.log(
      `2ms: ${rows.length} literal rows, ${inScope.length} in scope; ${fromGitleaks.length} sharing text with ` +
        `gitleaks' rule files, ${sharing.length} more with held-out, fresh or stored data; ${kept.length} kept`,
    );
    const byCategory = (list: Row[]) =>
      [...new Set(list.map((r) => categoryOf(r.rule, r.text)))]
        .sort()
        .map((c) => `${c} ${list.filter((r) => categoryOf(r.rule, r.text) === c).length}`)
        .join(', ');
    console.log(`in scope: ${byCategory(inScope)}\ncopies of gitleaks' examples: ${byCategory(fromGitleaks)}`);
    console.log(summary(kept, ['tuning']));
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

await main();
