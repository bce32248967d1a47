import { CORPUS_CATEGORIES } from '../types.js';
import type { CorpusLabel } from './generate.js';

/** What a scanner reported, reduced to what scoring needs. */
export interface Detection {
  file: string;
  line: number;
  category: string;
}

export interface CategoryScore {
  category: string;
  labels: number;
  detections: number;
  /** Labels found (same file, line and category). */
  found: number;
  /** Detections matching a label of their category. */
  correct: number;
  /** found / labels (1 when there are no labels). */
  recall: number;
  /** correct / detections (1 when there are no detections). */
  precision: number;
}

/**
 * Recall and precision per category. A detection counts when file, line and category all match a
 * label; several detections on one line count once. Categories outside the corpus's eight appear
 * only if something was detected in them (every such detection is a false positive).
 */
export function scoreDetections(labels: readonly CorpusLabel[], detections: readonly Detection[]): CategoryScore[] {
  const key = (d: { file: string; line: number; category: string }) => `${d.category}\0${d.file}\0${d.line}`;
  const labelKeys = new Set(labels.map(key));
  const detectionKeys = new Set(detections.map(key));
  const categories = [
    ...CORPUS_CATEGORIES,
    ...new Set(detections.map((d) => d.category).filter((c) => !(CORPUS_CATEGORIES as readonly string[]).includes(c))),
  ];
  return categories.map((category) => {
    const mine = labels.filter((l) => l.category === category);
    const detected = [...detectionKeys].filter((k) => k.startsWith(`${category}\0`));
    const found = mine.filter((l) => detectionKeys.has(key(l))).length;
    const correct = detected.filter((k) => labelKeys.has(k)).length;
    return {
      category,
      labels: mine.length,
      detections: detected.length,
      found,
      correct,
      recall: mine.length ? found / mine.length : 1,
      precision: detected.length ? correct / detected.length : 1,
    };
  });
}

/** A plain-text table of scores, one category per line. */
export function formatScoreTable(scores: readonly CategoryScore[]): string {
  const rows = [['category', 'labels', 'found', 'recall', 'detections', 'correct', 'precision']];
  for (const s of scores)
    rows.push([
      s.category,
      String(s.labels),
      String(s.found),
      s.recall.toFixed(3),
      String(s.detections),
      String(s.correct),
      s.precision.toFixed(3),
    ]);
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows
    .map((r) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  '))
    .join('\n');
}
