import { rm } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { gradeChallenge } from '../../src/grader/index.js';
import { failedIds, nodeProgram, programDir } from './helpers.js';

/**
 * A correct program that makes many requests between its login and its read still passes: the
 * grader judges every entry the trail reported during the run (a subscription), not what the
 * in-memory trail still keeps (bounded by bytes). With the trail trimmed by count, 12,500
 * requests in between made the login fall out and the grade fail.
 */
const made: string[] = [];
afterAll(async () => {
  await Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('a program that makes 12,500 requests between its login and its read', () => {
  it('passes on the embedded server', async () => {
    const dir = await programDir(
      nodeProgram(`const token = await login();
for (let i = 0; i < 12500; i++) await read(token, 'auth/token/lookup-self');
const { password } = await data(token, 'secret/data/database/backend');
console.log('connected:', password.length > 0);`),
    );
    made.push(dir);
    const report = await gradeChallenge({ challengeId: 'approle', dir, vault: 'embedded', timeoutSeconds: 240 });
    expect(failedIds(report)).toEqual([]);
    expect(report.passed).toBe(true);
  }, 300_000);
});
