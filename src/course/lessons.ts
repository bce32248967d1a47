import { readdir, readFile } from 'node:fs/promises';
import { basename, isAbsolute, join, relative, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import type { Lesson } from './model.js';
import { classifyBlock, extractCodeBlocks } from './code-blocks.js';
import { formatIssue, frontMatterSchema } from './lesson-schema.js';
import { lessonsDir } from '../util/package-info.js';
import { UserError } from '../util/errors.js';

/**
 * Lessons are `lessons/NN-<id>.md`: YAML front matter (id, title, order, minutes, steps, quiz —
 * see lesson-schema.ts) between `---` lines, then markdown. Code blocks follow the runnable-sample
 * convention in code-blocks.ts. Every problem is one line naming the file and the field.
 */
export class LessonError extends UserError {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${displayPath(file)}: ${reason}`);
    this.name = 'LessonError';
  }
}

const FILE_NAME = /^(\d{2,})-([a-z0-9]+(?:-[a-z0-9]+)*)\.md$/;

export async function loadLessons(dir: string = lessonsDir): Promise<Lesson[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    throw new LessonError(
      dir,
      `cannot read the lessons folder (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
  const files = names.filter((name) => name.endsWith('.md') && name.toLowerCase() !== 'readme.md').sort();
  const lessons = await Promise.all(files.map((name) => loadLessonFile(join(dir, name))));

  const byId = new Map<string, Lesson>();
  const byOrder = new Map<number, Lesson>();
  for (const lesson of lessons) {
    const sameId = byId.get(lesson.id);
    if (sameId) throw new LessonError(lesson.file, `id: "${lesson.id}" is already used by ${basename(sameId.file)}`);
    const sameOrder = byOrder.get(lesson.order);
    if (sameOrder)
      throw new LessonError(lesson.file, `order: ${lesson.order} is already used by ${basename(sameOrder.file)}`);
    byId.set(lesson.id, lesson);
    byOrder.set(lesson.order, lesson);
  }
  return lessons.sort((a, b) => a.order - b.order);
}

export async function loadLessonFile(file: string): Promise<Lesson> {
  const absolute = resolve(file);
  let text: string;
  try {
    text = await readFile(absolute, 'utf8');
  } catch (error) {
    throw new LessonError(
      absolute,
      `cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
  return parseLesson(text, absolute);
}

/** Parse one lesson's text; `file` names it in errors and must be `NN-<id>.md`. */
export function parseLesson(text: string, file: string): Lesson {
  const name = FILE_NAME.exec(basename(file));
  if (!name) throw new LessonError(file, 'file name must be NN-<id>.md (two digits, a dash, a kebab-case id)');
  const { frontMatter, markdown, bodyLine } = splitFrontMatter(text, file);

  const parsed = frontMatterSchema.safeParse(frontMatter);
  if (!parsed.success) {
    const [first, ...others] = parsed.error.issues;
    const more = others.length > 0 ? ` (and ${others.length} more problem${others.length === 1 ? '' : 's'})` : '';
    throw new LessonError(file, `${formatIssue(first!)}${more}`);
  }
  const data = parsed.data;
  if (data.id !== name[2])
    throw new LessonError(file, `id: "${data.id}" does not match the file name (expected "${name[2]}")`);
  if (data.order !== Number(name[1]))
    throw new LessonError(file, `order: ${data.order} does not match the file name's number ${name[1]}`);
  if (!markdown.trim()) throw new LessonError(file, 'the lesson has no text after the front matter');

  for (const block of extractCodeBlocks(markdown)) {
    try {
      classifyBlock(block);
    } catch (error) {
      throw new LessonError(file, `line ${bodyLine + block.line - 1}: ${(error as Error).message}`);
    }
  }
  data.steps.forEach((step, index) => {
    const texts = [
      { where: 'instructions', text: step.instructions },
      ...(step.hints ?? []).map((hint, hintIndex) => ({ where: `hints[${hintIndex}]`, text: hint.text })),
    ];
    for (const { where, text: markdown } of texts) {
      for (const block of extractCodeBlocks(markdown)) {
        try {
          classifyBlock(block, { inStep: true });
        } catch (error) {
          throw new LessonError(file, `steps[${index}].${where}: ${(error as Error).message}`);
        }
      }
    }
  });

  return { ...data, markdown, file: resolve(file) };
}

function splitFrontMatter(text: string, file: string): { frontMatter: unknown; markdown: string; bodyLine: number } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines[0]?.trim() !== '---') throw new LessonError(file, 'must start with YAML front matter between "---" lines');
  const end = lines.findIndex((line, index) => index > 0 && line.trim() === '---');
  if (end < 0) throw new LessonError(file, 'the front matter has no closing "---" line');
  const document = parseDocument(lines.slice(1, end).join('\n'), { prettyErrors: true, uniqueKeys: true });
  const yamlError = document.errors[0];
  if (yamlError) {
    // linePos counts from the first front-matter line, which is the file's line 2.
    const line = yamlError.linePos?.[0]?.line;
    const where = line !== undefined ? `line ${line + 1}: ` : '';
    const message = (yamlError.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
    throw new LessonError(file, `front matter is not valid YAML (${where}${message})`);
  }
  return { frontMatter: document.toJS(), markdown: lines.slice(end + 1).join('\n'), bodyLine: end + 2 };
}

function displayPath(file: string): string {
  const fromHere = relative(process.cwd(), file);
  return fromHere && !fromHere.startsWith('..') && !isAbsolute(fromHere) ? fromHere : file;
}
