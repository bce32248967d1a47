import { randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gradeChallenge } from '../../src/grader/index.js';
import type { GradeEvent, GradeReport } from '../../src/grader/report.js';
import { goCachesRoot, goToolchain, warmStdCache } from '../../src/grader/program/go-toolchain.js';
import { availableProviders, check, hasGo, programDir } from './helpers.js';
import { sharedModule, type SharedModule } from './shared-go-module.js';

/**
 * Attacks on the build step of a Go submission (`go build`), as `classroom grade-all` grades them:
 * another student's folder hidden from the program. `go build` runs no Go code of the submission,
 * but it follows its go.mod (`replace` reads any folder, `toolchain` fetches and runs another Go),
 * runs the C compiler on its cgo preamble (`#include` of any file), and leaves compiled code in a
 * build cache. Each attack worked before the build ran in the program's sandbox with a private cache.
 *
 * The module cache is shared by every build and is the user's to write: Go leaves its files
 * read-only by mode, but their owner can chmod them. These tests give the grader a module cache of
 * their own (set before the toolchain is first asked), holding one small module every build can use.
 */
const moduleRoot = await mkdtemp(join(tmpdir(), 'sw-go-modcache-'));
process.env.GOMODCACHE = join(moduleRoot, 'pkg', 'mod');
const providers = hasGo ? (await availableProviders()).filter((name) => name !== 'docker') : [];
const made: string[] = [moduleRoot];
let otherStudent = '';
let shared: SharedModule;
const MARKER = `other-student-${randomUUID()}`;

beforeAll(async () => {
  // The class folder with another student's submission in it: what grade-all hides.
  const classFolder = await mkdtemp(join(tmpdir(), 'sw-go-class-'));
  made.push(classFolder);
  otherStudent = join(classFolder, 'bob');
  execFileSync('mkdir', ['-p', otherStudent]);
  await writeFile(join(otherStudent, 'secret.h'), `static const char *stolen = "${MARKER}";\n`);
  await writeFile(join(otherStudent, 'go.mod'), 'module bob\n\ngo 1.22\n');
  await writeFile(join(otherStudent, 'bob.go'), `package bob\n\nconst Stolen = "${MARKER}"\n`);
  if (hasGo) await warmStdCache((await goToolchain())!, () => undefined);
  if (hasGo) shared = await sharedModule(moduleRoot);
}, 900_000);

afterAll(async () => {
  if (shared) await shared.remove();
  await Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function gradeAsClass(files: Record<string, string>, provider: string) {
  const dir = await programDir(files);
  made.push(dir);
  const events: GradeEvent[] = [];
  const report = await gradeChallenge({
    challengeId: 'approle',
    dir,
    vault: provider as 'embedded',
    timeoutSeconds: 60,
    hidden: { folders: [join(otherStudent, '..')] },
    privateGoCache: true,
    onEvent: (event) => events.push(event),
  });
  return { dir, report, seen: JSON.stringify(events) };
}

function buildMessage(report: GradeReport): string {
  const exit = check(report, 'exit');
  return `${exit.detail} ${exit.hint}`;
}

describe.skipIf(providers.length === 0)('a Go submission cannot use its build against the class', () => {
  for (const provider of providers) {
    it.concurrent(`${provider}: a cgo #include of another student's file is not compiled`, async () => {
      const { report, seen } = await gradeAsClass(
        {
          'go.mod': 'module attacker\n\ngo 1.22\n',
          'main.go': `package main\n\n/*\n#include "${join(otherStudent, 'secret.h')}"\nstatic const char *steal(void) { return stolen; }\n*/\nimport "C"\nimport "fmt"\n\nfunc main() { fmt.Println(C.GoString(C.steal())) }\n`,
        },
        provider,
      );
      expect(seen).not.toContain(MARKER);
      expect(buildMessage(report)).toMatch(/the build failed/);
    });

    it.concurrent(`${provider}: a go.mod replace pointing at another student's folder finds nothing`, async () => {
      const { report, seen } = await gradeAsClass(
        {
          'go.mod': `module attacker\n\ngo 1.22\n\nrequire bob v0.0.0\n\nreplace bob => ${otherStudent}\n`,
          'main.go': 'package main\n\nimport (\n\t"fmt"\n\t"bob"\n)\n\nfunc main() { fmt.Println(bob.Stolen) }\n',
        },
        provider,
      );
      expect(seen).not.toContain(MARKER);
      expect(buildMessage(report)).toMatch(/the build failed/);
    });

    it.concurrent(`${provider}: a go.mod asking for another Go toolchain does not fetch one`, async () => {
      const saved = process.env.GOTOOLCHAIN;
      process.env.GOTOOLCHAIN = 'auto';
      try {
        const { report, seen } = await gradeAsClass(
          {
            'go.mod': 'module attacker\n\ngo 1.22\n\ntoolchain go1.99.1\n',
            'main.go': 'package main\n\nfunc main() {}\n',
          },
          provider,
        );
        // go1.99.1 is newer than any Go here: with GOTOOLCHAIN=auto the go command would fetch and run it.
        expect(seen).not.toMatch(/downloading go1\.99|go1\.99\.1/);
        expect(buildMessage(report)).not.toMatch(/the build failed/);
      } finally {
        if (saved === undefined) delete process.env.GOTOOLCHAIN;
        else process.env.GOTOOLCHAIN = saved;
      }
    });

    it(`${provider}: the next student's program finds neither the last one's binary nor a way into the grader's cache`, async () => {
      const since = Date.now();
      const marker = `first-student-${randomUUID()}`;
      const planted = join(goCachesRoot(), `planted-${randomUUID()}`);
      made.push(planted);
      const first = await gradeAsClass(
        {
          'go.mod': 'module first\n\ngo 1.22\n',
          'main.go': `package main\n\nimport (\n\t"fmt"\n\t"os"\n)\n\nconst mine = "${marker}"\n\nfunc main() {\n\tif err := os.WriteFile(${JSON.stringify(planted)}, []byte(mine), 0o644); err == nil {\n\t\tfmt.Println("planted")\n\t}\n\tfmt.Println(len(mine))\n}\n`,
        },
        provider,
      );
      expect(first.seen).toContain('building: go build .');
      expect(first.seen).not.toContain('planted');
      expect(await stat(planted).catch(() => undefined)).toBeUndefined();
      // The second student's program searches every place a build could have left the first one's code.
      const places = [join(goCachesRoot(), '..'), join(homedir(), '.cache', 'go-build'), tmpdir()];
      const second = await gradeAsClass(
        {
          'app.py': `import os, sys
marker = ${JSON.stringify(marker)}.encode()
skip = ${JSON.stringify(first.dir)}
for place in ${JSON.stringify(places)}:
    for root, dirs, files in os.walk(place):
        if root.startswith(skip) or root.startswith(os.getcwd()):
            continue
        for name in files:
            path = os.path.join(root, name)
            try:
                info = os.stat(path)
                if info.st_mtime * 1000 < ${since} or info.st_size > 50_000_000:
                    continue
                with open(path, 'rb') as handle:
                    if marker in handle.read():
                        print('stolen-from', path)
            except OSError:
                pass
print('searched')
`,
        },
        provider,
      );
      expect(second.seen).toContain('searched');
      expect(second.seen).not.toContain('stolen-from');
    }, 300_000);
  }

  for (const provider of providers) {
    it(`${provider}: a student's program cannot change a downloaded module that the next student's build compiles`, async () => {
      await shared.reset();
      const marker = `module-cache-attack-${randomUUID()}`;
      const attacker = await gradeAsClass({ 'app.py': shared.attackProgram(marker) }, provider);
      expect(attacker.seen).toContain('attack done');
      const victim = await gradeAsClass(shared.userProgram(), provider);
      expect(victim.seen).toContain(shared.honestOutput);
      expect(victim.seen).not.toContain(marker);
      // Neither in place nor by a swapped folder: what the next build reads is what was downloaded.
      expect(attacker.seen).not.toMatch(/changed in place|swapped the folder/);
      expect(attacker.seen).toMatch(/in place: refused, Read-only file system/);
      expect(attacker.seen).toMatch(/moving \S+-modcache-\S+\/pkg refused, Device or resource busy/);
      expect(await shared.intact()).toBe(true);
    }, 300_000);
  }

  it("a student's program cannot add to the Go installation that every build compiles", async () => {
    // A harmless file (not Go source), deleted at once if it could be made: GOROOT is this machine's.
    const goroot = execFileSync('go', ['env', 'GOROOT'], { encoding: 'utf8' }).trim();
    const probe = join(goroot, 'src', 'fmt', `zz-probe-${randomUUID()}.txt`);
    const { seen } = await gradeAsClass(
      {
        'app.py': `import os\ntry:\n    open(${JSON.stringify(probe)}, 'w').close()\n    os.remove(${JSON.stringify(probe)})\n    print('wrote into GOROOT')\nexcept OSError as error:\n    print('GOROOT refused,', error.strerror)\n`,
      },
      providers[0]!,
    );
    expect(seen).toContain('GOROOT refused, Read-only file system');
    expect(await stat(probe).catch(() => undefined)).toBeUndefined();
  });

  it("a learner's own grade builds with their own Go build cache, as their go build would", async () => {
    const learnerCache = (await goToolchain())!.learnerCache!;
    const since = Date.now() - 1000;
    const marker = randomUUID().replaceAll('-', '');
    const dir = await programDir({
      'go.mod': 'module own\n\ngo 1.22\n',
      'main.go': `package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("${marker}") }\n`,
    });
    made.push(dir);
    const events: GradeEvent[] = [];
    await gradeChallenge({
      challengeId: 'approle',
      dir,
      vault: providers[0] as 'embedded',
      timeoutSeconds: 60,
      onEvent: (event) => events.push(event),
    });
    expect(JSON.stringify(events)).toContain('building: go build .');
    // The compiled package (holding the marker) landed in the learner's cache, and no private copy was made.
    // Other builds on the machine may add large files meanwhile: read them without a pipe's buffer limit.
    const fresh = execFileSync('find', [learnerCache, '-type', 'f', '-newermt', `@${Math.floor(since / 1000)}`], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    })
      .split('\n')
      .filter(Boolean);
    const holdsMarker = (path: string) => {
      try {
        return readFileSync(path).includes(marker);
      } catch {
        return false; // trimmed from the cache since
      }
    };
    expect(fresh.some(holdsMarker)).toBe(true);
    expect(JSON.stringify(events)).not.toContain("into the grader's cache");
  }, 300_000);

  it('leaves neither the compiled program nor its build folder behind', async () => {
    const { seen } = await gradeAsClass(
      { 'go.mod': 'module tidy\n\ngo 1.22\n', 'main.go': 'package main\n\nfunc main() {}\n' },
      providers[0]!,
    );
    const binary = /"running: ([^" ]+) \(timeout/.exec(seen)?.[1];
    expect(binary).toBeDefined();
    expect(await stat(binary!).catch(() => undefined)).toBeUndefined();
    expect(await stat(join(binary!, '..')).catch(() => undefined)).toBeUndefined();
  });
});
