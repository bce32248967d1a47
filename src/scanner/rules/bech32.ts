/**
 * Bech32's checksum (BIP 173), which age keys carry: `AGE-SECRET-KEY-1` and 58 characters, the last
 * six of them a checksum over the rest. A key typed by hand, or edited to make a fake, fails it; a key
 * age generated never does.
 */
const CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const GENERATOR = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];

function polymod(values: number[]): number {
  let checksum = 1;
  for (const value of values) {
    const top = checksum >>> 25;
    checksum = (((checksum & 0x1ffffff) << 5) ^ value) >>> 0;
    GENERATOR.forEach((term, bit) => {
      if ((top >>> bit) & 1) checksum = (checksum ^ term) >>> 0;
    });
  }
  return checksum;
}

/** True when `text` (one case throughout) is a bech32 string whose checksum holds. */
export function hasBech32Checksum(text: string): boolean {
  if (text !== text.toLowerCase() && text !== text.toUpperCase()) return false;
  const lower = text.toLowerCase();
  const separator = lower.lastIndexOf('1');
  if (separator < 1 || lower.length - separator - 1 < 6) return false;
  const prefix = lower.slice(0, separator);
  const data = [...lower.slice(separator + 1)].map((character) => CHARSET.indexOf(character));
  if (data.includes(-1)) return false;
  const expanded = [...prefix].map((c) => c.charCodeAt(0) >> 5);
  expanded.push(0, ...[...prefix].map((c) => c.charCodeAt(0) & 31));
  return polymod([...expanded, ...data]) === 1;
}
