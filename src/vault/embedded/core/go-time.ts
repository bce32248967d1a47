/**
 * A timestamp that Vault keeps as Go's `time.Time`. It serialises as its RFC 3339 string, but
 * the audit log leaves it unhashed (Vault's HMAC walk only touches string values), unlike a
 * string field such as KV's `deletion_time`, which is hashed even when empty.
 */
export class GoTime {
  constructor(readonly text: string) {}

  toJSON(): string {
    return this.text;
  }
}
