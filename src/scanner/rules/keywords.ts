/**
 * Which of many keywords occur in a text, in one pass (Aho–Corasick, as gitleaks does it): with
 * two hundred rules, asking `includes` once per keyword reads every file hundreds of times.
 * Keywords and text are lower case; characters outside ASCII never start or continue a keyword.
 */
export class KeywordIndex {
  private readonly transitions: Int32Array;
  /** Per state, the keywords ending there (through failure links as well). */
  private readonly outputs: number[][];
  readonly keywords: readonly string[];

  constructor(keywords: Iterable<string>) {
    this.keywords = [...new Set(keywords)].filter((k) => k.length > 0 && /^[\x00-\x7f]+$/.test(k));
    const goto: Array<Map<number, number>> = [new Map()];
    const outputs: number[][] = [[]];
    this.keywords.forEach((keyword, index) => {
      let state = 0;
      for (const char of keyword) {
        const code = char.charCodeAt(0);
        let next = goto[state]!.get(code);
        if (next === undefined) {
          next = goto.length;
          goto.push(new Map());
          outputs.push([]);
          goto[state]!.set(code, next);
        }
        state = next;
      }
      outputs[state]!.push(index);
    });
    // Breadth first: failure links, then a full transition table (a DFA over ASCII).
    const transitions = new Int32Array(goto.length * 128);
    const fail = new Int32Array(goto.length);
    const queue: number[] = [];
    for (let code = 0; code < 128; code++) {
      const next = goto[0]!.get(code) ?? 0;
      transitions[code] = next;
      if (next !== 0) queue.push(next);
    }
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head]!;
      outputs[state]!.push(...outputs[fail[state]!]!);
      for (let code = 0; code < 128; code++) {
        const next = goto[state]!.get(code);
        if (next === undefined) {
          transitions[state * 128 + code] = transitions[fail[state]! * 128 + code]!;
        } else {
          fail[next] = transitions[fail[state]! * 128 + code]!;
          transitions[state * 128 + code] = next;
          queue.push(next);
        }
      }
    }
    this.transitions = transitions;
    this.outputs = outputs;
  }

  /** The keywords that occur in `lowerText`. */
  present(lowerText: string): Set<string> {
    const found = new Set<string>();
    const { transitions, outputs } = this;
    let state = 0;
    for (let i = 0; i < lowerText.length; i++) {
      const code = lowerText.charCodeAt(i);
      state = code < 128 ? transitions[state * 128 + code]! : 0;
      const out = outputs[state]!;
      if (out.length > 0) for (const index of out) found.add(this.keywords[index]!);
    }
    return found;
  }
}
