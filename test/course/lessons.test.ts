import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LessonError, loadLessons } from '../../src/course/lessons.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lessons-test-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const question = (id: string, answer = 1) => ({
  id,
  prompt: 'Which is right?',
  choices: ['this', 'that'],
  answer,
  explanation: 'Because.',
});

function lessonText(front: Record<string, unknown>, body = '# Heading\n\nSome text.\n'): string {
  // JSON is YAML, which keeps the fixtures exact.
  return `---\n${JSON.stringify(front, null, 2)}\n---\n${body}`;
}

const valid = (id: string, order: number, extra: Record<string, unknown> = {}) => ({
  id,
  title: `Lesson ${id}`,
  order,
  minutes: 5,
  quiz: [question('q1'), question('q2', 0)],
  steps: [
    {
      id: 'enable-approle',
      title: 'Enable AppRole',
      instructions: 'Run:\n\n```sh\nvault auth enable approle\n```\n',
      check: { type: 'auth-enabled', path: 'approle', method: 'approle' },
    },
  ],
  ...extra,
});

async function write(name: string, text: string): Promise<void> {
  await writeFile(join(dir, name), text);
}

async function loadError(): Promise<string> {
  const error = await loadLessons(dir).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(LessonError);
  const message = (error as Error).message;
  expect(message.split('\n')).toHaveLength(1);
  return message;
}

describe('loadLessons', () => {
  it('loads valid lessons ordered by order, with the markdown body and the absolute file', async () => {
    await write('02-second.md', lessonText(valid('second', 2)));
    await write(
      '01-first.md',
      lessonText(valid('first', 1), '# First\n\n```python runnable setup=approle\nprint(1)\n```\n'),
    );
    await write('README.md', 'not a lesson');
    const lessons = await loadLessons(dir);
    expect(lessons.map((lesson) => lesson.id)).toEqual(['first', 'second']);
    const first = lessons[0]!;
    expect(first.markdown).toContain('# First');
    expect(first.markdown).not.toContain('---');
    expect(first.file).toBe(join(dir, '01-first.md'));
    expect(first.quiz[1]).toEqual({ ...question('q2', 0), choices: [{ text: 'this' }, { text: 'that' }] });
    expect(first.steps[0]!.check).toEqual({ type: 'auth-enabled', path: 'approle', method: 'approle' });
  });

  it('defaults missing steps and quiz to empty lists', async () => {
    const { steps: _steps, quiz: _quiz, ...rest } = valid('bare', 1);
    await write('01-bare.md', lessonText(rest));
    const [lesson] = await loadLessons(dir);
    expect(lesson!.steps).toEqual([]);
    expect(lesson!.quiz).toEqual([]);
  });

  it('accepts the extended checks (settings, forbidden capabilities, versions, secret ids)', async () => {
    const steps = [
      {
        id: 'a',
        title: 'a',
        instructions: 'x',
        check: { type: 'approle-role', role: 'app', policies: ['app'], settings: { token_ttl: 3600 } },
      },
      {
        id: 'b',
        title: 'b',
        instructions: 'x',
        check: {
          type: 'policy-allows',
          name: 'app',
          path: 'secret/data/app/x',
          capabilities: ['read'],
          deniedPath: 'secret/data/other',
          forbiddenCapabilities: ['update'],
        },
      },
      {
        id: 'c',
        title: 'c',
        instructions: 'x',
        check: {
          type: 'kv-secret',
          mount: 'secret',
          path: 'database/backend',
          keys: ['password'],
          minVersion: 2,
          maxVersions: 5,
        },
      },
      { id: 'd', title: 'd', instructions: 'x', check: { type: 'approle-secret-id', role: 'app' } },
      {
        id: 'e',
        title: 'e',
        instructions: 'Compose it.',
        check: {
          type: 'policy-grants',
          name: 'reports',
          grants: [
            { path: 'secret/data/reports/q1', capabilities: ['read'] },
            { path: 'secret/metadata/reports/', capabilities: ['list'] },
          ],
          denied: ['secret/data/database/backend'],
        },
        hints: [
          { level: 'nudge', text: 'Two paths.' },
          { level: 'near-solution', text: '```sh\nvault policy write reports reports.hcl\n```' },
        ],
      },
      {
        id: 'f',
        title: 'f',
        instructions: 'x',
        check: { type: 'approle-wrapped-secret-id', role: 'app', maxTtl: 300 },
      },
      { id: 'g', title: 'g', instructions: 'x', check: { type: 'token-exists', displayName: 'laptop', maxTtl: 86400 } },
      { id: 'h', title: 'h', instructions: 'x', check: { type: 'git-ignored', repo: 'my-api', file: '.env' } },
      { id: 'i', title: 'i', instructions: 'x', check: { type: 'hook-blocks-secret', repo: 'hook-demo' } },
    ];
    await write('01-checks.md', lessonText(valid('checks', 1, { steps })));
    const [lesson] = await loadLessons(dir);
    expect(lesson!.steps.map((step) => step.check.type)).toEqual([
      'approle-role',
      'policy-allows',
      'kv-secret',
      'approle-secret-id',
      'policy-grants',
      'approle-wrapped-secret-id',
      'token-exists',
      'git-ignored',
      'hook-blocks-secret',
    ]);
    expect(lesson!.steps[4]!.hints?.map((hint) => hint.level)).toEqual(['nudge', 'near-solution']);
  });

  it('reads choices with feedback, and plain choices, into one shape', async () => {
    const quiz = [
      {
        ...question('q1', 1),
        choices: [{ text: 'this', feedback: 'Why this is wrong.' }, 'that'],
      },
    ];
    await write('01-a.md', lessonText(valid('a', 1, { quiz })));
    const [lesson] = await loadLessons(dir);
    expect(lesson!.quiz[0]!.choices).toEqual([{ text: 'this', feedback: 'Why this is wrong.' }, { text: 'that' }]);
  });

  it('returns no lessons for an empty folder and a one-line error for a missing one', async () => {
    expect(await loadLessons(dir)).toEqual([]);
    await expect(loadLessons(join(dir, 'nope'))).rejects.toThrow(/nope: cannot read the lessons folder \(ENOENT\)/);
  });
});

describe('loadLessons rejects, naming the file and the field', () => {
  const cases: Array<[string, string, string, RegExp]> = [
    ['no front matter', '01-a.md', '# Just markdown\n', /01-a\.md: must start with YAML front matter/],
    ['unclosed front matter', '01-a.md', '---\nid: a\n', /01-a\.md: the front matter has no closing "---" line/],
    [
      'invalid YAML',
      '01-a.md',
      '---\nid: a\ntitle: [unclosed\n---\nbody\n',
      /01-a\.md: front matter is not valid YAML \(line \d+: /,
    ],
    ['duplicate YAML key', '01-a.md', '---\nid: a\nid: a\n---\nbody\n', /01-a\.md: front matter is not valid YAML/],
    [
      'front matter not a mapping',
      '01-a.md',
      '---\n- a\n---\nbody\n',
      /01-a\.md: \(front matter\): must be a YAML mapping/,
    ],
    ['bad file name', 'intro.md', lessonText(valid('intro', 1)), /intro\.md: file name must be NN-<id>\.md/],
  ];
  for (const [title, name, text, pattern] of cases) {
    it(title, async () => {
      await write(name, text);
      expect(await loadError()).toMatch(pattern);
    });
  }

  const fieldCases: Array<[string, Record<string, unknown>, RegExp]> = [
    ['missing title', { title: undefined }, /title: must be a string/],
    ['minutes not a number', { minutes: 'ten' }, /minutes: must be a number/],
    ['order zero', { order: 0 }, /order: must be greater than 0/],
    ['unknown key', { author: 'me' }, /author: unknown field/],
    ['unknown key in a question', { quiz: [{ ...question('q1'), hint: 'x' }] }, /quiz\[0\]\.hint: unknown field/],
    ['id not kebab-case', { id: 'Lesson_A' }, /id: must be kebab-case/],
    ['id not matching the file name', { id: 'other' }, /id: "other" does not match the file name \(expected "a"\)/],
    ['order not matching the file name', { order: 2 }, /order: 2 does not match the file name's number 01/],
    ['answer out of range', { quiz: [question('q1', 2)] }, /quiz\[0\]\.answer: 2 is out of range \(2 choices/],
    ['negative answer', { quiz: [question('q1', -1)] }, /quiz\[0\]\.answer: -1 is out of range/],
    [
      'one choice only',
      { quiz: [{ ...question('q1', 0), choices: ['only'] }] },
      /quiz\[0\]\.choices: must offer at least 2 choices/,
    ],
    [
      'missing explanation',
      { quiz: [{ ...question('q1'), explanation: '' }] },
      /quiz\[0\]\.explanation: must not be empty/,
    ],
    ['duplicate quiz ids', { quiz: [question('same'), question('same')] }, /quiz\[1\]\.id: "same" is used twice/],
    [
      'duplicate step ids',
      { steps: [valid('a', 1).steps[0], valid('a', 1).steps[0]] },
      /steps\[1\]\.id: "enable-approle" is used twice/,
    ],
    [
      'unknown check type',
      { steps: [{ ...valid('a', 1).steps[0], check: { type: 'magic' } }] },
      /steps\[0\]\.check(\.type)?: must have a known type/,
    ],
    [
      'check missing a field',
      { steps: [{ ...valid('a', 1).steps[0], check: { type: 'kv-secret', mount: 'secret', path: 'x' } }] },
      /steps\[0\]\.check\.keys/,
    ],
    [
      'check with a path starting with a slash',
      { steps: [{ ...valid('a', 1).steps[0], check: { type: 'kv-v2-mounted', path: '/secret' } }] },
      /steps\[0\]\.check\.path: must be a Vault path/,
    ],
    [
      'unknown capability',
      {
        steps: [
          {
            ...valid('a', 1).steps[0],
            check: { type: 'policy-allows', name: 'p', path: 'a/b', capabilities: ['write'] },
          },
        ],
      },
      /steps\[0\]\.check\.capabilities/,
    ],
    [
      'feedback on the right choice',
      { quiz: [{ ...question('q1', 1), choices: ['this', { text: 'that', feedback: 'x' }] }] },
      /quiz\[0\]\.choices\[1\]\.feedback: the right choice takes no feedback/,
    ],
    [
      'a local check climbing out of the course folder',
      { steps: [{ ...valid('a', 1).steps[0], check: { type: 'git-ignored', repo: '../elsewhere', file: '.env' } }] },
      /steps\[0\]\.check\.repo: must be a relative path inside the course folder/,
    ],
    [
      'a hint of an unknown level',
      { steps: [{ ...valid('a', 1).steps[0], hints: [{ level: 'answer', text: 'x' }] }] },
      /steps\[0\]\.hints\[0\]\.level/,
    ],
    [
      'marked code in step instructions',
      { steps: [{ ...valid('a', 1).steps[0], instructions: '```sh runnable setup=vault\nvault status\n```\n' }] },
      /steps\[0\]\.instructions: code in a step's instructions is plain/,
    ],
  ];
  for (const [title, change, pattern] of fieldCases) {
    it(title, async () => {
      await write('01-a.md', lessonText({ ...valid('a', 1), ...change }));
      const message = await loadError();
      expect(message).toMatch(/^(.*\/)?01-a\.md: /);
      expect(message).toMatch(pattern);
    });
  }

  it('names the line of a bad code block in the file', async () => {
    const text = lessonText(valid('a', 1), '# A\n\ntext\n\n```js\n1\n```\n');
    await write('01-a.md', text);
    const line = text.split('\n').indexOf('```js') + 1;
    expect(await loadError()).toContain(`01-a.md: line ${line}: a \`\`\`js block must be marked`);
  });

  it('names the file line of a YAML error', async () => {
    await write('01-a.md', '---\nid: a\ntitle: "x\n---\nbody\n');
    expect(await loadError()).toMatch(/01-a\.md: front matter is not valid YAML \(line 3: /);
  });

  it('reports how many more problems there are', async () => {
    await write('01-a.md', lessonText({ ...valid('a', 1), title: 5, minutes: 'x' }));
    expect(await loadError()).toMatch(/\(and 1 more problem\)$/);
  });

  it('duplicate ids across files', async () => {
    await write('01-same.md', lessonText(valid('same', 1)));
    await write('02-same.md', lessonText(valid('same', 2)));
    expect(await loadError()).toMatch(/02-same\.md: id: "same" is already used by 01-same\.md/);
  });

  it('duplicate orders across files', async () => {
    await write('01-a.md', lessonText(valid('a', 1)));
    await write('01-b.md', lessonText(valid('b', 1)));
    expect(await loadError()).toMatch(/01-b\.md: order: 1 is already used by 01-a\.md/);
  });

  it('an empty body', async () => {
    await write('01-a.md', lessonText(valid('a', 1), '\n  \n'));
    expect(await loadError()).toMatch(/01-a\.md: the lesson has no text after the front matter/);
  });

  const blockCases: Array<[string, string, RegExp]> = [
    [
      'an unmarked python block',
      '```python\nprint(1)\n```',
      /line \d+: a ```python block must be marked either "runnable" or "fragment"/,
    ],
    [
      'both runnable and fragment',
      '```js runnable fragment setup=none\n1\n```',
      /must be marked either "runnable" or "fragment"/,
    ],
    [
      'runnable without setup',
      '```sh runnable\ntrue\n```',
      /a runnable block needs setup=<none\|dotenv\|vault\|playground\|approle\|wrapped>/,
    ],
    ['an unknown setup', '```sh runnable setup=prod\ntrue\n```', /unknown setup "prod"/],
    ['an unknown attribute', '```sh runnable setup=none timeout=3\ntrue\n```', /unknown attribute "timeout"/],
    ['a bad exit code', '```sh runnable setup=none exit=one\ntrue\n```', /exit must be a number/],
    [
      'a runnable hcl block',
      '```hcl runnable setup=none\npath "x" {}\n```',
      /"hcl" blocks cannot be runnable or fragments/,
    ],
    ['attributes on a fragment', '```python fragment setup=none\nx\n```', /a fragment takes no attributes/],
  ];
  for (const [title, block, pattern] of blockCases) {
    it(title, async () => {
      await write('01-a.md', lessonText(valid('a', 1), `# A\n\n${block}\n`));
      expect(await loadError()).toMatch(pattern);
    });
  }
});
