/**
 * Translates a Go (RE2) regular expression, as gitleaks writes its rules, into an equivalent
 * JavaScript one. JavaScript on Node 20 has no inline flag groups, so the flags RE2 scopes to a
 * group — `(?i)`, `(?i:…)`, `(?-i:…)`, `(?s:…)` — are applied by rewriting: a letter under `i`
 * becomes `[aA]`, a character class gains the other case, `.` under `s` becomes `[\s\S]`.
 * Also: `\z` → end of input, `\A` → start, `[[:alnum:]]`-style classes, `(?P<name>`, `\x{…}`, and
 * lookarounds, which RE2 lacks but the linear rewrites of gitleaks' patterns use.
 * Throws on a construct it does not know, so that a rule never silently means something else.
 */
export function goRegexToJs(source: string): string {
  return new Translator(source).translate();
}

interface Flags {
  i: boolean;
  s: boolean;
}

const POSIX_CLASSES: Record<string, string> = {
  alnum: 'A-Za-z0-9',
  alpha: 'A-Za-z',
  digit: '0-9',
  lower: 'a-z',
  upper: 'A-Z',
  space: '\\s',
  xdigit: '0-9A-Fa-f',
  word: '\\w',
  punct: '!-\\/:-@\\[-`{-~',
};

class Translator {
  private pos = 0;
  constructor(private readonly source: string) {}

  translate(): string {
    const out = this.sequence({ i: false, s: false });
    if (this.pos < this.source.length) throw new Error(`unbalanced ) at ${this.pos} in ${this.source}`);
    return out;
  }

  /** Up to the `)` closing the current group (not consumed) or the end. */
  private sequence(inherited: Flags): string {
    const flags = { ...inherited };
    let out = '';
    while (this.pos < this.source.length) {
      const char = this.source[this.pos]!;
      if (char === ')') break;
      if (char === '(') out += this.group(flags);
      else if (char === '[') out += this.charClass(flags);
      else if (char === '\\') out += this.escape(flags);
      else if (char === '.') {
        out += flags.s ? '[\\s\\S]' : '[^\\n]';
        this.pos++;
      } else {
        out += this.literal(char, flags);
        this.pos++;
      }
    }
    return out;
  }

  private group(flags: Flags): string {
    const rest = this.source.slice(this.pos);
    const flagGroup = /^\(\?([a-zA-Z]*)(?:-([a-zA-Z]*))?([:)])/.exec(rest);
    if (flagGroup && !rest.startsWith('(?P<') && !rest.startsWith('(?<')) {
      const next = this.applyFlags(flags, flagGroup[1] ?? '', flagGroup[2] ?? '');
      this.pos += flagGroup[0].length;
      if (flagGroup[3] === ')') {
        // `(?i)`: the flags hold to the end of the enclosing group.
        Object.assign(flags, next);
        return '';
      }
      const inner = this.sequence(next);
      this.expect(')');
      return `(?:${inner})`;
    }
    let open = '(';
    const lookaround = /^\(\?<?[=!]/.exec(rest)?.[0];
    if (lookaround) {
      // Not RE2 syntax: only the linear rewrites of gitleaks' patterns (linear-rewrites.ts) use lookarounds.
      open = lookaround;
      this.pos += lookaround.length;
    } else if (rest.startsWith('(?P<')) {
      open = '(?<';
      this.pos += 4;
    } else if (rest.startsWith('(?<') || rest.startsWith('(?:')) {
      open = rest.slice(0, 3);
      this.pos += 3;
    } else if (rest.startsWith('(?')) {
      throw new Error(`unsupported group ${rest.slice(0, 6)} in ${this.source}`);
    } else {
      this.pos += 1;
    }
    if (open === '(?<') {
      const end = this.source.indexOf('>', this.pos);
      open += this.source.slice(this.pos, end + 1);
      this.pos = end + 1;
    }
    const inner = this.sequence(flags);
    this.expect(')');
    return `${open}${inner})`;
  }

  private applyFlags(flags: Flags, on: string, off: string): Flags {
    const next = { ...flags };
    for (const flag of on + off) if (flag !== 'i' && flag !== 's') throw new Error(`unsupported flag ${flag}`);
    if (on.includes('i')) next.i = true;
    if (on.includes('s')) next.s = true;
    if (off.includes('i')) next.i = false;
    if (off.includes('s')) next.s = false;
    return next;
  }

  private expect(char: string): void {
    if (this.source[this.pos] !== char) throw new Error(`expected ${char} at ${this.pos} in ${this.source}`);
    this.pos++;
  }

  private literal(char: string, flags: Flags): string {
    if (flags.i && /[a-zA-Z]/.test(char)) return `[${char.toLowerCase()}${char.toUpperCase()}]`;
    if (char === '/') return '\\/';
    return char;
  }

  private escape(flags: Flags): string {
    const next = this.source[this.pos + 1];
    if (next === undefined) throw new Error(`trailing backslash in ${this.source}`);
    this.pos += 2;
    if (next === 'z') return '(?![\\s\\S])';
    if (next === 'A') return '(?<![\\s\\S])';
    if (next === 'x' && this.source[this.pos] === '{') return this.hexEscape();
    if (next === 'Q') {
      const end = this.source.indexOf('\\E', this.pos);
      const text = this.source.slice(this.pos, end === -1 ? undefined : end);
      this.pos = end === -1 ? this.source.length : end + 2;
      return [...text].map((c) => (/[\\^$.*+?()[\]{}|/-]/.test(c) ? `\\${c}` : this.literal(c, flags))).join('');
    }
    if (next === 'p' || next === 'P') throw new Error(`unsupported Unicode class in ${this.source}`);
    if (flags.i && /[a-zA-Z]/.test(next) && !/[wWdDsSbBnrtfvx0-9]/.test(next))
      throw new Error(`unsupported escape \\${next}`);
    return `\\${next}`;
  }

  private hexEscape(): string {
    const end = this.source.indexOf('}', this.pos);
    const code = parseInt(this.source.slice(this.pos + 1, end), 16);
    this.pos = end + 1;
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  }

  private charClass(flags: Flags): string {
    this.pos++; // [
    let out = '[';
    if (this.source[this.pos] === '^') {
      out += '^';
      this.pos++;
    }
    let first = true;
    const items: string[] = [];
    while (this.pos < this.source.length && (this.source[this.pos] !== ']' || first)) {
      first = false;
      const rest = this.source.slice(this.pos);
      const posix = /^\[:(\^?)([a-z]+):\]/.exec(rest);
      if (posix) {
        if (posix[1] || !POSIX_CLASSES[posix[2]!]) throw new Error(`unsupported class ${posix[0]}`);
        items.push(POSIX_CLASSES[posix[2]!]!);
        this.pos += posix[0].length;
        continue;
      }
      let item: string;
      if (rest[0] === '\\') {
        if (rest[1] === 'x' && rest[2] === '{') {
          this.pos += 2;
          item = this.hexEscape();
        } else {
          item = rest.slice(0, 2);
          this.pos += 2;
        }
      } else {
        item = rest[0] === '[' ? '\\[' : rest[0] === '/' ? '\\/' : rest[0]!;
        this.pos++;
      }
      // A range a-z: keep it whole so that its other case can be added.
      if (
        this.source[this.pos] === '-' &&
        this.source[this.pos + 1] !== ']' &&
        this.source[this.pos + 1] !== undefined
      ) {
        const end =
          this.source[this.pos + 1] === '\\'
            ? this.source.slice(this.pos + 1, this.pos + 3)
            : this.source[this.pos + 1]!;
        this.pos += 1 + end.length;
        items.push(`${item}-${end}`);
        if (flags.i) items.push(...otherCaseRange(item, end));
        continue;
      }
      items.push(item);
      if (flags.i && /^[a-zA-Z]$/.test(item))
        items.push(item === item.toLowerCase() ? item.toUpperCase() : item.toLowerCase());
    }
    this.expect(']');
    return `${out}${items.join('')}]`;
  }
}

function otherCaseRange(start: string, end: string): string[] {
  const lower = /^[a-z]$/;
  const upper = /^[A-Z]$/;
  if (lower.test(start) && lower.test(end)) return [`${start.toUpperCase()}-${end.toUpperCase()}`];
  if (upper.test(start) && upper.test(end)) return [`${start.toLowerCase()}-${end.toLowerCase()}`];
  // A range spanning both cases (A-z) already holds both; others hold no letters.
  return [];
}
