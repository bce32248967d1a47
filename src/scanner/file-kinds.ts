import { basename, extname } from 'node:path';

const LOCK_FILES = new Set([
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'bun.lock',
  'go.sum',
  'Cargo.lock',
  'poetry.lock',
  'Pipfile.lock',
  'uv.lock',
  'Gemfile.lock',
  'composer.lock',
  'packages.lock.json',
  'flake.lock',
  'mix.lock',
  'pubspec.lock',
  'gradle.lockfile',
]);

const CODE_EXTENSIONS = new Set([
  '.js',
  '.mjs',
  '.cjs',
  '.jsx',
  '.ts',
  '.mts',
  '.cts',
  '.tsx',
  '.py',
  // Type stubs: `password: _PasswordType | None = None` is a declaration.
  '.pyi',
  '.go',
  '.java',
  '.kt',
  '.kts',
  '.scala',
  '.rb',
  '.php',
  '.cs',
  '.rs',
  '.swift',
  '.c',
  '.cc',
  '.cpp',
  '.h',
  '.hpp',
  '.m',
  '.dart',
  '.lua',
  '.pl',
  '.r',
  '.groovy',
  '.ex',
  '.exs',
  '.clj',
  '.vue',
  '.svelte',
  '.fs',
  '.erl',
  '.hs',
  '.flow',
]);

/** Lock files are full of integrity hashes; assignment rules skip them (vendor rules still run). */
export function isLockFile(file: string): boolean {
  return LOCK_FILES.has(basename(file));
}

/** Source code: an unquoted value is an expression (`password = getPassword()`), not a literal. */
export function isCodeFile(file: string): boolean {
  return CODE_EXTENSIONS.has(extname(file).toLowerCase());
}

export function isEnvFile(file: string): boolean {
  const name = basename(file);
  return name === '.env' || name.startsWith('.env.') || name.endsWith('.env');
}

export function isMinifiedFile(file: string): boolean {
  return /\.min\.(?:js|css)$|\.map$|\.svg$/i.test(file);
}

const CONFIG_EXTENSIONS = new Set(['.conf', '.cfg', '.ini', '.properties', '.toml', '.yaml', '.yml', '.env', '.cnf']);

/** Configuration formats, where an unquoted value is a literal (in Markdown or text it is often code). */
export function isConfigFile(file: string): boolean {
  return CONFIG_EXTENSIONS.has(extname(file).toLowerCase()) || isEnvFile(file);
}
