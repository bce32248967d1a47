import { Lexer, type Token, type Tokens } from 'marked';
import stringWidth from 'string-width';
import wrapAnsi from 'wrap-ansi';
import type { Theme } from '../theme.js';
import { highlightCode } from './highlight.js';
import { decodeEntities, renderInline } from './inline.js';
import { renderTable } from './table.js';

export interface MarkdownOptions {
  /** Columns available; every returned line fits in it. */
  width: number;
  theme: Theme;
}

/**
 * Markdown to terminal lines at a given width, over marked's lexer. Written here rather than with
 * marked-terminal because we need: wrapping at the live width (re-flow on resize), code blocks that
 * wrap instead of losing their indent, ASCII tables and no box drawing in --plain mode, no colour
 * under NO_COLOR, and a smaller import (marked-terminal: ~170 ms).
 */
export function renderMarkdown(markdown: string, { width, theme }: MarkdownOptions): string[] {
  const safeWidth = Math.max(10, width);
  const tokens = Lexer.lex(markdown, { gfm: true });
  const lines = renderBlocks(tokens, safeWidth, theme);
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  while (lines.length > 0 && lines[0] === '') lines.shift();
  return lines;
}

function renderBlocks(tokens: Token[], width: number, theme: Theme): string[] {
  const lines: string[] = [];
  for (const token of tokens) {
    const block = renderBlock(token, width, theme);
    if (block === null) continue;
    if (lines.length > 0 && lines[lines.length - 1] !== '') lines.push('');
    lines.push(...block);
  }
  return lines;
}

function wrap(text: string, width: number): string[] {
  return wrapAnsi(text, width, { hard: true }).split('\n');
}

function renderBlock(token: Token, width: number, theme: Theme): string[] | null {
  const { chalk } = theme;
  switch (token.type) {
    case 'space':
    case 'def':
      return null;
    case 'heading': {
      const heading = token as Tokens.Heading;
      const text = renderInline(heading.tokens, theme);
      // In plain mode the level is spelled out with #, which a screen reader reads as a heading.
      const label = theme.plain ? `${'#'.repeat(heading.depth)} ${text}` : text;
      const styled = heading.depth <= 2 ? chalk.bold(theme.color ? chalk.cyan(label) : label) : chalk.bold(label);
      const lines = wrap(styled, width);
      if (heading.depth === 1 && !theme.plain) {
        lines.push(chalk.dim('═'.repeat(Math.min(width, Math.max(...lines.map((line) => stringWidth(line)))))));
      }
      return lines;
    }
    case 'paragraph':
      return wrap(renderInline((token as Tokens.Paragraph).tokens, theme), width);
    case 'text': {
      const text = token as Tokens.Text;
      return wrap(text.tokens ? renderInline(text.tokens, theme) : decodeEntities(text.text), width);
    }
    case 'code':
      return renderCode(token as Tokens.Code, width, theme);
    case 'blockquote': {
      const quote = token as Tokens.Blockquote;
      const bar = theme.plain ? '> ' : '│ ';
      const inner = renderBlocks(quote.tokens, width - bar.length, theme);
      return inner.map((line) => chalk.dim(bar) + (theme.color ? chalk.italic(line) : line));
    }
    case 'list':
      return renderList(token as Tokens.List, width, theme);
    case 'table': {
      const table = token as Tokens.Table;
      return renderTable(
        table.header.map((cell) => renderInline(cell.tokens, theme)),
        table.rows.map((row) => row.map((cell) => renderInline(cell.tokens, theme))),
        table.align,
        width,
        theme,
      );
    }
    case 'hr':
      return [chalk.dim((theme.plain ? '-' : '─').repeat(width))];
    case 'html': {
      // Block HTML (comments, <details>) carries no lesson text we could render faithfully.
      const text = (token as Tokens.HTML).text
        .replace(/<!--[\s\S]*?-->/g, '')
        .replace(/<[^>]+>/g, '')
        .trim();
      return text ? wrap(decodeEntities(text), width) : null;
    }
    default:
      return 'text' in token && typeof token.text === 'string' ? wrap(token.text, width) : null;
  }
}

function renderCode(code: Tokens.Code, width: number, theme: Theme): string[] {
  const gutter = theme.plain ? '    ' : '  ';
  const bar = theme.plain ? '' : theme.chalk.dim('│ ');
  const prefixWidth = gutter.length + (theme.plain ? 0 : 2);
  const inner = Math.max(4, width - prefixWidth);
  const body = theme.color ? highlightCode(code.text, code.lang) : code.text;
  const lines: string[] = [];
  const label = code.lang?.trim().split(/\s+/)[0];
  if (label && !theme.plain) lines.push(theme.chalk.dim(`${gutter}${label}`));
  if (label && theme.plain) lines.push(`${gutter}(${label})`);
  for (const line of body.split('\n')) {
    // Long lines wrap rather than truncate: learners copy commands from here.
    for (const part of wrapAnsi(line, inner, { hard: true, trim: false, wordWrap: false }).split('\n')) {
      lines.push(`${gutter}${bar}${part}`);
    }
  }
  return lines;
}

function renderList(list: Tokens.List, width: number, theme: Theme): string[] {
  const lines: string[] = [];
  const start = typeof list.start === 'number' ? list.start : 1;
  list.items.forEach((item, index) => {
    let marker = list.ordered ? `${start + index}.` : theme.symbols.bullet;
    if (item.task) marker = item.checked ? '[x]' : '[ ]';
    const indent = ' '.repeat(stringWidth(marker) + 1);
    const inner = renderListItem(item, width - indent.length, theme);
    inner.forEach((line, lineIndex) => {
      lines.push(lineIndex === 0 ? `${theme.chalk.dim(marker)} ${line}` : line === '' ? '' : `${indent}${line}`);
    });
    if (item.loose && index < list.items.length - 1) lines.push('');
  });
  return lines;
}

function renderListItem(item: Tokens.ListItem, width: number, theme: Theme): string[] {
  const lines: string[] = [];
  for (const token of item.tokens) {
    if (token.type === 'checkbox') continue;
    const block = renderBlock(token, width, theme);
    if (!block) continue;
    // Tight lists keep their text and nested lists together; loose ones get a blank line.
    if (lines.length > 0 && item.loose) lines.push('');
    lines.push(...block);
  }
  return lines.length > 0 ? lines : [''];
}
