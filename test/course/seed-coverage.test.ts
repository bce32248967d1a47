import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listChallengeIds } from '../../src/course/challenges.js';
import { loadLessons } from '../../src/course/lessons.js';
import { lessonsDir } from '../../src/util/package-info.js';

/**
 * lessons/README.md maps every item of the tutorial the course is built on (its practice
 * questions, common mistakes, FAQ, Challenge and Mini Project) to the lesson that teaches it,
 * the questions that quiz it and the steps or challenges that practise it. Every reference must
 * exist, and every item must be both taught and quizzed.
 */
const lessons = await loadLessons();
const challenges = await listChallengeIds();
const table = readFileSync(join(lessonsDir, 'README.md'), 'utf8');

interface Row {
  item: string;
  lessons: string[];
  quiz: string[];
  practice: string;
}
const rows: Row[] = table
  .split('\n')
  .filter((line) => line.startsWith('| ') && !/^\| (seed item|topic) \|/.test(line) && !line.startsWith('|---'))
  .map((line) => {
    const cells = line.split(' | ').map((cell) => cell.replace(/^\| |\s*\|$/g, '').trim());
    const refs = (cell: string) => [...(cell ?? '').matchAll(/`([^`]+)`/g)].map((match) => match[1]!);
    return { item: cells[0]!, lessons: refs(cells[1]!), quiz: refs(cells[2]!), practice: cells[3] ?? '' };
  });

const lessonIds = new Set(lessons.map((lesson) => lesson.id));
const questionIds = new Set(lessons.flatMap((lesson) => lesson.quiz.map((question) => `${lesson.id}/${question.id}`)));
const stepIds = new Set(lessons.flatMap((lesson) => lesson.steps.map((step) => `${lesson.id}/${step.id}`)));

describe('the coverage table of the tutorial (lessons/README.md)', () => {
  it('lists every practice question, mistake and FAQ entry, the Challenge and the Mini Project', () => {
    const items = rows.map((row) => row.item);
    for (const prefix of [
      'P1.',
      'P2.',
      'P3.',
      'P4.',
      'P5.',
      'M1.',
      'M2.',
      'M3.',
      'M4.',
      'M5.',
      'F1.',
      'F2.',
      'F3.',
      'F4.',
      'F5.',
    ])
      expect(
        items.some((item) => item.startsWith(prefix)),
        prefix,
      ).toBe(true);
    expect(items.some((item) => item.startsWith('Challenge:'))).toBe(true);
    expect(items.some((item) => item.startsWith('Mini Project:'))).toBe(true);
  });

  it('teaches and quizzes every item, with references that exist', () => {
    for (const row of rows) {
      expect(row.lessons.length, `${row.item}: taught in a lesson`).toBeGreaterThan(0);
      for (const id of row.lessons) expect(lessonIds, `${row.item}: lesson ${id}`).toContain(id);
      expect(row.quiz.length, `${row.item}: quizzed`).toBeGreaterThan(0);
      for (const id of row.quiz) expect(questionIds, `${row.item}: question ${id}`).toContain(id);
    }
  });

  it('names hands-on steps and challenges that exist', () => {
    for (const row of rows) {
      for (const match of row.practice.matchAll(/(challenge )?`([^`]+)`( check\))?/g)) {
        const [, isChallenge, ref, isCheck] = match;
        if (isCheck) continue;
        if (isChallenge) expect(challenges, `${row.item}: challenge ${ref}`).toContain(ref);
        else expect(stepIds, `${row.item}: step ${ref}`).toContain(ref);
      }
    }
  });

  it('practises most items hands-on: the practice questions and mistakes all of them', () => {
    for (const row of rows.filter((entry) => /^[PM]\d\./.test(entry.item))) expect(row.practice, row.item).toMatch(/`/);
  });
});
