import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';
import { dirname, relative, resolve } from 'node:path';

/**
 * A stack trace with the bundle's positions (dist/cli.js, dist/chunks/*.js, minified) turned back
 * into TypeScript source positions through the source maps the build writes next to them.
 * Node's own --enable-source-maps would do it, but only for files loaded after it was switched
 * on, and the bundle's chunks load before any of our code runs; reading the map when a stack
 * is printed (SECRETS_WORKBOOK_DEBUG) costs nothing the rest of the time.
 */
export function readableStack(error: Error): string {
  const stack = error.stack ?? String(error);
  const maps = new Map<string, SourceMap | undefined>();
  return mapFrames(stack, (file, line, column) => {
    const path = file.startsWith('file:') ? fileURLToPath(file) : file;
    if (!maps.has(path)) maps.set(path, loadMap(path));
    const map = maps.get(path);
    if (!map) return undefined;
    const entry = map.findEntry(Number(line) - 1, Number(column) - 1) as {
      originalSource?: string;
      originalLine?: number;
      originalColumn?: number;
    };
    if (!entry.originalSource) return undefined;
    const source = entry.originalSource.startsWith('file:')
      ? fileURLToPath(entry.originalSource)
      : resolve(dirname(path), entry.originalSource);
    return `${relative(process.cwd(), source) || source}:${entry.originalLine! + 1}:${entry.originalColumn! + 1}`;
  });
}

/**
 * A frame `[file://]/path/x.js:line:column`, found from its `.js:` and read backwards: the path is the
 * run of characters before it up to `(`, `)`, `:` or a blank, from its first `/`. A search starting at
 * each `/` ran to the end of the run from every one of them (quadratic on a long run of `/x`).
 */
const FRAME = /\.js:(?<=(?:(file:\/\/)(\/[^():\s]+)|(\/[^():\s]+))\.js:)(\d+):(\d+)/dg;

/** `text` with each frame replaced by what `map` makes of it (kept as it is when `map` returns undefined). */
export function mapFrames(
  text: string,
  map: (file: string, line: string, column: string) => string | undefined,
): string {
  let out = '';
  let copied = 0;
  FRAME.lastIndex = 0;
  for (let match = FRAME.exec(text); match; match = FRAME.exec(text)) {
    const start = (match.indices![1] ?? match.indices![3])![0];
    const end = match.index + match[0].length;
    const mapped = map(`${match[2] ?? match[3]}.js`, match[4]!, match[5]!);
    out += text.slice(copied, start) + (mapped ?? text.slice(start, end));
    copied = end;
  }
  return out + text.slice(copied);
}

function loadMap(path: string): SourceMap | undefined {
  const mapPath = `${path}.map`;
  if (!existsSync(mapPath)) return undefined;
  try {
    return new SourceMap(JSON.parse(readFileSync(mapPath, 'utf8')));
  } catch {
    return undefined;
  }
}
