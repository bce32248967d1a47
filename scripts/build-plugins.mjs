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
  return source
    .replace(fetchBranch, 'return !0?Promise.resolve()')
    .replace(
      charLoop,
      (_all, _binary, url, _bytes, result) => `var ${result}=new Uint8Array(Buffer.from(${url}.slice(37),"base64"))`,
    );
}

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
  const declaration = 'const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;';
  const use = 'rgiEmojiRegex.test(segment)';
  const count = (needle) => source.split(needle).length - 1;
  if (count(declaration) !== 1 || count(use) !== 1)
    throw new Error(`string-width-fast-emoji: ${path} no longer has the expected RGI_Emoji test`);
  return source
    .replace(declaration, `${declaration}\nconst emojiPresentationRegex = /^\\p{Emoji_Presentation}$/u;`)
    .replace(use, `(segment.length === 1 ? emojiPresentationRegex.test(segment) : ${use})`);
}
