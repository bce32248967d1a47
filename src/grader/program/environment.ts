import { delimiter } from 'node:path';

/**
 * The environment a learner's program gets: a short allowlist of the user's variables that
 * toolchains need to work (finding python3, Go's module cache, a virtualenv), plus the variables
 * its challenge gives it (VAULT_ADDR, VAULT_ROLE_ID, VAULT_SECRET_ID, …). Never the user's whole
 * environment (it may hold a VAULT_TOKEN or cloud keys), never a root token.
 */
const PASS_THROUGH = [
  'PATH',
  'HOME',
  'USER',
  'LOGNAME',
  'SHELL',
  'LANG',
  'LANGUAGE',
  'TERM',
  'TMPDIR',
  'TMP',
  'TEMP',
  'TZ',
  // Windows essentials.
  'SYSTEMROOT',
  'SystemRoot',
  'COMSPEC',
  'PATHEXT',
  'WINDIR',
  'USERPROFILE',
  'APPDATA',
  'LOCALAPPDATA',
  // Toolchains: Go's caches and proxy, Python environments, Node's module path.
  'GOPATH',
  'GOCACHE',
  'GOMODCACHE',
  'GOPROXY',
  'GOFLAGS',
  'GOTOOLCHAIN',
  'GONOSUMDB',
  'GOPRIVATE',
  'GOROOT',
  'PYENV_ROOT',
  'PYENV_VERSION',
  'VIRTUAL_ENV',
  'CONDA_PREFIX',
  'PYTHONPATH',
  'NODE_PATH',
  'NVM_DIR',
  'NVM_BIN',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
];

export function programEnvironment(
  variables: Readonly<Record<string, string>> | undefined,
  options: { from?: NodeJS.ProcessEnv; pathPrefix?: string[] } = {},
): Record<string, string> {
  const from = options.from ?? process.env;
  const env: Record<string, string> = {};
  for (const name of PASS_THROUGH) {
    const value = from[name];
    if (value !== undefined) env[name] = value;
  }
  for (const [name, value] of Object.entries(from)) {
    if (name.startsWith('LC_') && value !== undefined) env[name] = value;
  }
  env.PATH = [...(options.pathPrefix ?? []), env.PATH ?? '/usr/local/bin:/usr/bin:/bin'].join(delimiter);
  // Unbuffered Python output: what a program printed just before being stopped still reaches
  // the leak check, instead of dying in a buffer.
  env.PYTHONUNBUFFERED = '1';
  if (variables) Object.assign(env, variables);
  return env;
}
