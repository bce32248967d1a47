import stringWidth from 'string-width';
import wrapAnsi from 'wrap-ansi';
import type { Theme } from '../theme.js';

type Align = 'left' | 'right' | 'center' | null;

const MIN_COLUMN = 6;

/**
 * A table laid out for `width` columns: cells wrap inside their column when the table is too
 * wide. When even narrow columns do not fit, each row becomes a "Header: value" record, which
 * also reads well on a screen reader.
 */
export function renderTable(header: string[], rows: string[][], align: Align[], width: number, theme: Theme): string[] {
  const columns = header.length;
  const separator = theme.plain ? ' | ' : ' │ ';
  const available = width - separator.length * (columns - 1);
  if (columns === 0) return [];
  if (available < MIN_COLUMN * columns) return renderRecords(header, rows, width, theme);

  const natural = header.map((cell, index) =>
    Math.max(cellWidth(cell), ...rows.map((row) => cellWidth(row[index] ?? ''))),
  );
  const widths = fitColumns(natural, available);
  const lines: string[] = [];
  lines.push(
    ...renderRow(
      header.map((cell) => theme.chalk.bold(cell)),
      widths,
      align,
      separator,
    ),
  );
  const rule = theme.plain ? '-' : '─';
  const cross = theme.plain ? '-+-' : '─┼─';
  lines.push(theme.chalk.dim(widths.map((w) => rule.repeat(w)).join(cross)));
  for (const row of rows) lines.push(...renderRow(row, widths, align, separator, theme));
  return lines;
}

function cellWidth(text: string): number {
  return Math.max(0, ...text.split('\n').map((line) => stringWidth(line)));
}

/** Shrink the widest columns first until the total fits. */
function fitColumns(natural: number[], available: number): number[] {
  const widths = natural.map((w) => Math.max(1, w));
  let total = widths.reduce((a, b) => a + b, 0);
  while (total > available) {
    let widest = 0;
    for (let i = 1; i < widths.length; i++) if ((widths[i] ?? 0) > (widths[widest] ?? 0)) widest = i;
    if ((widths[widest] ?? 0) <= MIN_COLUMN) break;
    widths[widest] = (widths[widest] ?? 0) - 1;
    total--;
  }
  return widths;
}

function renderRow(cells: string[], widths: number[], align: Align[], separator: string, theme?: Theme): string[] {
  const wrapped = widths.map((width, index) => wrapAnsi(cells[index] ?? '', width, { hard: true }).split('\n'));
  const height = Math.max(...wrapped.map((lines) => lines.length));
  const dimSeparator = theme ? theme.chalk.dim(separator) : separator;
  const lines: string[] = [];
  for (let line = 0; line < height; line++) {
    const parts = widths.map((width, index) => pad(wrapped[index]?.[line] ?? '', width, align[index] ?? null));
    lines.push(parts.join(dimSeparator).trimEnd());
  }
  return lines;
}

function pad(text: string, width: number, align: Align): string {
  const gap = Math.max(0, width - stringWidth(text));
  if (align === 'right') return ' '.repeat(gap) + text;
  if (align === 'center') return ' '.repeat(Math.floor(gap / 2)) + text + ' '.repeat(Math.ceil(gap / 2));
  return text + ' '.repeat(gap);
}

function renderRecords(header: string[], rows: string[][], width: number, theme: Theme): string[] {
  const lines: string[] = [];
  rows.forEach((row, rowIndex) => {
    if (rowIndex > 0) lines.push('');
    header.forEach((name, index) => {
      const text = `${theme.chalk.bold(`${name}:`)} ${row[index] ?? ''}`;
      lines.push(...wrapAnsi(text, width, { hard: true }).split('\n'));
    });
  });
  return lines;
}
