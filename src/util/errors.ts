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

/** The first line of an error's message, for places that must print exactly one line. */
export function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]?.trim() || 'unknown error';
}
