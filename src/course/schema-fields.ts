import * as z from 'zod';

/** Fields shared by the lesson and step-check schemas, each with the one-line message authors see. */
export const id = z
  .string({ error: 'must be a string' })
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: 'must be kebab-case (a-z, 0-9 and single dashes)' });
export const text = z.string({ error: 'must be a string' }).trim().min(1, { error: 'must not be empty' });
export const positiveInt = z
  .number({ error: 'must be a number' })
  .int({ error: 'must be a whole number' })
  .positive({ error: 'must be greater than 0' });
