import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLessons } from '../../../src/course/lessons.js';
import { extractCodeBlocks } from '../../../src/course/code-blocks.js';
import { runStepCheck, type StepCheck } from '../../../src/course/vault-checks.js';
import { VaultAdmin } from '../../../src/vault/admin-client.js';
import { startEmbeddedServer, type EmbeddedServer } from '../../../src/vault/embedded/index.js';
import { randomBase62 } from '../../../src/util/random.js';

/**
 * The `rendered-file` step check (src/course/checks/rendered.ts): a file Vault Agent rendered in
 * the course folder holds the current value of a KV key, alone, readable by its owner only. The
 * value is never in a detail. (The step that uses it runs with a real Agent in
 * lesson-steps.slow.test.ts.)
 */
const check: StepCheck = { type: 'rendered-file', file: 'lab/url', mount: 'secret', path: 'web/database', key: 'url' };

describe('the rendered-file check', () => {
  let server: EmbeddedServer;
  let admin: VaultAdmin;
  let dir: string;
  const url = `postgres://web:${randomBase62(24)}@db.internal:5432/web`;
  const run = () => runStepCheck(check, { admin, workDir: dir });
  const render = async (content: string, mode = 0o600) => {
    await writeFile(join(dir, 'lab', 'url'), content);
    await chmod(join(dir, 'lab', 'url'), mode);
  };

  beforeAll(async () => {
    server = await startEmbeddedServer({ audit: false });
    admin = new VaultAdmin(server.address, server.rootToken);
    await admin.write('secret/data/web/database', { data: { url } });
    dir = await mkdtemp(join(tmpdir(), 'sw-rendered-'));
    await mkdir(join(dir, 'lab'));
  });
  afterAll(async () => {
    await server?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('is not done while there is no file, nor when the playground is down', async () => {
    expect(await run()).toEqual({ done: false, detail: 'there is no lab/url yet: Agent has not rendered it' });
    expect((await runStepCheck(check, { workDir: dir })).done).toBe(false);
  });

  it('refuses another value, the value with text around it, and a file others may read, never showing the value', async () => {
    const outcomes = [];
    await render('postgres://web:old@db.internal:5432/web\n');
    outcomes.push(await run());
    await render(`DATABASE_URL=${url}\n`);
    outcomes.push(await run());
    await render(`${url}\n`, 0o644);
    outcomes.push(await run());
    expect(outcomes.map((outcome) => outcome.done)).toEqual([false, false, false]);
    expect(outcomes.map((outcome) => outcome.detail)).toEqual([
      'lab/url does not hold the current url of secret/web/database (version 1)',
      'lab/url holds the url with other text around it: render the value alone',
      'lab/url holds the url, but others may read it (mode 644): perms = "0600"',
    ]);
  });

  it('is done for the value alone (a trailing newline is fine) in a 0600 file, and follows a rotation', async () => {
    await render(`${url}\n`);
    expect(await run()).toEqual({
      done: true,
      detail: 'lab/url holds the current url of secret/web/database (version 1), readable by you only',
    });
    await admin.write('secret/data/web/database', { data: { url: `${url}x` } });
    expect((await run()).detail).toBe('lab/url does not hold the current url of secret/web/database (version 2)');
  });
});

describe('the Vault Agent lesson', () => {
  it('shows only configuration that its hands-on step runs with a real Agent', async () => {
    const lesson = (await loadLessons()).find((candidate) => candidate.id === 'agent-sidecar')!;
    const step = lesson.steps.find((candidate) => candidate.id === 'agent-renders')!;
    const runs = extractCodeBlocks(step.instructions).find((block) => block.lang === 'sh')!.code;
    const shown = extractCodeBlocks(lesson.markdown).filter((block) => block.lang === 'hcl');
    expect(shown.length).toBeGreaterThanOrEqual(2);
    for (const block of shown) expect(runs).toContain(block.code.trim());
  });
});
