import { unpackMultiError } from '../util/errors.js';

/** An error answer from Vault: its status, its `errors`, and what was asked. */
export class VaultApiError extends Error {
  constructor(
    readonly status: number,
    readonly errors: string[],
    readonly path: string,
    /** Seconds from a `Retry-After` header (a 429 under a rate-limit quota). */
    readonly retryAfterSeconds?: number,
  ) {
    super(errors.length ? errors.map(unpackMultiError).join('; ') : `Vault answered ${status} for ${path}`);
    this.name = 'VaultApiError';
  }
}

/** No answer at all: the connection was refused, reset or timed out (`code` says which). */
export class VaultNetworkError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'VaultNetworkError';
  }
}

interface ClientFailure {
  code?: string;
  response?: { statusCode?: number; headers?: Record<string, string | undefined>; body?: { errors?: unknown } };
}

export function toVaultApiError(error: unknown, path: string): Error {
  const { response, code } = error as ClientFailure;
  if (response?.statusCode) {
    const errors = Array.isArray(response.body?.errors) ? (response.body.errors as unknown[]).map(String) : [];
    const retryAfter = Number(response.headers?.['retry-after']);
    return new VaultApiError(
      response.statusCode,
      errors,
      path,
      Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter : undefined,
    );
  }
  if (code === 'ENOLEADER') return new VaultNetworkError(`${(error as Error).message} for ${path}`, code);
  if (code === 'ECONNREFUSED')
    return new VaultNetworkError(
      /^no node answered/.test((error as Error).message)
        ? `${(error as Error).message} for ${path}`
        : `nothing answered at the Vault address (connection refused) for ${path}`,
      code,
    );
  if (code && /^(ECONNRESET|EPIPE|ETIMEDOUT|ESOCKETTIMEDOUT|EAI_AGAIN|ENOTFOUND|EHOSTUNREACH)$/.test(code))
    return new VaultNetworkError(`${(error as Error).message || code} for ${path}`, code);
  return error instanceof Error ? error : new Error(String(error));
}
