import * as z from 'zod';
import type { GradeReport } from '../grader/report.js';
import { UserError } from '../util/errors.js';

/** A `grade --json` report read back from a file (for `classroom submit`), checked for shape. */
const gradeReportSchema = z.object({
  challenge: z.string(),
  passed: z.boolean(),
  vault: z.string(),
  durationMs: z.number().nonnegative(),
  checks: z.array(
    z.object({ id: z.string(), title: z.string(), passed: z.boolean(), detail: z.string(), hint: z.string() }),
  ),
});

export function parseGradeReport(text: string, source: string): GradeReport {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new UserError(`${source} is not JSON; save the output of "secrets-workbook grade <challenge> --json"`);
  }
  const parsed = gradeReportSchema.safeParse(raw);
  if (!parsed.success)
    throw new UserError(
      `${source} is not a grade report (${parsed.error.issues[0]?.path.join('.') || 'top level'}: ${parsed.error.issues[0]?.message})`,
    );
  return parsed.data;
}
