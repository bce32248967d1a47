import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../src/util/package-info.js';
import { DockerProvider } from '../src/vault/docker-provider.js';
import { usable } from './helpers/expected.js';

const dockerAvailability = await new DockerProvider().availability();
const dockerReady = usable('docker', dockerAvailability.available, dockerAvailability.reason);

/**
 * What `npx secrets-workbook` gets: the packed tarball holds the bundle, the course and the class
 * compose file, and nothing else (no sources, tests, benches, build output of other tools); and
 * once installed from that tarball alone, the CLI runs the course and grades a reference solution
 * on the embedded server.
 */
interface PackedFile {
  path: string;
}

let files: string[] = [];
let work: string;
let tarball: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'sw-pack-'));
  // npm test has just built dist/; pack it as it is.
  const packed = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], {
      cwd: packageRoot,
      encoding: 'utf8',
    }),
  ) as Array<{
    filename: string;
    files: PackedFile[];
  }>;
  files = packed[0]!.files.map((file) => file.path);
  tarball = join(work, packed[0]!.filename);
}, 120_000);

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('the npm package', () => {
  it('holds the bundle, the lessons, the challenges and the class compose file', () => {
    for (const needed of [
      'package.json',
      'README.md',
      'LICENSE',
      'dist/cli.js',
      'dist/course.json',
      // Ink, React and Yoga, run with a code cache (scripts/ui-vendor.mjs).
      'dist/chunks/ui-vendor.cjs',
      'docker-compose.yml',
      '.env.example',
    ]) {
      expect(files, needed).toContain(needed);
    }
    expect(files.filter((file) => /^lessons\/\d\d-[a-z-]+\.md$/.test(file)).length).toBeGreaterThanOrEqual(9);
    for (const challenge of ['approle', 'mini-project', 'orchestrator', 'rotation', 'log-scrubbing', 'scanner']) {
      expect(files, challenge).toContain(`challenges/${challenge}/README.md`);
      expect(files, challenge).toContain(`challenges/${challenge}/challenge.yaml`);
      expect(
        files.some((file) => file.startsWith(`challenges/${challenge}/starter/python/`)),
        challenge,
      ).toBe(true);
      expect(
        files.some((file) => file.startsWith(`challenges/${challenge}/solutions/python/`)),
        challenge,
      ).toBe(true);
    }
  });

  it('holds nothing else: no sources, tests, benches, local state or secrets', () => {
    const unexpected = files.filter(
      (file) =>
        !/^(package\.json|README\.md|LICENSE|docker-compose\.yml|\.env\.example)$/.test(file) &&
        !file.startsWith('dist/') &&
        !file.startsWith('lessons/') &&
        !file.startsWith('challenges/'),
    );
    expect(unexpected).toEqual([]);
    const junk = files.filter((file) =>
      /(^|\/)(node_modules|__pycache__|\.workbook-build|\.venv)\/|\.pyc$|(^|\/)\.env$|go\.sum\.bak|\.tgz$/.test(file),
    );
    expect(junk).toEqual([]);
  });

  it('installed from the tarball alone, runs the course commands and grades a solution on the embedded server', async () => {
    const prefix = join(work, 'install');
    // Exactly what a user's `npx` installs: everything is bundled, the Docker provider included.
    await execa('npm', ['install', '--prefix', prefix, '--no-audit', '--no-fund', tarball], { timeout: 240_000 });
    const packages = (await readdir(join(prefix, 'node_modules'))).filter((name) => !name.startsWith('.'));
    expect(packages.length).toBeLessThanOrEqual(10);
    const bin = join(prefix, 'node_modules', '.bin', 'secrets-workbook');
    const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: work, SECRETS_WORKBOOK_HOME: join(work, 'home') };
    const run = (args: string[]) =>
      execa(bin, args, { env, extendEnv: false, reject: false, stdin: 'ignore', timeout: 120_000 });

    const version = await run(['--version']);
    expect(version.exitCode).toBe(0);
    expect(version.stdout.trim()).toBe(JSON.parse(await readFile(join(packageRoot, 'package.json'), 'utf8')).version);

    const list = await run(['list', '--json']);
    expect(list.exitCode, list.stderr).toBe(0);
    const course = JSON.parse(list.stdout) as { lessons: unknown[]; challenges: Array<{ id: string }> };
    expect(course.lessons.length).toBeGreaterThanOrEqual(9);
    expect(course.challenges.map((challenge) => challenge.id)).toContain('approle');

    const installed = join(prefix, 'node_modules', 'secrets-workbook');
    const grade = await run([
      'grade',
      'approle',
      join(installed, 'challenges', 'approle', 'solutions', 'python'),
      '--vault',
      'embedded',
      '--json',
      '--no-progress',
    ]);
    expect(grade.exitCode, grade.stderr).toBe(0);
    const report = JSON.parse(grade.stdout) as { passed: boolean; vault: string };
    expect(report).toMatchObject({ passed: true, vault: 'embedded' });

    // The Docker provider as installed (its engine client is in the bundle), where an engine is here.
    if (dockerReady) {
      const docker = await run([
        'grade',
        'approle',
        join(installed, 'challenges', 'approle', 'solutions', 'python'),
        '--vault',
        'docker',
        '--json',
        '--no-progress',
      ]);
      expect(docker.exitCode, docker.stderr).toBe(0);
      expect(JSON.parse(docker.stdout)).toMatchObject({ passed: true, vault: 'docker' });
    }
  }, 300_000);
});
