import type { Theme } from '../theme.js';
import { renderMarkdown } from './render.js';

const cache = new Map<string, string[]>();
const MAX_ENTRIES = 64;

/** Rendered lessons by (source, width, theme): re-opening a lesson or resizing back is instant. */
export function renderMarkdownCached(key: string, markdown: string, width: number, theme: Theme): string[] {
  const cacheKey = `${key}\0${width}\0${theme.plain}\0${theme.color}\0${markdown.length}`;
  let lines = cache.get(cacheKey);
  if (!lines) {
    lines = renderMarkdown(markdown, { width, theme });
    if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
    cache.set(cacheKey, lines);
  }
  return lines;
}
