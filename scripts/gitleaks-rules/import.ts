// Imports gitleaks' default rules (config/gitleaks.toml, MIT) as data into
// src/scanner/rules/gitleaks/rules.json, at a pinned release. Run:
//
//   node scripts/run-ts.mjs scripts/gitleaks-rules/import.ts [--git-dir DIR]
//
// Without --git-dir the release is fetched from GitHub (a blobless clone). Needs git and python3
// (tomllib reads the TOML). The rules are copied as gitleaks wrote them (Go regular expressions);
// src/scanner/rules/gitleaks/go-regex.ts translates them when the scanner loads them, and this
// script checks that every one translates and compiles.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { goRegexToJs } from '../../src/scanner/rules/gitleaks/go-regex.js';

const RELEASE = 'v8.30.1';
const REPO = 'gitleaks/gitleaks';
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const target = join(root, 'src/scanner/rules/gitleaks/rules.json');

interface TomlAllowlist {
  description?: string;
  condition?: string;
  regexTarget?: string;
  regexes?: string[];
  stopwords?: string[];
  paths?: string[];
}
interface TomlRule {
  id: string;
  description: string;
  regex?: string;
  secretGroup?: number;
  entropy?: number;
  keywords?: string[];
  path?: string;
  allowlists?: TomlAllowlist[];
}

/**
 * A few allowlists list known public keys verbatim (Google's documented API keys). Copied as they
 * are, they would make this repository hold key-shaped strings: such entries — a plain literal of
 * 16 or more letters, digits, `_` and `-` — are kept as SHA-256 hashes of the exact value instead.
 */
function hashKeyLiterals(allowlist: TomlAllowlist): TomlAllowlist & { sha256?: string[] } {
  const literal = (regex: string) => /^[A-Za-z0-9_-]{16,}$/.test(regex);
  const regexes = allowlist.regexes?.filter((r) => !literal(r));
  const hashed = allowlist.regexes?.filter(literal).map((r) => createHash('sha256').update(r).digest('hex'));
  return {
    ...allowlist,
    ...(regexes ? { regexes } : {}),
    ...(hashed?.length ? { sha256: hashed } : {}),
  };
}

/**
 * A rule whose regex is a plain key prefix (`bedrock-api-key-<base64 of a host name>`) matches
 * its own text, so the rules file itself would be reported: its last letter is written as a hex
 * escape (`\x74` for `t`), which means the same to both regex engines.
 */
function notSelfMatching(regex: string): string {
  if (!new RegExp(goRegexToJs(regex)).test(regex)) return regex;
  const last = regex.search(/[A-Za-z0-9](?=[^A-Za-z0-9]*$)/);
  const escaped = `${regex.slice(0, last)}\\x${regex.charCodeAt(last).toString(16)}${regex.slice(last + 1)}`;
  if (new RegExp(goRegexToJs(escaped)).test(escaped)) throw new Error(`rule regex still matches itself: ${regex}`);
  return escaped;
}

async function gitDir(given: string | undefined, work: string): Promise<string> {
  if (given) return existsSync(join(given, '.git')) ? join(given, '.git') : given;
  const dir = join(work, 'gitleaks.git');
  await execa('git', ['clone', '--quiet', '--bare', '--filter=blob:none', `https://github.com/${REPO}`, dir]);
  return dir;
}

async function main(): Promise<void> {
  const args = process.argv.slice(process.argv.findIndex((a) => a.endsWith('import.ts')) + 1);
  const given = args[0] === '--git-dir' ? args[1] : undefined;
  const work = await mkdtemp(join(tmpdir(), 'sw-gitleaks-rules-'));
  try {
    const dir = await gitDir(given, work);
    const show = (path: string) => execa('git', ['--git-dir', dir, 'show', `${RELEASE}:${path}`]).then((r) => r.stdout);
    const commit = (await execa('git', ['--git-dir', dir, 'rev-parse', `${RELEASE}^{commit}`])).stdout.trim();
    const toml = await show('config/gitleaks.toml');
    const licence = await show('LICENSE');
    const parsed = JSON.parse(
      (
        await execa(
          'python3',
          ['-c', 'import json,sys,tomllib; json.dump(tomllib.loads(sys.stdin.read()), sys.stdout)'],
          {
            input: toml,
          },
        )
      ).stdout,
    ) as { allowlist: TomlAllowlist; rules: TomlRule[] };
    for (const rule of parsed.rules) {
      for (const source of [
        rule.regex,
        rule.path,
        ...(rule.allowlists ?? []).flatMap((a) => [...(a.regexes ?? []), ...(a.paths ?? [])]),
      ]) {
        if (source !== undefined) new RegExp(goRegexToJs(source)); // throws on anything untranslatable
      }
    }
    const data = {
      about: `Rules of gitleaks ${RELEASE} (config/gitleaks.toml), copied as data by scripts/gitleaks-rules/import.ts.`,
      repo: REPO,
      release: RELEASE,
      commit,
      licence: 'MIT',
      notice: licence.trim().split('\n'),
      allowlist: { regexes: parsed.allowlist.regexes ?? [], stopwords: parsed.allowlist.stopwords ?? [] },
      rules: parsed.rules.map((rule) => ({
        id: rule.id,
        description: rule.description,
        ...(rule.regex !== undefined ? { regex: notSelfMatching(rule.regex) } : {}),
        ...(rule.secretGroup !== undefined ? { secretGroup: rule.secretGroup } : {}),
        ...(rule.entropy !== undefined ? { entropy: rule.entropy } : {}),
        keywords: rule.keywords ?? [],
        ...(rule.path !== undefined ? { path: rule.path } : {}),
        ...(rule.allowlists ? { allowlists: rule.allowlists.map(hashKeyLiterals) } : {}),
      })),
    };
    await writeFile(target, JSON.stringify(data, null, 2) + '\n');
    await execa('npx', ['prettier', '--write', target], { cwd: root });
    console.log(`${data.rules.length} rules of gitleaks ${RELEASE} (${commit.slice(0, 7)}) written to ${target}`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

await main();
