import { FOREIGN_CATEGORIES, type ForeignExample } from './foreign.js';

/** One reported finding, from any scanner: the example file it is in and its line span. */
export interface ForeignDetection {
  /** Path relative to the folder the corpus was written to (see examplePath). */
  file: string;
  line: number;
  /** Last line of a multi-line finding (default: `line`). */
  endLine?: number;
}

export interface ForeignScore {
  /** A category, a source, or "all". */
  group: string;
  secrets: number;
  found: number;
  falsePositives: number;
  benignExamples: number;
  /** Benign examples with at least one finding. */
  falseAlarms: number;
  recall: number;
  precision: number;
}

export interface ForeignOutcome {
  /** Per example: which secrets were found, and the lines of its false positives. */
  perExample: Array<{ example: ForeignExample; found: boolean[]; falsePositiveLines: number[] }>;
}

/**
 * Matches findings to labels. A secret counts as found when a finding's span overlaps its line
 * range (several findings on one secret count once). A finding outside every secret is a false
 * positive (counted once per line), except on the unlabelled lines of fixtures whose other lines
 * the source project did not label, and on an example's own `unlabelledLines`.
 */
export function matchForeign(
  examples: ReadonlyMap<string, ForeignExample>,
  detections: readonly ForeignDetection[],
): ForeignOutcome {
  const byFile = new Map<string, ForeignDetection[]>();
  for (const detection of detections) {
    const list = byFile.get(detection.file) ?? [];
    list.push(detection);
    byFile.set(detection.file, list);
  }
  const perExample: ForeignOutcome['perExample'] = [];
  for (const [file, example] of examples) {
    const mine = byFile.get(file) ?? [];
    const found = example.secrets.map(([start, end]) =>
      mine.some((d) => d.line <= end && (d.endLine ?? d.line) >= start),
    );
    const falsePositiveLines = new Set<number>();
    if (!example.othersUnlabelled) {
      for (const d of mine) {
        const inSecret = example.secrets.some(([start, end]) => d.line <= end && (d.endLine ?? d.line) >= start);
        if (!inSecret && !example.unlabelledLines?.includes(d.line)) falsePositiveLines.add(d.line);
      }
    }
    perExample.push({ example, found, falsePositiveLines: [...falsePositiveLines].sort((a, b) => a - b) });
  }
  return { perExample };
}

function scoreGroup(group: string, rows: ForeignOutcome['perExample']): ForeignScore {
  let secrets = 0;
  let found = 0;
  let falsePositives = 0;
  let benignExamples = 0;
  let falseAlarms = 0;
  for (const row of rows) {
    secrets += row.found.length;
    found += row.found.filter(Boolean).length;
    falsePositives += row.falsePositiveLines.length;
    if (row.example.label === 'benign') {
      benignExamples++;
      if (row.falsePositiveLines.length > 0) falseAlarms++;
    }
  }
  return {
    group,
    secrets,
    found,
    falsePositives,
    benignExamples,
    falseAlarms,
    recall: secrets ? found / secrets : 1,
    precision: found + falsePositives ? found / (found + falsePositives) : 1,
  };
}

/** Scores overall, per category and per source project. */
export function scoreForeign(outcome: ForeignOutcome): ForeignScore[] {
  const rows = outcome.perExample;
  const scores = [scoreGroup('all', rows)];
  for (const category of FOREIGN_CATEGORIES) {
    const mine = rows.filter((r) => r.example.category === category);
    if (mine.length) scores.push(scoreGroup(category, mine));
  }
  for (const source of [...new Set(rows.map((r) => r.example.source))].sort()) {
    scores.push(
      scoreGroup(
        `from ${source}`,
        rows.filter((r) => r.example.source === source),
      ),
    );
  }
  const notGitleaks = rows.filter((r) => r.example.source !== 'gitleaks');
  if (notGitleaks.length !== rows.length) scores.push(scoreGroup('not from gitleaks', notGitleaks));
  return scores;
}

/** A plain-text table: one row per group, with one column pair per scanner. */
export function formatForeignTable(columns: Array<{ name: string; scores: ForeignScore[] }>): string {
  const groups = columns[0]?.scores.map((s) => s.group) ?? [];
  const header = ['group', 'secrets', 'benign', ...columns.flatMap((c) => [`${c.name} recall`, `${c.name} precision`])];
  const rows = [header];
  for (const group of groups) {
    const first = columns[0]!.scores.find((s) => s.group === group)!;
    const cells = [group, String(first.secrets), String(first.benignExamples)];
    for (const column of columns) {
      const score = column.scores.find((s) => s.group === group);
      cells.push(
        score ? `${score.recall.toFixed(2)} (${score.found})` : '-',
        score ? `${score.precision.toFixed(2)} (${score.falsePositives} fp)` : '-',
      );
    }
    rows.push(cells);
  }
  const widths = header.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => (i ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ')).join('\n');
}
