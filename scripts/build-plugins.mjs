// esbuild plugins of `npm run build` (scripts/build.mjs): each patches one dependency for the
// UI's first frame, and fails the build when the dependency no longer looks as expected, so an
// upgrade cannot silently undo the patch.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Yoga (Ink's layout engine) ships its WebAssembly as a base64 data: URL, and Emscripten's loader
 * decodes it with fetch() whenever fetch exists. In Node that loads undici, the whole HTTP client,
 * before the first frame (100–160 ms of CPU in a profile on a loaded machine). Emscripten's own
 * synchronous decoder is used instead, and its bytes come from Buffer's native base64 decoder
 * rather than atob and a loop over 70 KB of characters (7–13 ms, 0.3 ms with Buffer). The build
 * fails if the loader no longer matches, so a Yoga upgrade cannot silently bring either back.
 */
export const yogaWithoutFetch = {
  name: 'yoga-without-fetch',
  setup(build) {
    build.onLoad({ filter: /yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/ }, async (args) => ({
      contents: patchYogaLoader(await readFile(args.path, 'utf8'), args.path),
      loader: 'js',
    }));
    build.onLoad({ filter: /yoga-layout[\\/]dist[\\/]src[\\/]index\.js$/ }, async (args) => ({
      contents: patchYogaIndex(await readFile(args.path, 'utf8'), args.path),
      loader: 'js',
    }));
  },
};

export function patchYogaLoader(source, path = 'yoga-layout') {
  const fetchBranch = /return (\w+)\|\|"function"!=typeof fetch\?Promise\.resolve\(\)/g;
  // var b=xa(a.slice(37)),c=new Uint8Array(b.length);for(a=0;a<b.length;++a)c[a]=b.charCodeAt(a);var d=c
  const charLoop =
    /var (\w+)=\w+\((\w+)\.slice\(37\)\),(\w+)=new Uint8Array\(\1\.length\);for\(\2=0;\2<\1\.length;\+\+\2\)\3\[\2\]=\1\.charCodeAt\(\2\);var (\w+)=\3/g;
  for (const [name, pattern] of [
    ['fetch branch', fetchBranch],
    ['base64 loop', charLoop],
  ]) {
    const matches = source.match(pattern)?.length ?? 0;
    if (matches !== 1) throw new Error(`yoga-without-fetch: expected 1 ${name} in ${path}, found ${matches}`);
  }
  // The WebAssembly is compiled and instantiated synchronously, as Node allows for any size, so
  // that the module is ready when the factory returns and Yoga needs no top-level await (which a
  // script loaded with a V8 code cache, src/util/code-cache.ts, cannot contain).
  const syncBytes = /function (\w+)\(\)\{var (\w+)=(\w+);try\{if\(\2==\3&&/g;
  const instantiateHook = /if\((\w+)\.instantiateWasm\)try\{return \1\.instantiateWasm\((\w+),\s*(\w+)\)\}/g;
  for (const [name, pattern] of [
    ['synchronous decoder', syncBytes],
    ['instantiateWasm hook', instantiateHook],
  ]) {
    const matches = source.match(pattern)?.length ?? 0;
    if (matches !== 1) throw new Error(`yoga-without-fetch: expected 1 ${name} in ${path}, found ${matches}`);
  }
  const decoder = new RegExp(syncBytes.source).exec(source)[1];
  return source
    .replace(fetchBranch, 'return !0?Promise.resolve()')
    .replace(
      charLoop,
      (_all, _binary, url, _bytes, result) => `var ${result}=new Uint8Array(Buffer.from(${url}.slice(37),"base64"))`,
    )
    .replace(
      instantiateHook,
      (_all, _module, imports, received) =>
        `try{return ${received}(new WebAssembly.Instance(new WebAssembly.Module(${decoder}()),${imports})),{}}`,
    );
}

/**
 * Yoga's entry point awaits its (now synchronous) loader at the top level; the module object it
 * fills is ready when the factory returns, so it is used at once. A load that did not complete
 * synchronously is an error rather than a half-initialised Yoga.
 */
export function patchYogaIndex(source, path = 'yoga-layout/dist/src/index.js') {
  const awaited = 'const Yoga = wrapAssembly(await loadYoga());';
  if (source.split(awaited).length !== 2) throw new Error(`yoga-sync: ${path} no longer awaits loadYoga() once`);
  return source.replace(
    awaited,
    [
      'const yogaModule__ = {};',
      'loadYoga(yogaModule__).catch(() => undefined);',
      "if (!yogaModule__.calledRun) throw new Error('yoga-layout: the WebAssembly module did not load synchronously');",
      'const Yoga = wrapAssembly(yogaModule__);',
    ].join('\n'),
  );
}

/**
 * Ink's reconciler awaits two imports at the top level, both only when DEV=true: React DevTools
 * (whose client the bundle never ships, ARCHITECTURE.md) and Ink's own package.json (which is not
 * in the bundle: DEV=true made the CLI fail with ENOENT). Without them the reconciler has no
 * top-level await, and DEV=true renders as without it.
 */
export function patchInkReconciler(source, path = 'ink/build/reconciler.js') {
  const devtools = "await import('./devtools.js');";
  const packageJson = '? await loadPackageJson()';
  for (const needle of [devtools, packageJson])
    if (source.split(needle).length !== 2) throw new Error(`ink-without-devtools: ${path} no longer has ${needle}`);
  return source
    .replace(devtools, '/* React DevTools: not in this build */')
    .replace(packageJson, "? { name: 'ink', version: undefined }");
}

export const inkWithoutDevtools = {
  name: 'ink-without-devtools',
  setup(build) {
    build.onLoad({ filter: /[\\/]ink[\\/]build[\\/]reconciler\.js$/ }, async (args) => ({
      contents: patchInkReconciler(await readFile(args.path, 'utf8'), args.path),
      loader: 'js',
    }));
  },
};

/**
 * string-width (how Ink, wrap-ansi and cli-truncate measure text) tests each grapheme of a
 * non-ASCII string against /^\p{RGI_Emoji}$/v. V8 compiles that set-of-strings pattern on first
 * use, which alone took 30–130 ms before the first frame (the home screen's "○", "·" and "↑↓"
 * are enough to reach it). For a one-code-unit grapheme the answer is \p{Emoji_Presentation}, a
 * plain property that compiles at once (test/scripts/build-plugins.test.ts checks every BMP code
 * point, and whole strings, against the original); longer graphemes still get the original.
 * wrap-ansi's own string-width 7 (with the 14 KB emoji-regex) resolves to the same module, so
 * wrapping and layout measure alike.
 */
export function stringWidthFastEmoji(root) {
  const stringWidth = join(root, 'node_modules', 'string-width', 'index.js');
  return {
    name: 'string-width-fast-emoji',
    setup(build) {
      // ESM imports only: a CommonJS require of an older string-width keeps its own copy.
      build.onResolve({ filter: /^string-width$/ }, (args) =>
        args.kind === 'import-statement' ? { path: stringWidth } : undefined,
      );
      build.onLoad({ filter: /[\\/]string-width[\\/]index\.js$/ }, async (args) =>
        args.path === stringWidth
          ? { contents: patchStringWidth(await readFile(args.path, 'utf8'), args.path), loader: 'js' }
          : undefined,
      );
    },
  };
}

export function patchStringWidth(source, path = 'string-width') {
  return patchSegmenter(patchEmojiTest(source, path), path, 'for (const {segment} of segmenter.segment(string)) {');
}

function patchEmojiTest(source, path) {
  const declaration = 'const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;';
  const use = 'rgiEmojiRegex.test(segment)';
  const count = (needle) => source.split(needle).length - 1;
  if (count(declaration) !== 1 || count(use) !== 1)
    throw new Error(`string-width-fast-emoji: ${path} no longer has the expected RGI_Emoji test`);
  // Built on first use: esbuild writes the literal as `new RegExp(…, 'v')` (its node20 target
  // lowers the v flag), and that constructor expands RGI_Emoji's string set at once, at import:
  // 50–65 ms on a loaded machine, before the first frame, for a pattern the home screen never needs.
  return source
    .replace(declaration, `let rgiEmojiRegex__;\nconst emojiPresentationRegex = /^\\p{Emoji_Presentation}$/u;`)
    .replace(
      use,
      () =>
        `(segment.length === 1 ? emojiPresentationRegex.test(segment) : (rgiEmojiRegex__ ??= new RegExp('^\\\\p{RGI_Emoji}$', 'v')).test(segment))`,
    );
}

/**
 * Code units that may join a neighbour in one grapheme (UAX #29): CR (before LF), marks (Extend,
 * SpacingMark, virama linkers), format characters (ZWJ, ZWNJ, Prepend's Arabic signs), the few
 * letters that are Extend, SpacingMark or Prepend, Hangul jamo and syllables, and surrogates (no
 * emoji sequence, flag or modifier is without one). A string with none of them is one grapheme
 * per code unit; test/scripts/build-plugins.test.ts checks that against Intl.Segmenter for every
 * BMP code unit.
 */
export const MAY_JOIN =
  /[\r\p{M}\p{Cf}\u0D4E\u0E33\u0EB3\uFF9E\uFF9F\u1100-\u11FF\uA960-\uA97F\uAC00-\uD7FF\uD800-\uDFFF]/u;

const graphemesHelper = `
/* scripts/build-plugins.mjs: one grapheme per code unit when no code unit may join another */
const __swMayJoin = ${MAY_JOIN};
function __swGraphemes(segmenter, text) {
  if (__swMayJoin.test(text)) return segmenter.segment(text);
  const graphemes = [];
  for (let index = 0; index < text.length; index++) graphemes.push({ segment: text[index], index, input: text });
  return graphemes;
}
`;

/**
 * Intl.Segmenter's first construction loads ICU's break-iterator data: 18–28 ms, paid at import
 * by string-width, @alcalzone/ansi-tokenize (Ink's output) and slice-ansi, before the first
 * frame. Each segmenter is made on its first use instead, and the loop that runs over every line
 * of every frame (`loop`, when given) takes the shortcut above, so the home screen's lines (ASCII
 * with "○", "·", "↑↓") never need ICU. Everything else is segmented as before.
 */
export function patchSegmenter(source, path, loop) {
  const construction = /const (\w+) = new Intl\.Segmenter\(([^;]*)\);/g;
  const constructions = source.match(construction)?.length ?? 0;
  if (constructions !== 1)
    throw new Error(`lazy-segmenter: expected 1 Intl.Segmenter in ${path}, found ${constructions}`);
  let patched = source.replace(
    construction,
    (_all, name, args) =>
      `let ${name}__; const ${name} = { segment: (text) => (${name}__ ??= new Intl.Segmenter(${args})).segment(text) };`,
  );
  if (loop) {
    if (patched.split(loop).length !== 2) throw new Error(`lazy-segmenter: expected the segment loop once in ${path}`);
    const segmenter = /of (\w+)\.segment\((\w+)\)/.exec(loop);
    patched = patched.replace(loop, loop.replace(segmenter[0], `of __swGraphemes(${segmenter[1]}, ${segmenter[2]})`));
    patched = graphemesHelper + patched;
  }
  return patched;
}

/** The same for Ink's output (@alcalzone/ansi-tokenize, every line of every frame) and slice-ansi. */
export const lazySegmenters = {
  name: 'lazy-segmenters',
  setup(build) {
    build.onLoad({ filter: /[\\/]@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]tokenize\.js$/ }, async (args) => ({
      contents: patchSegmenter(
        await readFile(args.path, 'utf8'),
        args.path,
        'for (const { segment, index } of segmenter.segment(str)) {',
      ),
      loader: 'js',
    }));
    build.onLoad({ filter: /[\\/]@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]styledChars\.js$/ }, async (args) => ({
      contents: patchStyledChars(await readFile(args.path, 'utf8'), args.path),
      loader: 'js',
    }));
    build.onLoad({ filter: /[\\/]slice-ansi[\\/]tokenize-ansi\.js$/ }, async (args) => ({
      contents: patchSegmenter(await readFile(args.path, 'utf8'), args.path),
      loader: 'js',
    }));
  },
};

/**
 * Ink turns each row of the frame back into a string with @alcalzone/ansi-tokenize's
 * styledCharsToString, which diffs the styles of every cell against the cell before (three Sets
 * and two arrays per cell: 3,000 cells on a 100×30 screen). Two cells with the same codes have
 * an empty diff, so that case is answered without building it; the output is the same (the test
 * compares the two on generated rows).
 */
export function patchStyledChars(source, path = 'styledChars.js') {
  const between = 'ret += ansiCodesToString(diffAnsiCodes(chars[i - 1].styles, char.styles));';
  const atEnd = 'ret += ansiCodesToString(diffAnsiCodes(char.styles, []));';
  for (const needle of [between, atEnd])
    if (source.split(needle).length !== 2) throw new Error(`same-styles: ${path} no longer diffs cell by cell`);
  return `${source
    .replace(between, `if (!__swSameStyles(chars[i - 1].styles, char.styles)) ${between}`)
    .replace(atEnd, `if (char.styles.length > 0) ${atEnd}`)}
function __swSameStyles(from, to) {
  if (from.length !== to.length) return false;
  for (let index = 0; index < from.length; index++) if (from[index].code !== to[index].code) return false;
  return true;
}
`;
}
