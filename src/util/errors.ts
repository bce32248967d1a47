import { safeText } from './terminal-text.js';

/** Exit codes shared by every command (README, Commands): 0 passed/ok, 1 failed, 2 could not run. */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/**
 * An error whose message is meant for the user as is: one line, no stack trace.
 * `exitCode` defaults to 2 ("could not run": bad input, missing server, …).
 */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT_USAGE,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}

/**
 * The first line of an error's message, for places that must print exactly one line, with any
 * control character shown as an escape (messages can quote what a student or a server sent).
 * Go's multierror text (`1 error occurred:\n\t* permission denied`), which Vault answers with,
 * becomes its items (`permission denied`) rather than the bare headline.
 */
export function oneLine(error: unknown): string {
  const message = unpackMultiError(error instanceof Error ? error.message : String(error));
  return safeText(message.split('\n')[0]?.trim() || 'unknown error');
}

/**
 * The count starts where its digits start, and the blanks after the colon up to the first line break
 * belong to the headline (the blank lines after it are dropped with the items' blanks): one way to
 * split each run, linear where the first form was cubic.
 */
export const MULTI_ERROR = /^(.*?)(?<!\d)\d+ errors? occurred:[^\S\n]*\n((?:\s*\* .*(?:\n|$))+)/;

/** `N error(s) occurred:\n\t* a\n\t* b\n\n` → `a; b`; any other text unchanged. */
export function unpackMultiError(text: string): string {
  const match = MULTI_ERROR.exec(text);
  if (!match) return text;
  const items = match[2]!
    .split('\n')
    .map((line) => line.replace(/^\s*\* /, '').trim())
    .filter(Boolean);
  return `${match[1]}${items.join('; ')}`;
}
