import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPROLE_MOUNT } from '../../../src/classroom/layout.js';
import { takeClassLock } from '../../../src/classroom/lock.js';
import { VaultAdmin } from '../../../src/vault/admin-client.js';
import { cli } from '../helpers/class-vault.js';
import { attackProviders, startClass, type Class } from './class-fixture.js';

/**
 * Two `provision` runs at once (two terminals, two assistants) used to give every student two
 * working secret_ids and two handouts, the moved-aside one still able to join. Now one run holds
 * the class lock and the other stops before changing anything.
 */
const STUDENTS = Array.from({ length: 60 }, (_, index) => `s${String(index).padStart(3, '0')}`);

for (const provider of await attackProviders()) {
  describe(`concurrent provision (${provider})`, () => {
    let klass: Class;

    beforeAll(async () => {
      klass = await startClass(provider, ['first']);
      await writeFile(
        join(klass.work, 'big.csv'),
        `id,name,email\nfirst,first,\n${STUDENTS.map((id) => `${id},${id},`).join('\n')}\n`,
      );
    }, 120_000);
    afterAll(async () => klass?.stop());

    it('a run while another holds the class stops at once, with who holds it, changing nothing', async () => {
      const instructor = new VaultAdmin(klass.vault.address, klass.env.VAULT_TOKEN);
      const lock = await takeClassLock(instructor, 'provision');
      try {
        const blocked = await cli(['classroom', 'provision', '--roster', 'big.csv'], klass.env, klass.work);
        expect(blocked.exitCode).toBe(2);
        expect(blocked.stderr).toMatch(/^error: another provision is running on this class \(.* pid \d+, since /);
        expect(await klass.root.list(`auth/${APPROLE_MOUNT}/role`)).toEqual(['first']);
      } finally {
        await lock.release();
      }
    });

    it('two runs at once: every student ends with one secret_id and one handout', async () => {
      const runs = await Promise.all(
        [1, 2].map(() => cli(['classroom', 'provision', '--roster', 'big.csv'], klass.env, klass.work)),
      );
      const codes = runs.map((run) => run.exitCode).sort();
      // Either the second saw the first holding the class, or it started after the first ended.
      for (const run of runs)
        if (run.exitCode !== 0) expect(run.stderr).toMatch(/^error: another provision is running on this class/);
      expect(codes[0]).toBe(0);
      const handouts = await readdir(join(klass.work, 'handouts'));
      expect(handouts.filter((name) => name.includes('.replaced'))).toEqual([]);
      expect(handouts).toHaveLength(STUDENTS.length + 1);
      for (const id of STUDENTS)
        expect(await klass.root.list(`auth/${APPROLE_MOUNT}/role/${id}/secret-id`), id).toHaveLength(1);
    });

    it('a lock left by a run that died is taken over once its lease ran out', async () => {
      const past = new Date(Date.now() - 60_000).toISOString();
      const current = await klass.root.kvGet('secret', 'classroom/lock');
      await klass.root.kvPutCas(
        'secret',
        'classroom/lock',
        { holder: 'dead-host pid 1', command: 'provision', startedAt: past, expiresAt: past },
        current!.version,
      );
      const rerun = await cli(['classroom', 'provision', '--roster', 'big.csv'], klass.env, klass.work);
      expect(rerun.exitCode, rerun.stderr).toBe(0);
      expect(rerun.stdout).toMatch(
        /61 students in the roster: 0 added, 0 re-issued after a revoke, 61 already provisioned/,
      );
    });
  });
}
