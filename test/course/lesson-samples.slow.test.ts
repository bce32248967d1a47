import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyBlock, extractCodeBlocks, type RunnableSample } from '../../src/course/code-blocks.js';
import { loadLessons } from '../../src/course/lessons.js';
import { availableLessonProviders, describeSample, leakedSecrets, prepareSetup, runCode } from './sample-harness.js';

/**
 * Every ```<lang> runnable block of every lesson, run as a learner would run it (see
 * src/course/code-blocks.ts for the convention and sample-harness.ts for the setups), against a
 * fresh dev server per sample, on every provider in LESSON_TEST_PROVIDERS (bao and the embedded server). A sample passes when it exits as declared, prints what it
 * declares, and prints no secret value (nor its base64, hex or URL-encoded form).
 * LESSON=<id> runs one lesson's samples; SHOW_OUTPUT=1 prints what each sample printed.
 */
const providers = await availableLessonProviders();
const only = process.env.LESSON;
const lessons = (await loadLessons()).filter((lesson) => !only || lesson.id === only);

interface Case {
  name: string;
  code: string;
  sample: RunnableSample;
}
const cases: Case[] = lessons.flatMap((lesson) => {
  // Block lines count from the markdown body; name the line in the file.
  const bodyStart = readFileSync(lesson.file, 'utf8').split('\n').indexOf('---', 1) + 1;
  return extractCodeBlocks(lesson.markdown).flatMap((block) => {
    const kind = classifyBlock(block);
    const name = `${basename(lesson.file)}:${bodyStart + block.line} (${describeSample(kind.kind === 'runnable' ? kind.sample : undefined)})`;
    return kind.kind === 'runnable' ? [{ name, code: block.code, sample: kind.sample }] : [];
  });
});

describe.skipIf(providers.length === 0)(
  `runnable lesson samples (${providers.join(', ') || 'no Vault provider here'})`,
  () => {
    it('there are runnable samples in every language', () => {
      if (only) return;
      for (const language of ['python', 'js', 'sh'] as const) {
        expect(cases.filter((entry) => entry.sample.language === language).length, language).toBeGreaterThanOrEqual(5);
      }
    });

    // Each sample has its own server and folder, and mostly waits for bao to start: run a few at once
    // (vitest's maxConcurrency, 5 by default).
    for (const provider of providers)
      for (const entry of cases) {
        it.concurrent(`${provider}: ${entry.name}`, async ({ expect }) => {
          const workspace = await prepareSetup(entry.sample.setup, provider);
          try {
            const run = await runCode(workspace, entry.sample.language, entry.code);
            const context = `output:\n${run.output}`;
            if (process.env.SHOW_OUTPUT) console.log(`--- ${entry.name}\n${run.output}`);
            expect(run.timedOut, context).toBe(false);
            expect(run.exitCode, context).toBe(entry.sample.exitCode);
            if (entry.sample.expect) expect(run.output, context).toContain(entry.sample.expect);
            expect(leakedSecrets(run.output, workspace.secrets), 'the sample printed a secret value').toEqual([]);
          } finally {
            await workspace.close();
          }
        });
      }
  },
);
