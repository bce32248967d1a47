import { check, type Diagnostics } from 'recheck';
import { constructedPatterns, distinct, literalPatterns, type CollectedPattern } from './regex-collect.js';

/** recheck's verdict on one pattern, and for a vulnerable one how V8 itself grows on the attack. */
export interface Verdict {
  pattern: CollectedPattern;
  diagnostics: Diagnostics;
  /** Time on the attack pumped 4 times longer over time on it as found: ~4 linear, ~16 quadratic. */
  growth?: number;
}

/** Every regular expression the scanner, the leak detector and the output redaction use, once each. */
export async function auditedPatterns(): Promise<CollectedPattern[]> {
  const literals = literalPatterns();
  const built = await constructedPatterns(async () => {
    const { rules } = await import('../../src/scanner/rules/index.js');
    await import('../../src/scanner/leak/detector.js');
    const { scanText } = await import('../../src/scanner/scan-text.js');
    // gitleaks' rules compile on their first keyword hit: one line per keyword loads them all.
    scanText(rules.flatMap((rule) => rule.keywords ?? []).join(' = x\n'), { file: 'a.txt' });
  });
  return distinct([...literals, ...built]);
}

/**
 * recheck's verdicts, `concurrency` at a time: its native agent (recheck-linux-x64, an optional
 * dependency npm installs) checks requests in parallel; without it recheck falls back to a worker.
 */
export async function judge(
  patterns: CollectedPattern[],
  options: { timeout: number; concurrency: number },
): Promise<Verdict[]> {
  const verdicts: Verdict[] = new Array<Verdict>(patterns.length);
  let next = 0;
  const worker = async () => {
    while (next < patterns.length) {
      const index = next++;
      const pattern = patterns[index]!;
      const diagnostics = await check(pattern.source, pattern.flags, { timeout: options.timeout });
      verdicts[index] = { pattern, diagnostics };
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  for (const verdict of verdicts)
    if (verdict.diagnostics.status === 'vulnerable') verdict.growth = v8Growth(verdict.pattern, verdict.diagnostics);
  return verdicts;
}

/** The attack recheck found, with every pump repeated `times` as often. */
function pumped(attack: Extract<Diagnostics, { status: 'vulnerable' }>['attack'], times: number): string {
  return (
    attack.pumps.map((p) => p.prefix + p.pump.repeat(Math.max(1, Math.round(attack.base * times)))).join('') +
    attack.suffix
  );
}

function v8Growth(pattern: CollectedPattern, diagnostics: Extract<Diagnostics, { status: 'vulnerable' }>): number {
  const regex = new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, '') + 'g');
  // recheck's attack is sized to exceed its step limit; a tenth of it keeps V8's run short.
  const time = (text: string) => {
    let best = Infinity;
    for (let round = 0; round < 3; round++) {
      const start = performance.now();
      regex.lastIndex = 0;
      while (regex.exec(text)) if (regex.lastIndex === 0) break;
      best = Math.min(best, performance.now() - start);
    }
    return best;
  };
  const small = time(pumped(diagnostics.attack, 0.025));
  const large = time(pumped(diagnostics.attack, 0.1));
  return large / Math.max(small, 0.05);
}
