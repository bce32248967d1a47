import { execFileSync } from 'node:child_process';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * A module-cache attack's stage, in a folder of the test's own (`root`): a small module
 * (example.com/swshared) served from a file proxy and downloaded, as `go mod download` does, into
 * `root/pkg/mod` (the GOMODCACHE the test gives the grader), a program that uses it, and a program
 * that tries to change it for the next build — in place (the owner may chmod Go's read-only files)
 * or by moving a folder above the cache away and putting an edited copy in its place.
 */
export interface SharedModule {
  /** The program that uses the module: go.mod and go.sum as `go mod tidy` wrote them, and main.go. */
  userProgram(): Record<string, string>;
  /** What `userProgram` prints when the module is the one downloaded. */
  readonly honestOutput: string;
  /** A Python program that makes the module print `marker` when built in; says what it managed. */
  attackProgram(marker: string): string;
  /** Puts back a cache holding just the downloaded module (after an attack that worked). */
  reset(): Promise<void>;
  /** The cache holds the module as downloaded (`go mod verify`) at its place, and nothing was moved. */
  intact(): Promise<boolean>;
  remove(): Promise<void>;
}

const MODULE = 'example.com/swshared';
const VERSION = 'v1.0.0';
const HONEST = 'swshared: the module as downloaded';

export async function sharedModule(root: string): Promise<SharedModule> {
  const cache = join(root, 'pkg', 'mod');
  const proxy = join(root, 'proxy');
  const consumer = join(root, 'consumer');
  await writeProxy(proxy);
  await mkdir(consumer, { recursive: true });
  await writeFile(join(consumer, 'go.mod'), 'module consumer\n\ngo 1.22\n');
  await writeFile(
    join(consumer, 'main.go'),
    `package main\n\nimport (\n\t"fmt"\n\n\t"${MODULE}"\n)\n\nfunc main() { fmt.Println(swshared.Greeting()) }\n`,
  );
  const go = (...args: string[]) =>
    execFileSync('go', args, {
      cwd: consumer,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        GOMODCACHE: cache,
        GOPROXY: `file://${proxy}`,
        GOSUMDB: 'off',
        GOFLAGS: '-mod=mod',
        GOTOOLCHAIN: 'local',
        GOWORK: 'off',
      },
    });
  go('mod', 'tidy');
  const program = {
    'go.mod': await readFile(join(consumer, 'go.mod'), 'utf8'),
    'go.sum': await readFile(join(consumer, 'go.sum'), 'utf8'),
    'main.go': await readFile(join(consumer, 'main.go'), 'utf8'),
  };
  const wipe = async () => {
    // Go's cache is read-only by mode: the test, its owner, makes it writable to delete it.
    for (const entry of await readdir(root)) {
      if (entry.startsWith('pkg')) {
        execFileSync('chmod', ['-R', 'u+w', join(root, entry)]);
        await rm(join(root, entry), { recursive: true, force: true });
      }
    }
  };
  return {
    userProgram: () => ({ ...program }),
    honestOutput: HONEST,
    attackProgram: (marker) => attackProgram(root, join(cache, `${MODULE}@${VERSION}`), marker),
    async reset() {
      await wipe();
      go('mod', 'download', MODULE);
    },
    async intact() {
      if ((await readdir(root)).sort().join(' ') !== 'consumer pkg proxy') return false;
      try {
        return go('mod', 'verify').includes('all modules verified');
      } catch {
        return false;
      }
    },
    remove: wipe,
  };
}

async function writeProxy(proxy: string): Promise<void> {
  const versions = join(proxy, MODULE, '@v');
  await mkdir(versions, { recursive: true });
  const goMod = `module ${MODULE}\n\ngo 1.22\n`;
  const source = `package swshared\n\nfunc Greeting() string { return ${JSON.stringify(HONEST)} }\n`;
  await writeFile(join(versions, 'list'), `${VERSION}\n`);
  await writeFile(
    join(versions, `${VERSION}.info`),
    JSON.stringify({ Version: VERSION, Time: '2024-01-01T00:00:00Z' }),
  );
  await writeFile(join(versions, `${VERSION}.mod`), goMod);
  // A module zip: every file under "<module>@<version>/".
  const zip = `import sys, zipfile
with zipfile.ZipFile(sys.argv[1], 'w') as archive:
    archive.writestr(sys.argv[2] + '/go.mod', sys.argv[3])
    archive.writestr(sys.argv[2] + '/shared.go', sys.argv[4])
`;
  execFileSync('python3', ['-c', zip, join(versions, `${VERSION}.zip`), `${MODULE}@${VERSION}`, goMod, source]);
}

/** Moves only folders of the test's own (`root` and below), never the machine's. */
function attackProgram(root: string, module: string, marker: string): string {
  return `import os, shutil
root = ${JSON.stringify(root)}
cache = os.path.join(root, 'pkg', 'mod')
module = ${JSON.stringify(module)}
planted = 'package swshared\\n\\nfunc init() { println(' + ${JSON.stringify(JSON.stringify(marker))} + ') }\\n'

def plant(folder):
    os.chmod(folder, 0o755)
    with open(os.path.join(folder, 'zz_planted.go'), 'w') as handle:
        handle.write(planted)

try:
    plant(module)
    print('changed in place')
except OSError as error:
    print('in place: refused,', error.strerror)
    # Move a folder above the cache away and put an edited copy where it was.
    above = os.path.dirname(cache)
    while above.startswith(root):
        try:
            os.rename(above, above + '-moved')
            copy = (above + '-moved') + cache[len(above):]
            os.makedirs(os.path.dirname(cache), exist_ok=True)
            shutil.copytree(copy, cache, symlinks=True)
            plant(cache + module[len(cache):])
            print('swapped the folder', above)
            break
        except OSError as error:
            print('moving', above, 'refused,', error.strerror)
            above = os.path.dirname(above)
print('attack done')
`;
}
