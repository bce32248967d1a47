import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { findOnPath } from '../../util/executables.js';
import { shellQuote as quote } from '../../util/shell.js';

/**
 * What to run for a learner's folder. `--cmd` wins; otherwise the first match of: a package.json
 * start script, app.py / main.py, main.go (built first, so compile time is not run time),
 * app.sh / main.sh, then a lone main.js / app.js / index.js.
 */
export interface CommandPlan {
  /** Shell command run in the folder. */
  command: string;
  /** One line for the user: how it was chosen. */
  description: string;
  /** A build step run before (and outside the timeout of) the program, e.g. `go build`. */
  build?: { command: string; description: string; output: string; toolchain: string };
  /** Extra PATH entries in front (node_modules/.bin for a start script). */
  pathPrefix?: string[];
}

export interface DetectOptions {
  cmd?: string;
  /** Where a build step writes its output (a temporary folder of this grade). */
  buildDir: string;
}

export async function detectCommand(dir: string, options: DetectOptions): Promise<CommandPlan | undefined> {
  if (options.cmd !== undefined) return { command: options.cmd, description: `--cmd: ${options.cmd}` };

  const packageJson = await readJson(join(dir, 'package.json'));
  const start = (packageJson?.scripts as Record<string, unknown> | undefined)?.start;
  if (typeof start === 'string' && start.trim()) {
    return {
      command: start,
      description: `package.json start script: ${start}`,
      pathPrefix: [join(dir, 'node_modules', '.bin')],
    };
  }
  const python = (await findOnPath('python3')) ? 'python3' : 'python';
  for (const file of ['app.py', 'main.py']) {
    if (await exists(join(dir, file)))
      return { command: `${python} ${file}`, description: `${file}: ${python} ${file}` };
  }
  if (await exists(join(dir, 'main.go'))) {
    const binary = join(options.buildDir, process.platform === 'win32' ? 'program.exe' : 'program');
    return {
      command: quote(binary),
      description: 'main.go: go build, then run the program',
      build: { command: `go build -o ${quote(binary)} .`, description: 'go build .', output: binary, toolchain: 'go' },
    };
  }
  for (const file of ['app.sh', 'main.sh']) {
    if (await exists(join(dir, file))) return { command: `sh ${file}`, description: `${file}: sh ${file}` };
  }
  for (const file of ['main.js', 'app.js', 'index.js', 'main.mjs']) {
    if (await exists(join(dir, file))) return { command: `node ${file}`, description: `${file}: node ${file}` };
  }
  return undefined;
}

export const DETECTION_HELP =
  'found none of: a package.json start script, app.py, main.py, main.go, app.sh, main.js; tell the grader what to run with --cmd "<command>"';

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

async function readJson(path: string): Promise<Record<string, unknown> | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}
