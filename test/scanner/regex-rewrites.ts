// secrets-workbook:allow-file: the examples each rewritten pattern is compared on are credential-shaped on purpose
import { ANNOTATION } from '../../src/scanner/rules/assignment-parse.js';
import { CONF_DIRECTIVE } from '../../src/scanner/rules/assignment-forms.js';
import { hasRegexSyntax } from '../../src/scanner/rules/assignment.js';
import { REGISTRY_AUTH } from '../../src/scanner/rules/authorization-header.js';
import { KEY_BEFORE } from '../../src/scanner/rules/gitleaks/gitleaks-rule.js';
import { GO_DSN, ORACLE } from '../../src/scanner/rules/url-credentials.js';
import { AZURE_SAS_SIGNATURE, PRIVATE_KEY_BLOCK, VAULT_LEGACY_TOKEN } from '../../src/scanner/rules/vendor.js';
import { AUTH_CALL, XML_NAMED_TEXT, XML_NAMED_VALUE } from '../../src/scanner/rules/assignment-forms.js';
import { KUBERNETES_SECRET_ENTRY } from '../../src/scanner/rules/kubernetes-secret.js';
import { goRegexToJs } from '../../src/scanner/rules/gitleaks/go-regex.js';
import { LINEAR_REWRITES } from '../../src/scanner/rules/gitleaks/linear-rewrites.js';
import { unpackMultiError } from '../../src/util/errors.js';
import { mapFrames } from '../../src/util/stack.js';

/**
 * Patterns rewritten after the ReDoS audit (bench/scanner/regex-audit.ts) found them backtracking
 * polynomially: the pattern as it was, the one in use now, inputs on which both must agree, the
 * characters random inputs are drawn from, and an attack that made the old one quadratic or worse.
 */
export interface Rewrite {
  name: string;
  old: RegExp | ((text: string) => unknown);
  current: RegExp | ((text: string) => unknown);
  examples: string[];
  /** Pieces random inputs are made of (characters and words the pattern cares about). */
  pieces: string[];
  attack: (n: number) => string;
  /** Only whether it matches counts (the pattern is used with `test`), not where. */
  testOnly?: boolean;
  /**
   * The new pattern may find less of the same: every match of the old one must hold a match of the
   * new one, which covers no character the old one did not.
   */
  stopsSooner?: boolean;
  /** Matches of the old pattern the new one drops on purpose (with `stopsSooner`). */
  mayDrop?: (oldMatch: string) => boolean;
}

const NAME = ['a', 'Z', '_', '9', '.', '-', 'key', 'x1'];
const PK = 'PRIVATE' + ' KEY';
/** A block that runs across another BEGIN line: the current private-key pattern never reports one. */
const crossesBegin = (match: string) => match.indexOf('-----BEGIN ', 1) !== -1;
const KEY_BODY = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7';
const BLANK = [' ', '\t', '\n'];
const NUGET = '(?i)<add key=\\"(?:(?:ClearText)?Password)\\"\\s*value=\\"(.{8,})\\"\\s*/>';
/** A stack frame's file, line and column, marked where it was. */
const markFrame = (file: string, line: string, column: string) => `<${file}|${line}|${column}>`;

const GITLEAKS_EXAMPLES: Record<string, string[]> = {
  '^\\{\\{[ \\t]*[\\w ().|]+[ \\t]*}}$': [
    '{{ .Values.password }}',
    '{{\t(secret) | b64enc }}',
    '{{   }}',
    '{{\t}}',
    '{{ a \t b }}',
  ],
  '^\\$\\{\\{[ \\t]*(?:(?:env|github|secrets|vars)(?:\\.[A-Za-z]\\w+)+[\\w "\'&./=|]*)[ \\t]*}}$': [
    '${{ secrets.NPM_TOKEN }}',
    "${{ env.a1 || 'x' }}",
    '${{ vars.a }}',
    '${{secrets.Ab.cd\t }}',
  ],
  '.+EXAMPLE$': [['AKIAIOSFODNN7', 'EXAMPLE'].join(''), 'EXAMPLE', 'a\nEXAMPLE', 'xEXAMPLE\n'],
  [NUGET]: [
    '<add key="ClearTextPassword" value="s3cr3t-passw0rd" />',
    '<ADD KEY="Password"\n      value="abc\\"def12"\n/>',
    '<add key="password" value="aaaaaaaa"/><add key="password" value="bbbbbbbb"/>',
    '<add key="password" value="short"/>',
  ],
};
const GITLEAKS_ATTACKS: Record<string, (n: number) => string> = {
  '^\\{\\{[ \\t]*[\\w ().|]+[ \\t]*}}$': (n) => `{{${' '.repeat(n)}(${' '.repeat(n)}\t(}}`,
  '^\\$\\{\\{[ \\t]*(?:(?:env|github|secrets|vars)(?:\\.[A-Za-z]\\w+)+[\\w "\'&./=|]*)[ \\t]*}}$': (n) =>
    `\${{env.t${'s.s'.repeat(n)}a${' '.repeat(n)}\tenv.iA}}`,
  '.+EXAMPLE$': (n) => `${'\u0000'.repeat(n)}\nMEXAMPLE`,
  [NUGET]: (n) => '<ADD KEY="PASSWORD"VALUE="UX'.repeat(Math.ceil(n / 28)) + '\n',
};
/** gitleaks rewrites whose captured secret counts (not only whether they match), and their pieces. */
const GITLEAKS_OPTIONS: Record<string, Partial<Rewrite>> = {
  [NUGET]: {
    testOnly: false,
    // A value that ran over a second entry to its end is now two matches, or none when either is short.
    stopsSooner: true,
    mayDrop: (match) => /<add key="(?:cleartext)?password"\s*value="/i.test(match.slice(1)),
    pieces: ['<add key="password"', '<ADD KEY="ClearTextPassword"', ' ', '\n', 'value="', '"', '/>', 'abcd', 'x', '<'],
  },
};

export const REWRITES: Rewrite[] = [
  {
    name: 'a directive in a conf file (assignment-forms)',
    old: /^[ \t]*(?<key>[A-Za-z_][\w.-]*)[ \t]+(?<bare>[^\s"'#;=:{}][^\s;{}]{5,})[ \t]*;?[ \t]*$/dgm,
    current: CONF_DIRECTIVE,
    examples: ['requirepass s3cr3tValue', '  password hunter2x ;', 'machine api login me password s3cr3tpw', 'a b'],
    pieces: [...NAME, ...BLANK, ';', '#', '"', 'value99', '{'],
    attack: (n) => `A\tA---A-\t${'\t'.repeat(n)}\t-\u0000--A"`,
  },
  {
    name: 'a typed or annotated name before `=` (assignment-parse)',
    old: /^(?:&(?:'[A-Za-z_]\w*[ \t]+)?)?[A-Za-z_][\w.[\], |]*?[ \t]*=(?!=)[ \t]*/,
    current: ANNOTATION,
    examples: ['password: str = ', 'Dict[str, int] = x', 'a\t = b', 'a == b', 'x | None =\tq', "&'static str = "],
    pieces: [...NAME, ' ', '\t', '=', '==', '[', ']', ',', '|', ':', '&', "'static "],
    attack: (n) => `A${' '.repeat(n)}\u0000`,
  },
  {
    name: 'regular-expression syntax in a value (assignment)',
    old: /\[[^\]-]*-[^\]]*\][+*?{]?|\\[dwsDWS]|\(\?[:=!<]|\{\d+(?:,\d*)?\}/,
    current: hasRegexSyntax,
    examples: ['[A-Za-z0-9]+', '\\d{4}', '(?:x)', 'pa[ss-w]ord', 'p]a[s-s', 'plain-value', 'a{2,3}'],
    pieces: ['[', ']', '-', 'a', '\\d', '(?:', '{2}', '{', '}', '!'],
    attack: (n) => `${'!['.repeat(n)}!`,
    testOnly: true,
  },
  {
    name: 'a registry `auth` value (authorization-header)',
    old: /(?<![\w-])(?:\\*["'])?_?auth(?:\\*["'])?[ \t]*[:=][ \t]*(?:\\*["'])?([A-Za-z0-9+/]{8,}={0,2})(?![A-Za-z0-9+/=])/g,
    current: REGISTRY_AUTH,
    examples: [
      '"auth": "YWRtaW46czNjcmV0"',
      '{\\"auth\\":\\"YWRtaW46czNjcmV0\\"}',
      '_auth = YWRtaW46czNjcmV0',
      'x\\"auth":"YWRtaW46czNjcmV0"',
    ],
    pieces: ['\\', '"', "'", '_', 'auth', 'x', '-', ':', '=', ' ', 'YWRtaW46', 'czNj', '='],
    attack: (n) => `${'\\'.repeat(n)}\u0000`,
  },
  {
    name: 'the name a gitleaks match is assigned to (gitleaks-rule)',
    old: /([A-Za-z_][\w.-]*)["']?[ \t]*(?::=|=>|=|:)[ \t]*["']?$/,
    current: KEY_BEFORE,
    examples: ['commit: ', 'const sha = "', '9abc.def := ', "x = y commit_sha => '", '"key": "', '-.9_x: '],
    pieces: [...NAME, ' ', '\t', ':', '=', '=>', ':=', '"', "'", ','],
    attack: (n) => `${'A'.repeat(n)}:A:`,
  },
  {
    name: 'a Go DSN user:password@tcp( (url-credentials)',
    old: /(?<![\w/:@])(?<user>[A-Za-z0-9_.-]+):(?<secret>[^\s@'"`]{3,})@(?:tcp|unix)\(/g,
    current: GO_DSN,
    examples: [
      'app:s3cr3tpw@tcp(db:3306)/x',
      'dsn := "a.b-c:pw1234@unix(/tmp/s)"',
      '/x.y:pw1234@tcp(',
      '@a-b:pw12@tcp(',
    ],
    pieces: ['a', 'Z', '9', '_', '.', '-', ':', '@', '/', 'pw', '@tcp(', '@unix(', ' '],
    attack: (n) => `${'t-'.repeat(n)}\u0000`,
  },
  {
    name: 'a Go DSN after many users in one word (url-credentials)',
    // The first rewrite: tried once per run of user characters, but each try ran the password to the
    // next blank; a word of `x:y-` pieces holds a run (and a try) every four characters.
    old: /(?<![A-Za-z0-9_.-])(?:(?<![/:@])|[A-Za-z0-9_]*[.-])(?<user>[A-Za-z0-9_.-]+):(?<secret>[^\s@'"`]{3,})@(?:tcp|unix)\(/g,
    current: GO_DSN,
    examples: [
      'app:s3cr3tpw@tcp(db:3306)/x',
      'a:pw1@tcp(b:pw2@tcp(',
      'u:p:n-p:n-p@tcp(',
      '/x-y.z:pw12@unix(/s)',
      'a:b@tcp(c:dd@unix(',
    ],
    pieces: ['a', 'Z', '9', '_', '.', '-', ':', '@', '/', 'pw', '@tcp(', '@unix(', ' ', 'tcp(', '('],
    attack: (n) => `u${'p:n-'.repeat(n / 4)}\t`,
  },
  {
    name: "Oracle's user/password@ (url-credentials)",
    old: /(?:jdbc:oracle:\w+:|\bsqlplus\s+(?:-\w+\s+)*)(?<user>[A-Za-z0-9_$#]+)\/(?<secret>[^\s@'"`/]{3,})@/g,
    current: ORACLE,
    examples: [
      'sqlplus app/s3cr3tpw@db',
      'sqlplus -s -L app/pw123@db',
      'jdbc:oracle:thin:app/pw123@//db:1521/x',
      'sqlplus -sqlplus a/pwd1@x',
    ],
    pieces: ['sqlplus', ' ', '\t', '-', 's', 'app', '/', 'pw1', '@', 'jdbc:oracle:thin:'],
    attack: (n) => `${'sqlplus\t-'.repeat(n)}:sqlplus\tl/ed:@`,
  },
  {
    name: 'a legacy Vault token next to "vault" or "token" (vendor)',
    old: /(?:vault|token)[\w.-]*["']?\s*(?::=|=>|=|:)\s*["']?(?<secret>s\.[A-Za-z0-9]{24})(?![A-Za-z0-9])/gi,
    current: VAULT_LEGACY_TOKEN,
    examples: [
      'VAULT_TOKEN=s.abcdefghijklmnopqrstuvwx',
      'my.vault-token: "s.ABCDEFGHIJKLMNOPQRSTUVWX"',
      'xtoken => s.abcdefghijklmnopqrstuvw',
    ],
    pieces: ['vault', 'TOKEN', 'x', '_', '.', '-', '=', ':', ' ', '"', 's.', 'abcdefgh', 'ABCDEFGH', '1'],
    attack: (n) => `${'VAULTA'.repeat(n)}\u0000`,
  },
  {
    name: 'a private-key block (vendor)',
    // As it was: a space matched both the character class and `\s`, so a run of spaces after a
    // header with no END line backtracked exponentially (a 40-space run hung the scan).
    old: new RegExp(
      `(?<secret>-----BEGIN (?:[A-Z0-9]+ )*${PK}(?: BLOCK)?-----(?:(?:\\\\)+[rn]|\\s)+(?:[A-Za-z0-9+/=:,\\- ]|(?:\\\\)+[rn]|\\s)+?-----END (?:[A-Z0-9]+ )*${PK}(?: BLOCK)?-----)`,
      'g',
    ),
    current: PRIVATE_KEY_BLOCK,
    // The old one, after a header whose body was only blanks and escaped newlines, ran past the first
    // END to the next one (one match for two blocks); the new one stops at the first END.
    stopsSooner: true,
    mayDrop: crossesBegin,
    examples: [
      `-----BEGIN ${PK}-----\n${KEY_BODY}\n${KEY_BODY}\n-----END ${PK}-----`,
      `-----BEGIN RSA ${PK}-----\\n${KEY_BODY}\\n-----END RSA ${PK}-----`,
      `key="-----BEGIN OPENSSH ${PK}-----\\\\r\\\\n${KEY_BODY} ${KEY_BODY}\\\\n-----END OPENSSH ${PK}-----"`,
      `-----BEGIN ${PK}-----\n-----END ${PK}-----`,
      `-----BEGIN ${PK}-----\nx-----END ${PK}-----`,
      `-----BEGIN ${PK}-----\\n-----END ${PK}-----`,
      `-----BEGIN ${PK}-----${KEY_BODY}\n-----END ${PK}-----`,
      `-----BEGIN ${PK}-----\n${KEY_BODY}.\n-----END ${PK}-----`,
      `-----BEGIN ${PK} BLOCK-----\n\n${KEY_BODY}\n-----END ${PK} BLOCK-----\n-----END ${PK}-----`,
    ],
    pieces: [
      `-----BEGIN ${PK}-----`,
      `-----END ${PK}-----`,
      `-----BEGIN EC ${PK}-----`,
      `-----END EC ${PK}-----`,
      ' ',
      '\n',
      '\\n',
      '\\\\r',
      '\\',
      'MIIE',
      'ab+/=',
      ':,-',
      '.',
    ],
    attack: (n) => `-----BEGIN ${PK}-----\n${' '.repeat(n)}!`,
  },
  {
    name: 'a private-key block after many headers with no END (vendor)',
    // The first rewrite above, linear on blanks but quadratic on many headers: each searched the rest.
    old: new RegExp(
      `(?<secret>-----BEGIN (?:[A-Z0-9]+ )*${PK}(?: BLOCK)?-----(?=\\s|\\\\+[rn])(?:[A-Za-z0-9+/=:,\\-]|\\\\+[rn]|\\s){2,}?-----END (?:[A-Z0-9]+ )*${PK}(?: BLOCK)?-----)`,
      'g',
    ),
    current: PRIVATE_KEY_BLOCK,
    // A header followed by another before any END: the new one starts at the last header, and finds
    // nothing when that one is malformed (the old one reported a block running across a BEGIN line).
    stopsSooner: true,
    mayDrop: crossesBegin,
    examples: [
      `-----BEGIN ${PK}-----\n${KEY_BODY}\n-----END ${PK}-----`,
      `-----BEGIN ${PK}-----\n${KEY_BODY}\n-----BEGIN ${PK}-----\n${KEY_BODY}\n-----END ${PK}-----`,
      `-----BEGIN ${PK}-----\n-- ${KEY_BODY}\n-----END ${PK}-----`,
    ],
    pieces: [
      `-----BEGIN ${PK}-----`,
      `-----END ${PK}-----`,
      '-----BEGIN ',
      '-',
      ' ',
      '\n',
      '\\n',
      'MIIE',
      'ab+/=',
      'ND',
    ],
    attack: (n) => `-----BEGIN ${PK}----- ND`.repeat(Math.ceil(n / 30)) + '\u0000',
  },
  {
    name: 'an Azure SAS signature (vendor)',
    old: /\bsv=\d{4}-\d{2}-\d{2}(?:&[a-z]{2,5}=[^&\s"'<>]*)*?&sig=(?<secret>[A-Za-z0-9%+/]{30,}(?:%3D|=){0,2})/g,
    current: AZURE_SAS_SIGNATURE,
    // A raw `=` in a parameter's value (SAS values are URL-encoded): the new one finds the signature
    // from a later `sv=`, or not at all when no `sv=` comes after the `=`.
    stopsSooner: true,
    examples: [
      `https://a.blob.core.windows.net/c?sv=2022-11-02&ss=b&srt=co&sp=rl&se=2030-01-01T00%3A00%3A00Z&sig=${'Ab1%2Bz/'.repeat(6)}%3D`,
      `?sv=2019-12-12&sig=${'x9Z'.repeat(12)}==`,
      `sv=2022-11-02&sp=r&sig=short`,
    ],
    pieces: ['sv=2022-11-02', '&sp=', '&se=', '&sig=', 'rwdl', '%3A', 'Ab1%2Bz/Ab1%2Bz/', '0', '&', ' ', 'x'],
    attack: (n) => 'sv=3333-00-30&sig=A00si%'.repeat(Math.ceil(n / 24)) + '\u0000',
  },
  {
    name: 'an Azure SAS signature after many `sv=` parameters (vendor)',
    // The first rewrite: each `sv=` of a run of `sv=…&` parameters read the rest of the run as its own
    // parameters before failing.
    old: /\bsv=\d{4}-\d{2}-\d{2}(?:&[a-z]{2,5}=[^&=\s"'<>]*)*?&sig=(?<secret>[A-Za-z0-9%+/]{30,}(?:%3D|=){0,2})/g,
    current: AZURE_SAS_SIGNATURE,
    // A second `sv=` among the parameters: the signature is found from the last one.
    stopsSooner: true,
    examples: [
      `?sv=2019-12-12&sv=2020-01-01&sig=${'x9Z'.repeat(12)}==`,
      `sv=2022-11-02&sp=r&sv=2022-11-02&se=x&sig=${'Ab1%2Bz/'.repeat(6)}%3D`,
    ],
    pieces: ['sv=2022-11-02', '&sv=2022-11-02', '&sp=', '&sig=', 'rwdl', 'Ab1%2Bz/Ab1%2Bz/', '0', '&', ' '],
    attack: (n) => 'sv=3333-00-30&'.repeat(Math.ceil(n / 14)) + '\u0000',
  },
  {
    name: 'a Kubernetes Secret data entry (kubernetes-secret)',
    old: /^([ \t]+)(["']?)([\w.-]+)\2[ \t]*:[ \t]*(["']?)([^\s"'#][^"'#\n]*?)\4[ \t]*$/,
    current: KUBERNETES_SECRET_ENTRY,
    examples: [
      '  password: c2VjcmV0LXZhbHVl',
      '  "api.key": \'c2VjcmV0LXZhbHVl\'  ',
      '    token: a b c \t',
      '  x: "y" #',
      '  a:b',
    ],
    pieces: [' ', '\t', 'key', ':', '"', "'", 'c2Vj', 'a b', '#', '-', '.'],
    attack: (n) => `\t-::${'\t'.repeat(n)}\n`,
  },
  {
    name: 'an XML element with a name and a value attribute (assignment-forms)',
    old: /<(?!(?:input|option|button|param|select|textarea)\b)[A-Za-z][\w:.-]*[ \t][^<>\n]*?\b(?:name|key)[ \t]*=[ \t]*["'](?<key>[A-Za-z_][\w.:-]*)["'][^<>\n]*?\bvalue[ \t]*=[ \t]*(?<q>["'])(?<value>[^"'<>\n]*)\k<q>/g,
    current: XML_NAMED_VALUE,
    examples: [
      '<add key="DbPassword" value="s3cr3t-v4lue"/>',
      "<entry name='token' other=\"1\" value='abc'>",
      '<input name="a" value="b">',
    ],
    pieces: ['<add ', '<n\t', 'key="c"', 'name="y"', ' value="v1"', "value='x'", ' ', '\t', '>', '<', 'a'],
    attack: (n) => `<n\t${'key="c"\t'.repeat(Math.ceil(n / 8))}\n`,
  },
  {
    name: 'an XML element with a name and a text value (assignment-forms)',
    old: /<(?<tag>[A-Za-z][\w:.-]*)[ \t][^<>\n]*?\b(?:name|key)[ \t]*=[ \t]*["'](?<key>[A-Za-z_][\w.:-]*)["'][^<>\n]*>(?<value>[^<\s]{4,200})<\/\k<tag>>/g,
    current: XML_NAMED_TEXT,
    examples: ['<string name="api_key">AIzaSyExampleValue123</string>', '<entry a="1" key="secret">abcd</entry>'],
    pieces: ['<string ', '<n\t', 'name="y"', 'key="k"', '>', 'abcd1234', '</string>', '</n>', ' ', '\v'],
    attack: (n) => `<n\t${'name="y"\v'.repeat(Math.ceil(n / 9))}\n`,
  },
  {
    name: 'an authentication call with a literal user and password (assignment-forms)',
    old: /\b(?:auth|login|basic_?auth|BasicAuth|HTTPBasicAuth|HTTPDigestAuth|authenticate|set_?auth|set_?credentials|bind|simple_bind(?:_s)?|bind_s)[ \t]*=?[ \t]*\([ \t]*\(?[ \t]*(?<uq>["'])(?<user>[^"'\n]{1,100})\k<uq>[ \t]*,[ \t]*(?<q>["'])(?<value>[^"'\n]{1,200})\k<q>/gi,
    current: AUTH_CALL,
    examples: ['auth=("me", "p4ss-w0rd")', 'conn.simple_bind_s("cn=admin", \'pw\')', 'AUTH \t = \t ( ("u","v")'],
    pieces: ['auth', 'bind', ' ', '\t', '=', '(', '"u"', "'v'", ',', 'x'],
    // Blanks around an optional `=` and around an optional second `(`: each run was tried both ways.
    attack: (n) => `AUTH\t${'\t'.repeat(n / 2)}(${'\t'.repeat(n / 2)}\n`,
  },
  {
    name: 'a stack frame with a bundle position (util/stack)',
    old: (text) =>
      text.replace(
        /(?:file:\/\/)?(\/[^():\s]+\.js):(\d+):(\d+)/g,
        (_frame, file: string, line: string, column: string) => markFrame(file, line, column),
      ),
    current: (text) => mapFrames(text, markFrame),
    examples: [
      '    at run (file:///home/me/dist/cli.js:12:34)',
      'at /a/b.js:1:2\n    at x (/c d/e.js:3:4)',
      '/a.js:1:2/b.js:3:4',
      'xfile:///a.js:1:2 abcfile:///b.js:1:2',
      '/a.js.js:1:2 /x/.js:1:2 file:///.js:1:2',
      '/a.js:1:23.js:4:5',
    ],
    pieces: ['/', '.js', ':', '1', '23', 'file://', 'file:', '(', ')', ' ', 'a', 'js', '.', '\n'],
    // Each `/` of a long run started a search that ran to the run's end.
    attack: (n) => `${'0/j'.repeat(n / 3)}0`,
  },
  {
    name: 'a multi-error headline and its items (util/errors)',
    old: (text) => {
      const match = /^(.*?)\d+ errors? occurred:\s*\n((?:\s*\* .*(?:\n|$))+)/.exec(text);
      if (!match) return text;
      const items = match[2]!.split('\n').map((line) => line.replace(/^\s*\* /, '').trim());
      return `${match[1]}${items.filter(Boolean).join('; ')}`;
    },
    current: unpackMultiError,
    examples: [
      'write failed: 2 errors occurred:\n\t* permission denied\n\t* no handler\n\n',
      '1 error occurred:\n\n\n  * a * b\n',
      '12 errors occurred:  \n* x\r\n* y',
      '3 errors occurred: * x',
    ],
    pieces: ['0', '12', ' error', 's', ' occurred:', '\n', ' ', '\t', '* ', 'x', '\r'],
    attack: (n) => ` ${'0'.repeat(n)}0 error occurred:${' \n'.repeat(n)} `,
  },
  ...Object.entries(LINEAR_REWRITES).map(([go, { regex }]): Rewrite => ({
    name: `gitleaks ${go}`,
    old: new RegExp(goRegexToJs(go)),
    current: new RegExp(goRegexToJs(regex)),
    examples: GITLEAKS_EXAMPLES[go] ?? [],
    pieces: [
      '{{',
      '}}',
      '${{',
      ' ',
      '\t',
      '\n',
      '.',
      'Values',
      'secrets',
      'env',
      '.x1',
      '(',
      ')',
      '|',
      '"',
      'EXAMPLE',
      'A',
    ],
    attack: GITLEAKS_ATTACKS[go] ?? ((n) => 'x'.repeat(n)),
    testOnly: true,
    ...GITLEAKS_OPTIONS[go],
  })),
];
