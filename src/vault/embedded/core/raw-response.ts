import { envelope } from './envelope.js';
import type { Request, Response } from './logical.js';

/**
 * A backend response with its own status code (KV's deleted versions, invalid paths) goes out
 * as raw HTTP, and Vault audits it as such: content type, raw body (hashed) and status.
 */
export function rawResponse(request: Request, response: Response): Response {
  const body = envelope(request.id, { ...response, status: undefined }, false);
  const warnings = unrecognized(request, response);
  return {
    raw: { status: response.status!, body },
    auditView: {
      data: { http_content_type: 'application/json', http_raw_body: body, http_status_code: response.status },
      warnings,
    },
  };
}

/** A raw answer as the logical response it stands for (logical.RespondWithStatusCode), to wrap. */
export function rawAsLogical(response: Response): Response {
  const view = response.auditView ?? rawAuditView(response.raw!);
  const data = { ...view?.data };
  // Go's JSON writes a byte slice in base64.
  if (typeof data.http_raw_body === 'string') data.http_raw_body = Buffer.from(data.http_raw_body).toString('base64');
  return { data, warnings: view?.warnings };
}

export function rawAuditView(raw: NonNullable<Response['raw']>): Response['auditView'] {
  // An empty raw body is left out, like Go's omitempty on a nil byte slice.
  const data: Record<string, unknown> = { http_content_type: raw.contentType ?? 'application/json' };
  // A backend that names its own content type (PKI's ca/pem) hands over a body even when empty.
  if (raw.body || raw.contentType) data.http_raw_body = raw.body;
  data.http_status_code = raw.status;
  return { data };
}

/** The framework's warning about body fields a path does not take (only seen in the audit log). */
function unrecognized(request: Request, response: Response): string[] | undefined {
  if (!response.ignoredFields || !request.data) return undefined;
  const keys = Object.keys(request.data).sort();
  return keys.length ? [`Endpoint ignored these unrecognized parameters: [${keys.join(' ')}]`] : undefined;
}
