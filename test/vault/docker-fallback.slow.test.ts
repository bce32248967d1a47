import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Playground } from '../../src/course/playground.js';
import { DockerProvider } from '../../src/vault/docker-provider.js';
import { packageRoot } from '../../src/util/package-info.js';
import { usable } from '../helpers/expected.js';
import { locateBao } from '../helpers/bao.js';
import { cliEnv, runCli, spawnCli } from '../helpers/cli.js';
import { startFakeDocker, type FakeDocker } from '../helpers/fake-docker.js';

/**
 * `auto` never dead-ends: with a Docker engine that answers but cannot give the image, the built
 * CLI (dist/cli.js, what `npx` runs) says in one line why and goes on to the binary, then the
 * embedded server. The engines: a fake one on a real socket that refuses the pull (what a
 * machine behind a proxy or over the pull-rate limit sees), and the real engine asked for an
 * image it does not have with no registry to reach (the offline case).
 */
const bao = await locateBao();
const solution = join(packageRoot, 'challenges', 'approle', 'solutions', 'python');
let refusing: FakeDocker;
beforeAll(async () => {
  refusing = await startFakeDocker({ registry: 'ok', pull: 'refuse' });
});
afterAll(async () => {
  await refusing?.close();
});

describe('with an engine that refuses the pull', () => {
  const env = () => cliEnv({ DOCKER_HOST: refusing.dockerHost });

  it('vault up falls back to the binary, saying why docker was passed over, within seconds', async () => {
    const started = Date.now();
    const cli = spawnCli(['vault', 'up'], env());
    try {
      await cli.waitFor(/Press Ctrl-C to stop/, 'stderr', 30_000);
      expect(Date.now() - started).toBeLessThan(15_000);
      expect(cli.stderr()).toMatch(
        /^docker: could not pull hashicorp\/vault:2\.1\.1: registry unreachable .*; trying binary$/m,
      );
      expect(cli.stderr()).toMatch(bao ? /^binary: OpenBao/m : /^embedded: /m);
      expect(cli.stdout()).toMatch(/^export VAULT_ADDR='http:\/\/127\.0\.0\.1:\d+'$/m);
    } finally {
      cli.child.kill('SIGINT');
      await cli.exited;
    }
  });

  it('grade approle <solution> passes through the fallback', async () => {
    const result = await runCli(['grade', 'approle', solution, '--no-progress'], env());
    expect(result.stdout + result.stderr).toMatch(
      /^docker: could not pull hashicorp\/vault:2\.1\.1: .*; trying binary$/m,
    );
    expect(result.stdout + result.stderr).toMatch(/PASSED|passed/);
    expect(result.code).toBe(0);
  });

  it('--vault docker asked for explicitly fails with the reason and names --vault binary|embedded', async () => {
    const result = await runCli(['vault', 'up', '--vault', 'docker'], env());
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^error: docker provider unavailable: could not pull hashicorp\/vault:2\.1\.1: registry unreachable .*\(use --vault binary or --vault embedded instead\)$/m,
    );
  });

  it("the course's playground (v) comes up on the next provider and says why", async () => {
    const saved = process.env.DOCKER_HOST;
    process.env.DOCKER_HOST = refusing.dockerHost;
    const playground = new Playground({ choice: 'auto' });
    const messages: string[] = [];
    playground.subscribe(() => messages.push(playground.getState().message ?? ''));
    try {
      await playground.start();
      expect(playground.getState()).toMatchObject({ status: 'up', provider: bao ? 'binary' : 'embedded' });
      expect(messages).toContainEqual(expect.stringMatching(/^docker: could not pull .*; trying binary$/));
    } finally {
      await playground.release();
      if (saved === undefined) delete process.env.DOCKER_HOST;
      else process.env.DOCKER_HOST = saved;
    }
  });
});

// The real engine, offline: an image it does not have, and no registry it can reach.
const realEngine = await new DockerProvider({ image: 'openbao' }).availability();
const realReady = usable('docker', realEngine.available, realEngine.reason);

describe.skipIf(!realReady)('with the real engine and no registry (offline)', () => {
  const missing = 'openbao/openbao:0.0.1-not-here';

  it('doctor says registry unreachable, and auto moves on at once', async () => {
    const env = cliEnv({ SECRETS_WORKBOOK_DOCKER_IMAGE: missing });
    const doctor = await runCli(['doctor'], env);
    expect(doctor.stdout).toMatch(
      new RegExp(
        `^docker +unavailable: Docker engine .* image ${missing.replace(/[.]/g, '\\.')} is not here and the registry unreachable`,
        'm',
      ),
    );
    expect(doctor.stdout).toMatch(/pre-pull it with: docker pull /);
    const started = Date.now();
    const result = await runCli(['grade', 'approle', solution, '--no-progress'], env);
    expect(result.code).toBe(0);
    expect(Date.now() - started).toBeLessThan(30_000);
  });
});
