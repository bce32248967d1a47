// Helpers shared by the builders of the foreign corpus (build.ts) and the fresh corpus
// (build-fresh.ts): the placeholder test, the provenance index and the summary table.
import { FOREIGN_CATEGORIES, type ForeignExample } from '../../src/scanner/corpus/foreign.js';

/** Eight or more characters in alphabet order (`abcdefgh…`, `12345678`): a placeholder. */
export function alphabetRun(text: string): boolean {
  let run = 1;
  for (let i = 1; i < text.length; i++) {
    run = text.charCodeAt(i) - text.charCodeAt(i - 1) === 1 && /[A-Za-z0-9]/.test(text[i]!) ? run + 1 : 1;
    if (run >= 8) return true;
  }
  return false;
}

export function indexTsv(examples: ForeignExample[]): string {
  const header = [
    'id',
    'split',
    'label',
    'category',
    'source',
    'repo',
    'commit',
    'path',
    'line',
    'licence',
    'unit',
    'name',
    'secret lines',
  ];
  const rows = examples.map((e) =>
    [
      e.id,
      e.split,
      e.label,
      e.category,
      e.source,
      e.repo,
      e.commit,
      e.path,
      e.line,
      e.licence,
      e.unit,
      e.name,
      e.secrets.map((r) => (r[0] === r[1] ? r[0] : r.join('-'))).join(' '),
    ]
      .map((cell) => String(cell).replace(/[\t\n]/g, ' '))
      .join('\t'),
  );
  return [header.join('\t'), ...rows].join('\n') + '\n';
}

export function summary(examples: ForeignExample[], splits: ReadonlyArray<ForeignExample['split']>): string {
  const lines = ['category         split      secrets  benign'];
  for (const category of FOREIGN_CATEGORIES) {
    for (const split of splits) {
      const mine = examples.filter((e) => e.category === category && e.split === split);
      const secrets = mine.reduce((n, e) => n + e.secrets.length, 0);
      const benign = mine.filter((e) => e.label === 'benign').length;
      lines.push(
        `${category.padEnd(16)} ${split.padEnd(9)} ${String(secrets).padStart(8)} ${String(benign).padStart(7)}`,
      );
    }
  }
  return lines.join('\n');
}
