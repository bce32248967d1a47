import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { CsvError, parse } from 'csv-parse/sync';
import { UserError } from '../util/errors.js';

/**
 * The class roster: a CSV file with a header naming `id`, `name` and `email` (any order, any case,
 * extra columns ignored). Everything is validated before anything is written to Vault, and every
 * problem names its line, so a bad roster provisions nobody.
 */
export interface Student {
  /** Sanitised: a safe Vault path segment, `[a-z0-9][a-z0-9_-]{0,63}`. */
  id: string;
  name: string;
  email: string;
  /** 1-based line of the roster this student came from (for messages). */
  line: number;
}

export const REQUIRED_COLUMNS = ['id', 'name', 'email'] as const;
export const MAX_STUDENTS = 5000;
const ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const EMAIL_PATTERN = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;

/**
 * Turn a roster id into a path segment: trimmed, Unicode-normalised, lower case, with spaces and
 * dots turned into `-` (so `Ada.Lovelace` becomes `ada-lovelace`). Returns undefined when what is
 * left still has characters that cannot be a Vault path segment or policy path (`/`, `*`, `+`, …).
 */
export function sanitizeId(raw: string): string | undefined {
  const id = raw
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/[\s.]+/g, '-');
  return ID_PATTERN.test(id) ? id : undefined;
}

export function parseRoster(text: string, source = 'roster'): Student[] {
  const body = text.replace(/^\uFEFF/, '');
  if (!body.trim())
    throw new UserError(`${source} is empty: expected a header line "id,name,email" and one line per student`);

  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(body, {
      relax_column_count: false,
      skip_empty_lines: true,
      trim: true,
      info: true,
    }) as unknown as typeof rows;
  } catch (error) {
    const line = error instanceof CsvError ? (error as CsvError & { lines?: number }).lines : undefined;
    throw new UserError(
      `${source}${line ? ` line ${line}` : ''}: not valid CSV (${(error as Error).message.replace(/^Invalid Record Length: /, '')})`,
    );
  }
  const [header, ...records] = rows;
  if (!header)
    throw new UserError(`${source} is empty: expected a header line "id,name,email" and one line per student`);

  const columns = header.record.map((name) => name.trim().toLowerCase());
  const missing = REQUIRED_COLUMNS.filter((name) => !columns.includes(name));
  if (missing.length > 0) {
    const plural = missing.length > 1 ? 's' : '';
    throw new UserError(
      `${source} line ${header.info.lines}: missing column${plural} ${missing.map((m) => `"${m}"`).join(', ')} (the header must name id, name and email; found: ${columns.join(', ') || 'nothing'})`,
    );
  }
  const duplicateColumn = columns.find(
    (name, index) => (REQUIRED_COLUMNS as readonly string[]).includes(name) && columns.indexOf(name) !== index,
  );
  if (duplicateColumn)
    throw new UserError(`${source} line ${header.info.lines}: the column "${duplicateColumn}" appears twice`);
  if (records.length === 0) throw new UserError(`${source} has a header but no students`);
  if (records.length > MAX_STUDENTS)
    throw new UserError(`${source} has ${records.length} students; at most ${MAX_STUDENTS} are supported in one class`);

  const at = (name: (typeof REQUIRED_COLUMNS)[number]) => columns.indexOf(name);
  const firstLine = new Map<string, number>();
  const problems: string[] = [];
  const students: Student[] = [];
  for (const { record, info } of records) {
    const line = info.lines;
    const rawId = record[at('id')] ?? '';
    const name = (record[at('name')] ?? '').trim();
    const email = (record[at('email')] ?? '').trim();
    if (!rawId.trim()) {
      problems.push(`line ${line}: the id is empty`);
      continue;
    }
    const id = sanitizeId(rawId);
    if (!id) {
      problems.push(
        `line ${line}: the id ${JSON.stringify(rawId)} has characters other than letters, digits, "-" and "_" (or is longer than 64), and it must become a Vault path segment`,
      );
      continue;
    }
    const seen = firstLine.get(id);
    if (seen !== undefined) {
      problems.push(`line ${line}: duplicate id "${id}" (already on line ${seen})`);
      continue;
    }
    firstLine.set(id, line);
    if (!name) problems.push(`line ${line}: the name of "${id}" is empty`);
    else if (/[\u0000-\u001f\u007f]/.test(name))
      problems.push(`line ${line}: the name of "${id}" has control characters`);
    if (email && !EMAIL_PATTERN.test(email))
      problems.push(`line ${line}: ${JSON.stringify(email)} is not an email address`);
    students.push({ id, name, email, line });
  }
  if (problems.length > 0) {
    const more =
      problems.length > 1
        ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''}: ${problems.slice(1, 4).join('; ')}${problems.length > 4 ? '; …' : ''})`
        : '';
    throw new UserError(`${source} ${problems[0]}${more}; nothing was provisioned`);
  }
  return students;
}

export async function readRoster(file: string): Promise<Student[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError(
      code === 'ENOENT'
        ? `roster file not found: ${file}`
        : `cannot read the roster ${file}: ${(error as Error).message}`,
    );
  }
  return parseRoster(text, basename(file));
}
