// The UI's first frame as one classic script, dist/chunks/ui-vendor.cjs, for `npm run build`
// (scripts/build.mjs): Ink, React and Yoga, and our own modules the home screen's first frame runs
// (src/ui/run.tsx and what it imports). As a script (not ES modules) they can be run with a V8 code
// cache on Node 20 too (src/util/code-cache.ts), so a later start compiles none of them.
//
// One instance of every module, whichever side imports it:
// - the ES module bundle imports the script's modules (the libraries, and our modules that live in
//   the script, e.g. the screens' React contexts, which the lazily loaded lesson screens share)
//   through small shims over the script, which one module (ui-vendor:script) runs once;
// - the script's imports of our modules that the command line loads anyway (the cleanup registry,
//   the timing marks, the progress store, the code cache itself) are not bundled into it: its
//   require() is handed the ES modules' own instances (runCachedScript's `provided`);
// - its dynamic import()s (the lesson screens, the grader, the vault providers) load the ES module
//   chunks, as before, through a loader the same module hands it.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve as resolvePath } from 'node:path';
import { runInThisContext } from 'node:vm';

/** The libraries the script provides; everything else the bundle imports stays in the ES modules. */
export const UI_VENDOR_SPECIFIERS = ['ink', 'react', 'react/jsx-runtime', 'wrap-ansi', 'string-width'];
export const UI_VENDOR_FILE = 'ui-vendor.cjs';
/** The module whose static imports are the first frame's code, and the command line's entry. */
const FIRST_FRAME_ENTRY = 'src/ui/run.tsx';
const CLI_ENTRY = 'src/bin.ts';
const PROVIDED_PREFIX = 'secrets-workbook:esm:';
const LAZY_LOADER = 'secrets-workbook:lazy';

// The script is one function expression: src/util/code-cache.ts calls it with CommonJS's arguments.
const WRAPPER_START = '(function (require, module, exports, __filename, __dirname) {';
const WRAPPER_END = '\n})';

const guard = { uiVendorResolving: true };
async function resolveRelative(build, args) {
  if (args.pluginData?.uiVendorResolving) return undefined;
  const resolved = await build.resolve(args.path, {
    kind: args.kind,
    importer: args.importer,
    resolveDir: args.resolveDir,
    pluginData: guard,
  });
  return resolved.errors.length > 0 ? undefined : resolved;
}

/**
 * Which of our modules go into the script: those the first frame's entry imports statically that
 * no other command reaches (a module `grade` or `vault up` also loads stays an ES module, shared
 * with the script), less the code cache that runs it.
 */
async function firstFrameModules(root, codeCache) {
  const { metafile } = await build({
    absWorkingDir: root,
    entryPoints: [CLI_ENTRY],
    bundle: true,
    splitting: true,
    write: false,
    metafile: true,
    outdir: join(root, 'node_modules', '.cache', 'ui-vendor-graph'),
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'warning',
  });
  const inputs = metafile.inputs;
  const walk = (from, follow) => {
    const seen = new Set();
    const visit = (path) => {
      if (seen.has(path) || !inputs[path]) return;
      seen.add(path);
      for (const edge of inputs[path].imports) if (!edge.external && follow(edge)) visit(edge.path);
    };
    visit(from);
    return seen;
  };
  const commandLine = walk(CLI_ENTRY, (edge) => edge.path !== FIRST_FRAME_ENTRY);
  const firstFrame = walk(FIRST_FRAME_ENTRY, (edge) => edge.kind === 'import-statement');
  const shared = relative(root, resolvePath(root, codeCache));
  const inScript = [...firstFrame].filter((path) => !commandLine.has(path) && path !== shared).sort();
  if (!inScript.includes(FIRST_FRAME_ENTRY)) throw new Error(`ui-vendor: ${FIRST_FRAME_ENTRY} is reached by a command`);
  const script = new Set(inScript);
  const provided = new Set();
  for (const path of inScript)
    for (const edge of inputs[path].imports)
      if (!edge.external && edge.kind === 'import-statement' && !script.has(edge.path)) provided.add(edge.path);
  return { script, provided: [...provided].sort() };
}

const DYNAMIC_IMPORT = /(?<![\w$.]|typeof\s*)import\((['"])([^'"]+)\1\)/g;

/** The source path an import of `specifier` from `importer` names (`./x.js` is `./x.ts` or `./x.tsx`). */
function sourcePath(root, importer, specifier) {
  if (!specifier.startsWith('.'))
    throw new Error(`ui-vendor: ${importer} imports ${specifier} lazily; only our own modules can be`);
  const base = resolvePath(root, dirname(importer), specifier).replace(/\.js$/, '');
  const found = ['.ts', '.tsx'].map((extension) => base + extension).find((path) => existsSync(path));
  if (!found) throw new Error(`ui-vendor: cannot find ${specifier} imported by ${importer}`);
  return relative(root, found);
}

/** The script's modules, with their dynamic imports turned into calls of the loader it is handed. */
function scriptModulesPlugin(root, script, provided, lazy) {
  return {
    name: 'ui-vendor-modules',
    setup(build) {
      build.onResolve({ filter: new RegExp(`^${LAZY_LOADER}$`) }, (args) => ({ path: args.path, external: true }));
      build.onResolve({ filter: /^\.\.?\// }, async (args) => {
        if (!args.importer.startsWith(join(root, 'src'))) return undefined;
        const resolved = await resolveRelative(build, args);
        if (!resolved) return undefined;
        const path = relative(root, resolved.path);
        return provided.includes(path) ? { path: PROVIDED_PREFIX + path, external: true } : resolved;
      });
      build.onLoad({ filter: /\.tsx?$/ }, async (args) => {
        const path = relative(root, args.path);
        if (!script.has(path)) return undefined;
        const source = await readFile(args.path, 'utf8');
        const contents = source.replace(DYNAMIC_IMPORT, (_all, _quote, specifier) => {
          const target = sourcePath(root, path, specifier);
          if (script.has(target))
            throw new Error(`ui-vendor: ${path} imports ${target}, a module of the script, lazily`);
          lazy.add(target);
          return `require(${JSON.stringify(LAZY_LOADER)})(${JSON.stringify(target)})`;
        });
        return { contents, loader: path.endsWith('x') ? 'tsx' : 'ts' };
      });
    },
  };
}

/** Each module's named exports, as esbuild reads them (no module of the script is run to list them). */
async function moduleExports(root, paths) {
  const { metafile } = await build({
    absWorkingDir: root,
    entryPoints: paths,
    outdir: join(root, 'node_modules', '.cache', 'ui-vendor-exports'),
    bundle: false,
    write: false,
    metafile: true,
    format: 'esm',
    platform: 'node',
    logLevel: 'warning',
  });
  const byEntry = Object.fromEntries(
    Object.values(metafile.outputs)
      .filter((output) => output.entryPoint)
      .map((output) => [output.entryPoint, output.exports]),
  );
  return Object.fromEntries(paths.map((path) => [path, (byEntry[path] ?? []).filter(isNamedExport)]));
}

/**
 * One CommonJS-to-ES-module copy of React for the whole script. esbuild gives each module that
 * imports a CommonJS module its own copy of the exports (a getter per property): 39 modules import
 * React, 2,700 getters with node:process's copies defined at every start (6–8 ms of CPU before the
 * first frame, and as many hidden classes). Here every import goes to one ES module that
 * re-exports them; an import of a name not listed fails the build (esbuild: "No matching export").
 * node:process is read from the global by one module too (scripts/lazy-builtins.mjs, a plugin of
 * both builds).
 */
function oneInterop(root) {
  const react = createRequire(join(root, 'package.json')).resolve('react');
  const reactNames = Object.keys(createRequire(join(root, 'package.json'))('react')).filter(isNamedExport);
  return {
    name: 'ui-vendor-one-interop',
    setup(build) {
      build.onResolve({ filter: /^react$/ }, (args) =>
        args.kind === 'import-statement' ? { path: args.path, namespace: 'ui-vendor-esm' } : undefined,
      );
      build.onLoad({ filter: /^react$/, namespace: 'ui-vendor-esm' }, () => ({
        contents: [
          `import React from ${JSON.stringify(react)};`,
          'export default React;',
          `export const { ${reactNames.join(', ')} } = React;`,
        ].join('\n'),
        resolveDir: root,
        loader: 'js',
      }));
    },
  };
}

async function buildScript({ root, outfile, options, entry, plugins = [] }) {
  return build({
    ...options,
    plugins: [oneInterop(root), ...plugins, ...options.plugins],
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
    metafile: true,
    // Yoga's loader reads import.meta.url only to name a script folder it never uses.
    define: { ...options.define, 'import.meta.url': 'undefined' },
  });
}

// Imported as namespaces, not required: esbuild then hoists the ES modules into the script's
// scope as it does in the ES module bundle, instead of wrapping each in a lazily compiled
// initialiser (measured: ~20 ms more CPU to the first frame, every module's code parsed twice).
const libraryImports = UI_VENDOR_SPECIFIERS.map((name, at) => `import * as library${at} from ${JSON.stringify(name)};`);
const libraryObject = `{${UI_VENDOR_SPECIFIERS.map((name, at) => `${JSON.stringify(name)}: library${at}`).join(', ')}}`;

/**
 * Builds the script into `<outdir>/chunks/` and returns what the ES module bundle needs to share it:
 * each library's and each module's named exports, the modules the script is handed, and the ones
 * it loads lazily.
 */
export async function buildUiVendor({ root, outdir, options, codeCache }) {
  const outfile = join(outdir, 'chunks', UI_VENDOR_FILE);
  // The libraries' export names come from running them alone, at build time.
  const libraries = await buildScript({
    root,
    outfile,
    options,
    entry: [...libraryImports, `export default {libraries: ${libraryObject}};`].join('\n'),
  });
  const libraryExports = exportNames(wrap(libraries.outputFiles.find((file) => file.path === outfile).text), outfile);

  const { script, provided } = await firstFrameModules(root, codeCache);
  const modules = [...script];
  const lazy = new Set();
  const result = await buildScript({
    root,
    outfile,
    options,
    plugins: [scriptModulesPlugin(root, script, provided, lazy)],
    entry: [
      ...libraryImports,
      ...modules.map((path, at) => `import * as module${at} from ${JSON.stringify(`./${path}`)};`),
      `export default {libraries: ${libraryObject}, modules: {${modules.map((path, at) => `${JSON.stringify(path)}: module${at}`).join(', ')}}};`,
    ].join('\n'),
  });
  const bundledTwice = provided.filter((path) => result.metafile.inputs[path]);
  if (bundledTwice.length > 0)
    throw new Error(`ui-vendor: the script bundles ${bundledTwice.join(', ')}, shared modules`);
  await mkdir(join(outdir, 'chunks'), { recursive: true });
  for (const file of result.outputFiles)
    await writeFile(file.path, file.path === outfile ? wrap(file.text) : file.contents);
  return {
    libraryExports,
    moduleExports: await moduleExports(root, modules),
    provided,
    lazy: [...lazy].sort(),
  };
}

const wrap = (text) => `${WRAPPER_START}${text}${WRAPPER_END}`;

function exportNames(source, path) {
  const module = { exports: {} };
  runInThisContext(source, { filename: path })(createRequire(path), module, module.exports, path, join(path, '..'));
  return Object.fromEntries(
    Object.entries(module.exports.default.libraries).map(([name, namespace]) => [
      name,
      Object.keys(namespace).filter(isNamedExport),
    ]),
  );
}

const isNamedExport = (name) => name !== 'default' && name !== '__esModule' && /^[A-Za-z_$][\w$]*$/.test(name);

/** The module that runs the script once (ui-vendor:script), handing it our shared modules and lazy loader. */
function runnerSource(root, vendor, codeCache) {
  const absolute = (path) => JSON.stringify(join(root, path));
  return [
    `import { runCachedScript } from ${JSON.stringify(codeCache)};`,
    `import { fileURLToPath } from 'node:url';`,
    ...vendor.provided.map((path, at) => `import * as provided${at} from ${absolute(path)};`),
    `const lazy = {${vendor.lazy.map((path) => `${JSON.stringify(path)}: () => import(${absolute(path)})`).join(', ')}};`,
    `const provided = {`,
    ...vendor.provided.map((path, at) => `  ${JSON.stringify(PROVIDED_PREFIX + path)}: provided${at},`),
    `  ${JSON.stringify(LAZY_LOADER)}: (path) => lazy[path](),`,
    `};`,
    // Every chunk is in dist/chunks/, next to the script.
    `export default runCachedScript(fileURLToPath(new URL(${JSON.stringify(`./${UI_VENDOR_FILE}`)}, import.meta.url)), process.env, provided).exports.default;`,
  ].join('\n');
}

/**
 * Fails the build when a module of the script is in the ES module bundle too (`metafile` is the
 * bundle's): two instances of a module would mean two React contexts, two progress stores.
 */
export function checkOneInstance(vendor, metafile) {
  const twice = Object.keys(metafile.inputs).filter((path) => vendor.moduleExports[path]);
  if (twice.length > 0) throw new Error(`ui-vendor: ${twice.join(', ')} both in the script and in the ES modules`);
}

/**
 * Resolves the libraries, and our modules that live in the script, to shims over the script.
 * `vendor` is what buildUiVendor returned; `codeCache` is the module exporting runCachedScript
 * (src/util/code-cache.ts).
 */
export function uiVendorFromScript(vendor, codeCache) {
  const filter = new RegExp(`^(${UI_VENDOR_SPECIFIERS.map((name) => name.replace(/[/]/g, '\\/')).join('|')})$`);
  return {
    name: 'ui-vendor-from-script',
    setup(build) {
      const root = build.initialOptions.absWorkingDir;
      build.onResolve({ filter }, (args) => ({ path: args.path, namespace: 'ui-vendor' }));
      build.onResolve({ filter: /^ui-vendor:script$/ }, () => ({ path: 'script', namespace: 'ui-vendor-script' }));
      build.onResolve({ filter: /^\.\.?\// }, async (args) => {
        if (args.namespace !== 'file' || !args.importer.startsWith(join(root, 'src'))) return undefined;
        const resolved = await resolveRelative(build, args);
        if (!resolved) return undefined;
        const path = relative(root, resolved.path);
        return vendor.moduleExports[path] ? { path, namespace: 'ui-vendor-module' } : resolved;
      });
      build.onLoad({ filter: /.*/, namespace: 'ui-vendor-script' }, () => ({
        contents: runnerSource(root, vendor, codeCache),
        resolveDir: root,
        loader: 'js',
      }));
      build.onLoad({ filter: /.*/, namespace: 'ui-vendor-module' }, (args) => {
        const names = vendor.moduleExports[args.path];
        return {
          contents: [
            `import vendor from 'ui-vendor:script';`,
            names.length > 0
              ? `export const { ${names.join(', ')} } = vendor.modules[${JSON.stringify(args.path)}];`
              : '',
          ].join('\n'),
          resolveDir: root,
          loader: 'js',
        };
      });
      build.onLoad({ filter: /.*/, namespace: 'ui-vendor' }, (args) => {
        const names = vendor.libraryExports[args.path];
        return {
          contents: [
            `import vendor from 'ui-vendor:script';`,
            // A namespace: a CommonJS library's module.exports is its default, as in Node.
            `const library = vendor.libraries[${JSON.stringify(args.path)}];`,
            `export default library.default;`,
            names.length > 0 ? `export const { ${names.join(', ')} } = library;` : '',
          ].join('\n'),
          resolveDir: root,
          loader: 'js',
        };
      });
    },
  };
}
