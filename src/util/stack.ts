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
  return stack.replace(/(?:file:\/\/)?(\/[^():\s]+\.js):(\d+):(\d+)/g, (frame, file: string, line, column) => {
    const path = file.startsWith('file:') ? fileURLToPath(file) : file;
    if (!maps.has(path)) maps.set(path, loadMap(path));
    const map = maps.get(path);
    if (!map) return frame;
    const entry = map.findEntry(Number(line) - 1, Number(column) - 1) as {
      originalSource?: string;
      originalLine?: number;
      originalColumn?: number;
    };
    if (!entry.originalSource) return frame;
    const source = entry.originalSource.startsWith('file:')
      ? fileURLToPath(entry.originalSource)
      : resolve(dirname(path), entry.originalSource);
    return `${relative(process.cwd(), source) || source}:${entry.originalLine! + 1}:${entry.originalColumn! + 1}`;
  });
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
