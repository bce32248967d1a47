import * as z from 'zod';

/**
 * A submitted result as stored at secret/results/<student>/<challenge> (KV v2; each submission is
 * a new version). It is the `grade --json` report (which never holds a secret value) plus the
 * attempt count and times. The report collector parses leniently: a malformed document (written
 * by hand with the student's token) shows as "unreadable", it does not break the class report.
 */
const checkSchema = z.object({
  id: z.string(),
  title: z.string(),
  passed: z.boolean(),
  detail: z.string().default(''),
  hint: z.string().default(''),
});

export const resultDocumentSchema = z.object({
  format: z.literal(1),
  student: z.string(),
  challenge: z.string(),
  passed: z.boolean(),
  attempts: z.number().int().positive(),
  submittedAt: z.string(),
  firstSubmittedAt: z.string(),
  /** The first submission that passed; stays set when a later attempt fails. */
  passedAt: z.string().optional(),
  report: z.object({
    challenge: z.string(),
    passed: z.boolean(),
    vault: z.string(),
    durationMs: z.number(),
    checks: z.array(checkSchema),
  }),
  tool: z.string().optional(),
});

export type ResultDocument = z.infer<typeof resultDocumentSchema>;

export const CHALLENGE_ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/;
/** Check texts are capped so a chatty report cannot bloat the class Vault. */
export const MAX_TEXT = 500;

export function clip(text: string, max = MAX_TEXT): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
