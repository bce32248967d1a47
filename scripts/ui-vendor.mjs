// The UI's libraries as one classic script, dist/chunks/ui-vendor.cjs, for `npm run build`
// (scripts/build.mjs). Ink, React and Yoga are most of the code the first frame compiles; as a
// script (not ES modules) they can be run with a V8 code cache on Node 20 too
// (src/util/code-cache.ts). The ES module bundle imports them from it through small shims, so
// the whole program shares one React, one Ink and one Yoga.
import { build } from 'esbuild';
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { runInThisContext } from 'node:vm';

/** What the shims provide; everything else the bundle imports stays in the ES modules. */
export const UI_VENDOR_SPECIFIERS = ['ink', 'react', 'react/jsx-runtime', 'wrap-ansi', 'string-width'];
export const UI_VENDOR_FILE = 'ui-vendor.cjs';

// The script is one function expression: src/util/code-cache.ts calls it with CommonJS's arguments.
const WRAPPER_START = '(function (require, module, exports, __filename, __dirname) {';
const WRAPPER_END = '\n})';

/** Builds the script into `<outdir>/chunks/` and returns each specifier's named exports. */
export async function buildUiVendor({ root, outdir, options }) {
  // Imported as namespaces, not required: esbuild then hoists the ES modules into the script's
  // scope as it does in the ES module bundle, instead of wrapping each in a lazily compiled
  // initialiser (measured: ~20 ms more CPU to the first frame, every module's code parsed twice).
  const entry = [
    ...UI_VENDOR_SPECIFIERS.map((name, at) => `import * as library${at} from ${JSON.stringify(name)};`),
    `export default {${UI_VENDOR_SPECIFIERS.map((name, at) => `${JSON.stringify(name)}: library${at}`).join(', ')}};`,
  ].join('\n');
  const outfile = join(outdir, 'chunks', UI_VENDOR_FILE);
  const result = await build({
    ...options,
    absWorkingDir: root,
    stdin: { contents: entry, resolveDir: root, sourcefile: 'ui-vendor-entry.mjs', loader: 'js' },
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    minify: true,
    legalComments: 'linked',
    write: false,
    // Yoga's loader reads import.meta.url only to name a script folder it never uses.
    define: { ...options.define, 'import.meta.url': 'undefined' },
  });
  await mkdir(join(outdir, 'chunks'), { recursive: true });
  let source;
  for (const file of result.outputFiles) {
    if (file.path === outfile) {
      source = `${WRAPPER_START}${file.text}${WRAPPER_END}`;
      await writeFile(file.path, source);
    } else await writeFile(file.path, file.contents);
  }
  return exportNames(source, outfile);
}

function exportNames(source, path) {
  const module = { exports: {} };
  runInThisContext(source, { filename: path })(createRequire(path), module, module.exports, path, join(path, '..'));
  return Object.fromEntries(
    Object.entries(module.exports.default).map(([name, namespace]) => [
      name,
      Object.keys(namespace).filter(isNamedExport),
    ]),
  );
}

const isNamedExport = (name) => name !== 'default' && name !== '__esModule' && /^[A-Za-z_$][\w$]*$/.test(name);

/**
 * Resolves the specifiers to shims over the script, which one module (ui-vendor:script) runs once.
 * `codeCache` is the module exporting runCachedScript (src/util/code-cache.ts).
 */
export function uiVendorFromScript(vendorExports, codeCache) {
  const filter = new RegExp(`^(${UI_VENDOR_SPECIFIERS.map((name) => name.replace(/[/]/g, '\\/')).join('|')})$`);
  return {
    name: 'ui-vendor-from-script',
    setup(build) {
      build.onResolve({ filter }, (args) => ({ path: args.path, namespace: 'ui-vendor' }));
      build.onResolve({ filter: /^ui-vendor:script$/ }, () => ({ path: 'script', namespace: 'ui-vendor-script' }));
      build.onLoad({ filter: /.*/, namespace: 'ui-vendor-script' }, () => ({
        contents: [
          `import { runCachedScript } from ${JSON.stringify(codeCache)};`,
          `import { fileURLToPath } from 'node:url';`,
          // Every chunk is in dist/chunks/, next to the script.
          `export default runCachedScript(fileURLToPath(new URL(${JSON.stringify(`./${UI_VENDOR_FILE}`)}, import.meta.url))).exports.default;`,
        ].join('\n'),
        resolveDir: build.initialOptions.absWorkingDir,
        loader: 'js',
      }));
      build.onLoad({ filter: /.*/, namespace: 'ui-vendor' }, (args) => {
        const names = vendorExports[args.path];
        return {
          contents: [
            `import vendor from 'ui-vendor:script';`,
            // A namespace: a CommonJS library's module.exports is its default, as in Node.
            `const library = vendor[${JSON.stringify(args.path)}];`,
            `export default library.default;`,
            names.length > 0 ? `export const { ${names.join(', ')} } = library;` : '',
          ].join('\n'),
          resolveDir: build.initialOptions.absWorkingDir,
          loader: 'js',
        };
      });
    },
  };
}
