/**
 * Text that came from outside (a student's result, a roster, a handout, a Vault error) made
 * harmless before it reaches a terminal or a spreadsheet: every control character (C0, DEL, C1)
 * and every bidirectional-override mark is shown as a visible `\uXXXX` escape instead of acting.
 * An ESC can otherwise retitle the window (OSC 0), clear the screen, paint a fake banner or write
 * the clipboard (OSC 52); a C1 CSI does the same on terminals that read 8-bit controls; bidi
 * marks reorder what is shown.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const UNSAFE_BUT_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const escape = (char: string): string => `\\u${char.codePointAt(0)!.toString(16).padStart(4, '0')}`;

/** One line: every control character escaped, line breaks included. */
export function safeText(text: string): string {
  return text.replace(UNSAFE, escape);
}

/** Several lines: control characters escaped, `\n` kept. */
export function safeLines(text: string): string {
  return text.replace(UNSAFE_BUT_NEWLINE, escape);
}

/** Whether `text` holds anything safeText would escape. */
export function hasControlCharacters(text: string): boolean {
  return new RegExp(UNSAFE.source).test(text);
}
