import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusSecretTokens, TokenFinder } from '../../src/grader/kinds/scanner-challenge/corpus-secrets.js';
import { scoreScanner } from '../../src/grader/kinds/scanner-challenge/scanner-checks.js';
import { FindingsParser, normaliseCategory } from '../../src/grader/kinds/scanner-challenge/scanner-findings.js';
import { LineSplitter } from '../../src/grader/program/line-splitter.js';
import { generateCorpus, type Corpus } from '../../src/scanner/corpus/index.js';

const corpusDir = '/tmp/sw-corpus-test/corpus';
const programDir = '/home/learner/scanner';

describe('FindingsParser: the <path>:<line>[:<category>] contract', () => {
  const files = new Set(['config/.env', 'src/app.js', 'deploy/id_ed25519-0.pem']);
  const parse = (lines: string[]) => {
    const parser = new FindingsParser(corpusDir, programDir, files);
    const splitter = new LineSplitter((line) => parser.line(line));
    splitter.write(lines.join('\n').slice(0, 20));
    splitter.write(lines.join('\n').slice(20));
    splitter.finish();
    return parser;
  };

  it('reads path:line, path:line:category and anything after a space; ignores other lines', () => {
    const parser = parse([
      `${corpusDir}/config/.env:3:aws`,
      `${corpusDir}/src/app.js:12`,
      `${corpusDir}/config/.env:7:password DB_PASSWORD assignment`,
      `\x1b[31m${corpusDir}/deploy/id_ed25519-0.pem:1:private-key\x1b[0m`,
      `${corpusDir}/src/app.js:40:5 generic-rule — sk_l… (Stripe key)`,
      'Found 5 secrets.',
      '',
    ]);
    expect([...parser.findings.values()]).toEqual([
      { file: 'config/.env', line: 3, category: 'aws' },
      { file: 'src/app.js', line: 12 },
      { file: 'config/.env', line: 7, category: 'password' },
      { file: 'deploy/id_ed25519-0.pem', line: 1, category: 'private-key' },
      { file: 'src/app.js', line: 40 },
    ]);
    expect(parser.outsideCount).toBe(0);
  });

  it('counts one finding per file and line; paths relative to the program folder are resolved', () => {
    const relative = join('..', '..', '..', 'tmp', 'sw-corpus-test', 'corpus', 'src', 'app.js');
    const parser = parse([
      `${relative}:2:github`,
      `${corpusDir}/src/app.js:2:high-entropy`,
      `${corpusDir}/src/app.js:2`,
    ]);
    expect([...parser.findings.values()]).toEqual([{ file: 'src/app.js', line: 2, category: 'high-entropy' }]);
  });

  it('notes existing files it was not given, shown relative to the program folder; other lines are chatter', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sw-scanner-parse-'));
    try {
      await mkdir(join(dir, 'samples'));
      await writeFile(join(dir, 'samples', 'leak.env'), 'x\n');
      await writeFile(join(dir, 'main.py'), 'x\n');
      const parser = new FindingsParser(corpusDir, dir, files);
      for (const line of [
        'samples/leak.env:1:aws',
        `${dir}/main.py:10:password`,
        'samples/leak.env:2',
        `${corpusDir}/nope.txt:1`,
        'Time: 12:30',
        'done:0',
      ])
        parser.line(line);
      expect(parser.findings.size).toBe(0);
      expect(parser.outsideCount).toBe(3);
      expect(parser.outside).toEqual(['samples/leak.env', 'main.py']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('maps the category names learners use onto the corpus categories', () => {
    expect(
      [
        'aws-access-key',
        'GitHubToken',
        'stripe_live',
        'slack-webhook',
        'rsa-private-key',
        'db-password',
        'generic-secret',
        'database-url',
        'weird',
        undefined,
      ].map(normaliseCategory),
    ).toEqual([
      'aws',
      'github',
      'stripe',
      'slack',
      'private-key',
      'password',
      'high-entropy',
      'url-credentials',
      'other',
      'unnamed',
    ]);
  });
});

// A PEM frame assembled at run time: no private-key header sits literally in the repository.
const pemLine = (edge: 'BEGIN' | 'END') => ['-----', edge, ' PRIVATE KEY-----'].join('');

describe('scoreScanner', () => {
  const corpus: Corpus = {
    files: [
      { path: 'a.env', content: 'PORT=1\nAWS_KEY=x\nUUID=y\nDB_PASSWORD=z\n' },
      { path: 'k.pem', content: `${pemLine('BEGIN')}\nAAAA\nBBBB\n${pemLine('END')}\n` },
    ],
    labels: [
      { file: 'a.env', line: 2, category: 'aws' },
      { file: 'a.env', line: 4, category: 'password' },
      { file: 'k.pem', line: 1, category: 'private-key' },
    ],
    decoys: [{ file: 'a.env', line: 3, kind: 'uuid' }],
  };
  const finding = (file: string, line: number, category?: string) =>
    [`${file}\0${line}`, { file, line, ...(category ? { category } : {}) }] as const;

  it('a finding on a labelled line is right whatever its category; continuation lines of a key count neither way', () => {
    const score = scoreScanner(
      corpus,
      new Map([finding('a.env', 2, 'high-entropy'), finding('k.pem', 1), finding('k.pem', 2), finding('k.pem', 4)]),
    );
    expect(score).toMatchObject({
      labels: 3,
      found: 2,
      findings: 2,
      correct: 2,
      recall: 2 / 3,
      precision: 1,
      falsePositives: [],
    });
    expect(score.byCategory.find((c) => c.category === 'password')).toMatchObject({ labels: 1, found: 0, recall: 0 });
  });

  it('files false positives by decoy kind and by the category they were reported as', () => {
    const score = scoreScanner(
      corpus,
      new Map([
        finding('a.env', 2),
        finding('a.env', 3, 'uuid-secret'),
        finding('a.env', 1, 'password'),
        finding('a.env', 4),
      ]),
    );
    expect(score).toMatchObject({ found: 2, findings: 4, correct: 2, precision: 0.5 });
    expect(score.falsePositives).toEqual([
      { kind: 'uuid', count: 1, example: 'a.env:3' },
      { kind: 'other', count: 1, example: 'a.env:1' },
    ]);
    expect(score.byCategory.find((c) => c.category === 'password')).toMatchObject({ detections: 2, correct: 1 });
    expect(score.byCategory.find((c) => c.category === 'high-entropy')).toMatchObject({ detections: 1, correct: 0 });
  });
});

describe('echo detection over a corpus', () => {
  it('recognises a printed corpus secret or key line, not paths, hosts or names', () => {
    const corpus = generateCorpus({ perCategory: 6, decoysPerKind: 5 });
    const tokens = corpusSecretTokens(corpus);
    const finder = new TokenFinder(tokens);
    const lines = new Map(corpus.files.map((file) => [file.path, file.content.split('\n')]));
    // Every labelled line holds at least one token, so printing any of them is noticed.
    for (const label of corpus.labels) {
      // A key's BEGIN line alone is public: then the line after it is the key material.
      const own = lines.get(label.file)![label.line - 1]!;
      const text = own.trim().startsWith('-----') ? lines.get(label.file)![label.line]! : own;
      expect(
        new TokenFinder(tokens).check(`${label.file}:${label.line}: ${text}`),
        `${label.category} ${label.file}:${label.line}`,
      ).toBe(true);
    }
    expect(finder.check(`${corpusDir}/config/.env.production-1:3:aws`)).toBe(false);
    expect(finder.check('postgres://app:***@db-prod.example.net:5432/app')).toBe(false);
    expect(finder.check('AWS_SECRET_ACCESS_KEY SESSION_SECRET spring.datasource.password')).toBe(false);
    const first = corpus.labels[0]!;
    expect(finder.check(`found: ${lines.get(first.file)![first.line - 1]}`)).toBe(true);
    expect(finder.count).toBe(1);
  });
});
