/**
 * How an error shows in the audit log. Vault keeps two things apart: the HTTP body (the
 * backend's error response text) and the Go error of the request (the audit entry's `error`,
 * e.g. "1 error occurred: invalid request"); an error *response* is also logged as
 * `response.data.error` (hashed).
 */
export interface AuditErrorView {
  /** The entry's `error`; undefined = the body message, null = none. */
  error?: string | null;
  /** Log the message as `response.data.error` (it came as an error response). */
  data?: boolean;
  /** Failed before the request was routed (e.g. AppRole's alias lookahead): no mount accessor. */
  beforeRouting?: boolean;
}

/**
 * Errors a request can end in, carrying exactly the HTTP status and `errors` list Vault sends.
 * Backends throw these; the HTTP layer turns them into `{"errors":[...]}`.
 */
export class VaultError extends Error {
  constructor(
    readonly status: number,
    readonly errors: string[],
    readonly audit: AuditErrorView = {},
  ) {
    super(errors[0] ?? `status ${status}`);
    this.name = 'VaultError';
  }
}

/** Go's multierror text, which Vault returns for core errors: `1 error occurred:\n\t* msg\n\n`. */
export function multiError(message: string): string {
  return `1 error occurred:\n\t* ${message}\n\n`;
}

const INVALID_REQUEST = multiError('invalid request');

/** A backend's `logical.ErrorResponse` + `ErrInvalidRequest`: 400 with the message verbatim. */
export const badRequest = (message: string, auditError: string | null = INVALID_REQUEST) =>
  new VaultError(400, [message], { error: auditError, data: true });

/** An error response with its own status (e.g. 403 "bad token"), audited with `auditError`. */
export const errorResponse = (status: number, message: string, auditError: string | null) =>
  new VaultError(status, [message], { error: auditError, data: true });

/** A request without a usable token: 403 with the bare text. */
export const permissionDenied = () =>
  new VaultError(403, ['permission denied'], { error: 'permission denied', data: true });

/** A valid token whose policies do not allow the operation: 403 with the multierror text. */
export const policyDenied = () => new VaultError(403, [multiError('permission denied')]);

export const unsupportedPath = () => new VaultError(404, [multiError('unsupported path')]);
export const unsupportedOperation = () => new VaultError(405, [multiError('unsupported operation')]);
export const noRoute = (path: string) =>
  new VaultError(404, [`no handler for route ${JSON.stringify(path)}. route entry not found.`]);

const BARE_ROUTING_ERRORS = new Map([
  [multiError('unsupported operation'), 'unsupported operation'],
  [multiError('unsupported path'), 'unsupported path'],
]);

/**
 * An unauthenticated path's routing errors reach the client without the multierror wrapping
 * (`unsupported operation` on sys/internal/ui/mounts, `unsupported path` on PKI's cert/<name>).
 */
export function withBareRoutingErrors<T>(serve: () => T): T {
  try {
    return serve();
  } catch (error) {
    throw bareRoutingError(error);
  }
}

/** A multierror-wrapped routing error as the bare text (other errors as they are). */
export function bareRoutingError(error: unknown): unknown {
  const bare = error instanceof VaultError ? BARE_ROUTING_ERRORS.get(error.errors[0]!) : undefined;
  return bare ? new VaultError((error as VaultError).status, [bare], (error as VaultError).audit) : error;
}
