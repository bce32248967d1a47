/**
 * The forms a secret takes when a program prints it encoded. Each form is the exact byte sequence
 * to look for; forms identical to an earlier one are dropped (a plain alphanumeric value is its
 * own URL-encoding and JSON escape).
 */
export type LeakForm =
  | 'raw'
  | 'base64'
  | 'base64url'
  | 'hex'
  | 'hex-upper'
  | 'url-encoded'
  | 'form-encoded'
  | 'json-escaped'
  /** One long line (40+ characters) of a multi-line value, e.g. a line of a PEM body. */
  | 'partial';

export interface EncodedForm {
  form: LeakForm;
  bytes: Buffer;
}

/**
 * Base64 of the value as it appears inside the base64 of a longer text: the value's bytes may
 * start at any offset modulo 3, which changes every character. For each alignment we keep only
 * the characters that depend on the value's bytes alone (no padding), so a match proves the
 * value is there whatever surrounds it.
 */
export function base64Alignments(value: Buffer): string[] {
  const out: string[] = [];
  for (let shift = 0; shift < 3; shift++) {
    const encoded = Buffer.concat([Buffer.alloc(shift), value]).toString('base64');
    const first = Math.ceil((shift * 8) / 6);
    const last = Math.floor(((shift + value.length) * 8) / 6);
    out.push(encoded.slice(first, last));
  }
  return out;
}

function toBase64Url(base64: string): string {
  return base64.replace(/\+/g, '-').replace(/\//g, '_');
}

/** application/x-www-form-urlencoded (URLSearchParams, Python's quote_plus): spaces become `+`. */
function formEncode(value: string): string {
  return new URLSearchParams({ v: value }).toString().slice(2);
}

/**
 * Strict RFC 3986 percent-encoding: everything but A-Z a-z 0-9 - . _ ~ is escaped, which is what
 * Python's quote(v, safe="") and Go's url.QueryEscape write (encodeURIComponent leaves !'()*
 * alone). With `plus`, a space becomes `+` (Python's quote_plus, Go's QueryEscape).
 */
function strictPercentEncode(value: string, plus: boolean): string {
  const encoded = encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return plus ? encoded.replace(/%20/g, '+') : encoded;
}

/** JSON string escapes as JSON.stringify writes them, without the quotes; `\/` and `\uXXXX` variants too. */
function jsonEscapes(value: string): string[] {
  const plain = JSON.stringify(value).slice(1, -1);
  const asciiOnly = plain.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return [plain, plain.replace(/\//g, '\\/'), asciiOnly];
}

/** Lines shorter than this (PEM BEGIN/END lines, short config lines) are not distinctive. */
export const PARTIAL_LINE_MIN = 40;

export function encodedForms(value: string, options: { encodings: boolean }): EncodedForm[] {
  const raw = Buffer.from(value, 'utf8');
  const candidates: Array<[LeakForm, string]> = [['raw', value]];
  if (options.encodings) {
    for (const aligned of base64Alignments(raw)) {
      candidates.push(['base64', aligned], ['base64url', toBase64Url(aligned)]);
    }
    const hex = raw.toString('hex');
    candidates.push(['hex', hex], ['hex-upper', hex.toUpperCase()]);
    candidates.push(['url-encoded', encodeURIComponent(value)]);
    candidates.push(['url-encoded', encodeURIComponent(value).replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase())]);
    candidates.push(['form-encoded', formEncode(value)]);
    candidates.push(
      ['url-encoded', strictPercentEncode(value, false)],
      ['form-encoded', strictPercentEncode(value, true)],
    );
    for (const escaped of jsonEscapes(value)) candidates.push(['json-escaped', escaped]);
  }
  if (options.encodings && value.includes('\n')) {
    for (const line of value.split('\n')) {
      const trimmed = line.trim();
      if (trimmed.length >= PARTIAL_LINE_MIN) candidates.push(['partial', trimmed]);
    }
  }
  const seen = new Set<string>();
  const forms: EncodedForm[] = [];
  for (const [form, text] of candidates) {
    if (text.length === 0 || seen.has(text)) continue;
    seen.add(text);
    forms.push({ form, bytes: Buffer.from(text, 'utf8') });
  }
  return forms;
}
