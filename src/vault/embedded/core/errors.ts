/**
 * Errors a request can end in, carrying exactly the HTTP status and `errors` list Vault sends.
 * Backends throw these; the HTTP layer turns them into `{"errors":[...]}`.
 */
export class VaultError extends Error {
  constructor(
    readonly status: number,
    readonly errors: string[],
  ) {
    super(errors[0] ?? `status ${status}`);
    this.name = 'VaultError';
  }
}

/** Go's multierror text, which Vault returns for core errors: `1 error occurred:\n\t* msg\n\n`. */
export function multiError(message: string): string {
  return `1 error occurred:\n\t* ${message}\n\n`;
}

/** A backend's `logical.ErrorResponse`: 400 with the message verbatim. */
export const badRequest = (message: string) => new VaultError(400, [message]);

/** A request without a usable token: 403 with the bare text. */
export const permissionDenied = () => new VaultError(403, ['permission denied']);

/** A valid token whose policies do not allow the operation: 403 with the multierror text. */
export const policyDenied = () => new VaultError(403, [multiError('permission denied')]);

export const unsupportedPath = () => new VaultError(404, [multiError('unsupported path')]);
export const unsupportedOperation = () => new VaultError(405, [multiError('unsupported operation')]);
export const noRoute = (path: string) => new VaultError(404, [`no handler for route ${JSON.stringify(path)}. route entry not found.`]);
/** Read or list that found nothing: 404 with an empty list. */
export const notFound = () => new VaultError(404, []);
