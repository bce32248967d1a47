import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { transformSync } from 'esbuild';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a build script (JavaScript, no declarations)
import * as buildPlugins from '../../scripts/build-plugins.mjs';

const {
  MAY_JOIN,
  patchInkReconciler,
  patchSegmenter,
  patchStringWidth,
  patchStyledChars,
  patchYogaIndex,
  patchYogaLoader,
} = buildPlugins as {
  MAY_JOIN: RegExp;
  patchInkReconciler: (source: string) => string;
  patchYogaIndex: (source: string) => string;
  patchSegmenter: (source: string, path: string, loop?: string) => string;
  patchStringWidth: (source: string) => string;
  patchStyledChars: (source: string) => string;
  patchYogaLoader: (source: string) => string;
};

type Width = (text: string) => number;

const require = createRequire(import.meta.url);
const original = require.resolve('string-width');

/** A patched module, written inside node_modules so that its own imports resolve. */
async function importPatched<T>(name: string, patch: (source: string) => string, path: string): Promise<T> {
  const dir = join(process.cwd(), 'node_modules', '.cache', 'build-plugins-test');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}-${process.pid}.mjs`);
  writeFileSync(file, patch(readFileSync(path, 'utf8')));
  return (await import(pathToFileURL(file).href)) as T;
}

async function patched(): Promise<Width> {
  return (await importPatched<{ default: Width }>('string-width', patchStringWidth, original)).default;
}

describe('string-width with the fast emoji test (the build patches it into the bundle)', () => {
  it('measures every BMP code point as the original does', async () => {
    const [fast, slow] = [
      await patched(),
      ((await import(pathToFileURL(original).href)) as { default: Width }).default,
    ];
    const differ: string[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const text = String.fromCharCode(code);
      if (fast(text) !== slow(text)) differ.push(code.toString(16));
    }
    expect(differ).toEqual([]);
  });

  it('measures whole strings as the original does: sequences, flags, marks, colours, wide scripts', async () => {
    const [fast, slow] = [
      await patched(),
      ((await import(pathToFileURL(original).href)) as { default: Width }).default,
    ];
    const samples = [
      'plain ASCII',
      '\u001b[32m○\u001b[39m 1. Why secrets management',
      '↑↓ choose · enter open · q quit',
      '✓ ✗ ● ◐ › … — “quotes”',
      '👍 👍🏽 👨‍👩‍👧 🇫🇷 1️⃣ ❤️ ❤ ☺ ☺️ ⌚ ✔ ✅',
      'é (e + combining acute) ñ',
      '한국어 日本語 ｶﾞ 中文',
      '\u200b\u200d\u00ad',
    ];
    for (const text of samples) expect(fast(text), text).toBe(slow(text));
    expect(fast('👨‍👩‍👧')).toBe(2);
  });

  it('builds the RGI_Emoji pattern on first use, not at import (esbuild turns the literal into a constructor call)', () => {
    const source = patchStringWidth(readFileSync(original, 'utf8'));
    expect(source).not.toMatch(/const rgiEmojiRegex\s*=/);
    expect(source).toContain("(rgiEmojiRegex__ ??= new RegExp('^\\\\p{RGI_Emoji}$', 'v'))");
  });

  it('fails the build when string-width no longer has the test it replaces', () => {
    expect(() => patchStringWidth('export default () => 0;')).toThrow(/no longer has the expected RGI_Emoji test/);
  });
});

describe('Yoga without fetch (the build patches its loader into the bundle)', () => {
  const loader = join(process.cwd(), 'node_modules', 'yoga-layout', 'dist', 'binaries', 'yoga-wasm-base64-esm.js');

  it('decodes the WebAssembly without fetch() and lays out a node', async () => {
    const realFetch = globalThis.fetch;
    let fetched = 0;
    globalThis.fetch = (() => {
      fetched++;
      throw new Error('fetch must not be called');
    }) as typeof fetch;
    try {
      const { default: load } = await importPatched<{ default: () => Promise<Record<string, unknown>> }>(
        'yoga-loader',
        patchYogaLoader,
        loader,
      );
      const yoga = await load();
      expect(fetched).toBe(0);
      expect(typeof yoga.Node).toBe('function');
    } finally {
      globalThis.fetch = realFetch;
    }
  });

  it('fails the build when the loader no longer matches', () => {
    expect(() => patchYogaLoader('export default 1;')).toThrow(/expected 1 fetch branch/);
  });

  it('is ready without a top-level await, and lays out as the original does', async () => {
    const yogaDir = join(process.cwd(), 'node_modules', 'yoga-layout');
    const copy = join(process.cwd(), 'node_modules', '.cache', 'build-plugins-test', `yoga-${process.pid}`);
    cpSync(yogaDir, copy, { recursive: true });
    try {
      const index = join(copy, 'dist', 'src', 'index.js');
      const loaderCopy = join(copy, 'dist', 'binaries', 'yoga-wasm-base64-esm.js');
      writeFileSync(loaderCopy, patchYogaLoader(readFileSync(loaderCopy, 'utf8')));
      writeFileSync(index, patchYogaIndex(readFileSync(index, 'utf8')));
      expect(readFileSync(index, 'utf8')).not.toMatch(/\bawait\b/);
      // A CommonJS build (what the code-cached UI script is) refuses a top-level await.
      expect(() =>
        transformSync(readFileSync(join(yogaDir, 'dist', 'src', 'index.js'), 'utf8'), { format: 'cjs' }),
      ).toThrow(/Top-level await/);
      expect(() => transformSync(readFileSync(index, 'utf8'), { format: 'cjs' })).not.toThrow();
      type Yoga = typeof import('yoga-layout').default;
      const patched = (await import(pathToFileURL(index).href)) as { default: Yoga };
      const original = (await import('yoga-layout')) as { default: Yoga };
      const layout = (yoga: Yoga) => {
        const root = yoga.Node.create();
        root.setWidth(100);
        root.setHeight(30);
        root.setFlexDirection(yoga.FLEX_DIRECTION_ROW);
        const children = [1, 2, 3].map((grow, at) => {
          const child = yoga.Node.create();
          child.setFlexGrow(grow);
          child.setPadding(yoga.EDGE_LEFT, at);
          root.insertChild(child, at);
          return child;
        });
        root.calculateLayout(undefined, undefined, yoga.DIRECTION_LTR);
        const out = children.map((child) => child.getComputedLayout());
        root.freeRecursive();
        return out;
      };
      expect(layout(patched.default)).toEqual(layout(original.default));
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it('fails the build when the entry point no longer awaits the loader', () => {
    expect(() => patchYogaIndex('export default 1;')).toThrow(/no longer awaits loadYoga/);
  });
});

describe("Ink's reconciler without its DEV-only top-level awaits", () => {
  const reconciler = join(process.cwd(), 'node_modules', 'ink', 'build', 'reconciler.js');

  it('has no top-level await left, and nothing else changed', () => {
    const source = readFileSync(reconciler, 'utf8');
    expect(() => transformSync(source, { format: 'cjs' })).toThrow(/Top-level await/);
    const patched = patchInkReconciler(source);
    expect(() => transformSync(patched, { format: 'cjs' })).not.toThrow();
    const changed = patched.split('\n').filter((line, at) => line !== source.split('\n')[at]);
    expect(changed.map((line) => line.trim())).toEqual([
      '/* React DevTools: not in this build */',
      "? { name: 'ink', version: undefined }",
    ]);
  });

  it('fails the build when the reconciler changes', () => {
    expect(() => patchInkReconciler('export default 1;')).toThrow(/ink-without-devtools/);
  });
});

describe('graphemes without ICU (the build patches string-width, ansi-tokenize and slice-ansi)', () => {
  it('a string without a code unit that may join is one grapheme per code unit, for every BMP code unit', () => {
    const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
    const wrong: string[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      const unit = String.fromCharCode(code);
      if (MAY_JOIN.test(unit)) continue;
      // The unit after itself and before and after a letter, a space, a symbol, an emoji, a wide
      // character, a control character, a newline and a precomposed letter.
      const text = ['a', ' ', '○', '⌚', '中', '\u001b', '\n', 'é', ''].join(unit) + unit;
      if ([...segmenter.segment(text)].some(({ segment }) => segment.length !== 1)) wrong.push(code.toString(16));
    }
    expect([...new Set(wrong)]).toEqual([]);
  });

  it("Ink's tokenizer gives the same tokens as the original", async () => {
    const path = join(process.cwd(), 'node_modules', '@alcalzone', 'ansi-tokenize', 'build', 'tokenize.js');
    type Tokenize = { tokenize: (text: string) => unknown[] };
    const fast = await importPatched<Tokenize>(
      'ansi-tokenize',
      (source) =>
        patchSegmenter(
          source.replaceAll('from "./', `from "${pathToFileURL(path).href.replace(/tokenize\.js$/, '')}`),
          path,
          'for (const { segment, index } of segmenter.segment(str)) {',
        ),
      path,
    );
    const slow = (await import(pathToFileURL(path).href)) as Tokenize;
    const samples = [
      '\u001b[32m○\u001b[39m 1. Why secrets management',
      '↑↓ choose · enter open · q quit',
      '👨‍👩‍👧 ❤️ e\u0301 한국어 \u001b]8;;https://x.test\u0007link\u001b]8;;\u0007 \r\n',
    ];
    for (const text of samples) expect(fast.tokenize(text), text).toEqual(slow.tokenize(text));
  });

  it('fails the build when a module no longer makes one segmenter', () => {
    expect(() => patchSegmenter('export default 1;', 'x')).toThrow(/expected 1 Intl.Segmenter/);
  });
});

describe("Ink's rows to strings (the build patches @alcalzone/ansi-tokenize's styledCharsToString)", () => {
  it('gives the same string as the original for generated styled rows', async () => {
    const build = join(process.cwd(), 'node_modules', '@alcalzone', 'ansi-tokenize', 'build');
    type StyledChars = { styledCharsToString: (chars: unknown[]) => string };
    const fast = await importPatched<StyledChars>(
      'styled-chars',
      (source) => patchStyledChars(source.replaceAll('from "./', `from "${pathToFileURL(build).href}/`)),
      join(build, 'styledChars.js'),
    );
    const slow = (await import(pathToFileURL(join(build, 'styledChars.js')).href)) as StyledChars;
    const { tokenize } = (await import(pathToFileURL(join(build, 'tokenize.js')).href)) as {
      tokenize: (text: string) => unknown[];
    };
    const { styledCharsFromTokens } = (await import(pathToFileURL(join(build, 'styledChars.js')).href)) as {
      styledCharsFromTokens: (tokens: unknown[]) => unknown[];
    };
    const codes = ['31', '32', '39', '1', '2', '22', '4', '24', '7', '27', '0', '38;5;200', '1;31', '90'];
    const piece = fc.oneof(
      fc.constantFrom(...codes).map((code) => `\u001b[${code}m`),
      fc.constantFrom('a', ' ', '○', '·', '中', '↑'),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const chars = styledCharsFromTokens(tokenize(pieces.join('')));
        expect(fast.styledCharsToString(chars)).toBe(slow.styledCharsToString(chars));
      }),
      { numRuns: 500 },
    );
  });

  it('fails the build when the row is no longer diffed cell by cell', () => {
    expect(() => patchStyledChars('export {};')).toThrow(/no longer diffs/);
  });
});
