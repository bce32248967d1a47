import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { BASE62, randomHex, randomString } from '../../../src/scanner/corpus/random.js';
import { tokenPrefix } from '../../../src/scanner/rules/gitleaks/gitleaks-rule.js';
import { goRegexToJs } from '../../../src/scanner/rules/gitleaks/go-regex.js';
import { GITLEAKS_RELEASE, REPLACED_GITLEAKS_RULES, gitleaksRules } from '../../../src/scanner/rules/gitleaks/index.js';
import data from '../../../src/scanner/rules/gitleaks/rules.json' with { type: 'json' };
import { KeywordIndex } from '../../../src/scanner/rules/keywords.js';
import { scanText } from '../../../src/scanner/scan-text.js';

describe('Go (RE2) to JavaScript regular expressions', () => {
  const cases: Array<[go: string, matches: string[], misses: string[]]> = [
    ['(?i)abc', ['ABC', 'aBc'], ['abd']],
    ['x(?i)ab', ['xAB'], ['XAB']], // (?i) holds from there to the end of the group
    ['(?i:ab)c', ['ABc'], ['ABC']],
    ['(?i)a(?-i:b)c', ['AbC'], ['ABC']],
    ['(?i)[a-f0-9]{4}', ['Fe09'], ['gggg']],
    ['(?s:.)x', ['\nx'], []],
    ['a.b', ['a-b'], ['a\nb']],
    ['abc\\z', ['xabc'], ['abc\n']],
    ['\\Aabc', ['abc'], ['xabc']],
    ['[[:alnum:]]{3}', ['a1Z'], ['-_-']],
    ['(?P<key>k)=\\x{41}', ['k=A'], ['k=B']],
    ['[\\x60\'"]x', ['`x', "'x"], ['ax']],
    ['a\\Q.*\\Eb', ['a.*b'], ['axxb']],
  ];
  test.each(cases)('%s', (go, matches, misses) => {
    const js = new RegExp(goRegexToJs(go));
    for (const text of matches) expect(js.test(text), `${go} on ${JSON.stringify(text)}`).toBe(true);
    for (const text of misses) expect(js.test(text), `${go} on ${JSON.stringify(text)}`).toBe(false);
  });

  test('constructs it does not know are an error, not a silent change of meaning', () => {
    expect(() => goRegexToJs('\\p{Greek}')).toThrow(/unsupported/);
    expect(() => goRegexToJs('(?U)a+')).toThrow(/unsupported/);
    expect(() => goRegexToJs('(a')).toThrow(/expected \)/);
  });

  test("every rule of gitleaks' config translates and compiles", () => {
    expect(data.rules.length).toBeGreaterThan(200);
    for (const rule of data.rules)
      if (rule.regex) expect(() => new RegExp(goRegexToJs(rule.regex)), rule.id).not.toThrow();
  });
});

describe("gitleaks' rules as data", () => {
  test('all but the rules this scanner replaces are used; their notice and release travel with them', () => {
    const withRegex = data.rules.filter((r) => r.regex).map((r) => r.id);
    expect(gitleaksRules.map((r) => r.id).sort()).toEqual(
      withRegex.filter((id) => !(id in REPLACED_GITLEAKS_RULES)).sort(),
    );
    expect(data.licence).toBe('MIT');
    expect(data.notice.join('\n')).toContain('Copyright (c) 2019 Zachary Rice');
    expect(GITLEAKS_RELEASE).toMatch(/^v8\.\d+\.\d+$/);
  });

  test('the rules file holds no key-shaped string: literal allowlist keys are hashes, self-matching rules escaped', () => {
    const text = JSON.stringify(data, null, 2);
    expect(scanText(text, { file: 'src/scanner/rules/gitleaks/rules.json' })).toEqual([]);
    const gcp = data.rules.find((r) => r.id === 'gcp-api-key')!;
    const hashes = (gcp.allowlists ?? []).flatMap((a) => ('sha256' in a ? (a.sha256 as string[]) : []));
    expect(hashes.length).toBeGreaterThan(3);
    for (const hash of hashes) expect(hash).toMatch(/^[0-9a-f]{64}$/);
  });

  test('a vendor token only gitleaks knows is found, a hashed allowlisted one is not', () => {
    const token = `${'dop' + '_v1_'}${randomHex(64)}`;
    expect(scanText(`DIGITALOCEAN_TOKEN=${token}\n`, { file: '.env' }).map((f) => f.ruleId)).toEqual([
      'digitalocean-pat',
    ]);
    // The same check gitleaks makes against its allowlist, here through the stored hash.
    const gcp = data.rules.find((r) => r.id === 'gcp-api-key')!;
    const hashes = new Set((gcp.allowlists ?? []).flatMap((a) => ('sha256' in a ? (a.sha256 as string[]) : [])));
    const key = `${'AI' + 'za'}Sy${randomString(BASE62, 33)}`;
    expect(hashes.has(createHash('sha256').update(key).digest('hex'))).toBe(false);
    expect(scanText(`key = "${key}"\n`, { file: 'a.txt' }).map((f) => f.ruleId)).toEqual(['gcp-api-key']);
  });

  test("the literal a rule's token starts with: none for a name-bound rule, one alternative or a repeated last letter", () => {
    expect(tokenPrefix('\\b(ATATT3[A-Za-z0-9]{5})')).toBe('ATATT3');
    expect(tokenPrefix('dp\\.pt\\.(?i)[a-z0-9]{43}')).toBe('dp.pt.');
    expect(tokenPrefix('(?i)[\\w.-]{0,50}?(?:mailgun)')).toBe('');
    expect(tokenPrefix('\\b((?:EAAA|sq0atp-)[\\w-]{22})')).toBe('');
    expect(tokenPrefix('abcd?e')).toBe('abc');
  });

  test('a token that names its vendor is reported under a name that says public; a colour code before it is no word', () => {
    const key = `${'FLWSECK' + '_TEST-'}${randomHex(12)}`;
    expect(scanText(`flutterwavePubKey = "${key}"\n`, { file: 'pay.js' }).map((f) => f.ruleId)).toEqual([
      'flutterwave-encryption-key',
    ]);
    const token = `${'gh' + 'o_'}${randomString(BASE62, 36)}`;
    expect(scanText(`>>> \x1b[94m${token}\x1b[0m\n`, { file: 'run.log' }).map((f) => f.ruleId)).toEqual([
      'github-oauth',
    ]);
  });

  test('context: a 40-hex value named commit is a digest, not a Sourcegraph token', () => {
    const text = `# sourcegraph settings\ncommit: ${randomHex(40)}\n`;
    expect(scanText(text, { file: 'a.yaml' })).toEqual([]);
  });
});

describe('KeywordIndex', () => {
  test('finds every keyword present, overlapping ones included, in one pass', () => {
    const index = new KeywordIndex(['sk', 'sk_live', 'ghp_', 'hooks.slack.com', 'ab']);
    expect([...index.present('x sk_live_y hooks.slack.com/ghp')].sort()).toEqual(['hooks.slack.com', 'sk', 'sk_live']);
    expect([...index.present('nothing here')]).toEqual([]);
    expect([...index.present('ɑ ab é')]).toEqual(['ab']);
  });
});
