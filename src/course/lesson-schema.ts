import * as z from 'zod';
import { id, positiveInt, text } from './schema-fields.js';
import { STEP_CHECK_TYPES, stepCheckSchema } from './step-check-schema.js';

/**
 * The front matter of a lesson file (lessons/NN-<id>.md), checked field by field so an author
 * gets one line naming the file and the field. Cross-field rules (answer in range, unique ids)
 * are refinements here too, so every rule lives in one place.
 */

/** Every check type a step may use (the same list challenge.yaml `setup` accepts). */
export const VAULT_CHECK_TYPES = STEP_CHECK_TYPES;

/** A choice is its text, or `{ text, feedback }` where feedback says why that choice is wrong. */
const choiceSchema = z
  .union([text, z.strictObject({ text, feedback: text.optional() })], {
    error: 'must be a string or a mapping with text (and feedback)',
  })
  .transform((choice) => (typeof choice === 'string' ? { text: choice } : choice));

const quizQuestionSchema = z
  .strictObject({
    id,
    prompt: text,
    choices: z
      .array(choiceSchema, { error: 'must be a list of choices' })
      .min(2, { error: 'must offer at least 2 choices' }),
    answer: z
      .number({ error: 'must be the index of the right choice (0-based)' })
      .int({ error: 'must be a whole number' }),
    explanation: text,
  })
  .check((ctx) => {
    const { answer, choices } = ctx.value;
    if (answer < 0 || answer >= choices.length) {
      ctx.issues.push({
        code: 'custom',
        input: answer,
        path: ['answer'],
        message: `${answer} is out of range (${choices.length} choices, 0-based)`,
      });
    }
    if (choices[answer]?.feedback) {
      ctx.issues.push({
        code: 'custom',
        input: choices[answer],
        path: ['choices', answer, 'feedback'],
        message: 'the right choice takes no feedback (that is what explanation is for)',
      });
    }
    if (new Set(choices.map((choice) => choice.text)).size !== choices.length) {
      ctx.issues.push({ code: 'custom', input: choices, path: ['choices'], message: 'has the same choice twice' });
    }
  });

const hintSchema = z.strictObject({ level: z.enum(['nudge', 'concept', 'near-solution']), text });

/**
 * A hands-on step. A step that asks the learner to compose something (a policy for a described
 * app, a role with given limits) states the goal in `instructions` and keeps the commands in its
 * hints, the last of which (near-solution) holds them in a ```sh block.
 */
const stepSchema = z.strictObject({
  id,
  title: text,
  instructions: text,
  check: stepCheckSchema,
  hints: z.array(hintSchema).optional(),
});

export const frontMatterSchema = z
  .strictObject(
    {
      id,
      title: text,
      order: positiveInt,
      minutes: positiveInt,
      steps: z.array(stepSchema, { error: 'must be a list of steps' }).default([]),
      quiz: z.array(quizQuestionSchema, { error: 'must be a list of questions' }).default([]),
    },
    { error: (issue) => (issue.code === 'invalid_type' ? 'must be a YAML mapping' : undefined) },
  )
  .check((ctx) => {
    for (const [field, items] of [
      ['steps', ctx.value.steps],
      ['quiz', ctx.value.quiz],
    ] as const) {
      const seen = new Set<string>();
      items.forEach((item, index) => {
        if (seen.has(item.id))
          ctx.issues.push({
            code: 'custom',
            input: item.id,
            path: [field, index, 'id'],
            message: `"${item.id}" is used twice`,
          });
        seen.add(item.id);
      });
    }
  });

/** One line for a zod issue: `quiz[2].answer: 4 is out of range`, `author: unknown field`. */
export function formatIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    const at = formatIssuePath([...issue.path, issue.keys[0] ?? '?']);
    return `${at}: unknown field${issue.keys.length > 1 ? ` (also ${issue.keys.slice(1).join(', ')})` : ''}`;
  }
  return `${formatIssuePath(issue.path)}: ${issue.message}`;
}

/** `quiz[2].answer` from zod's path array. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || '(front matter)';
}
