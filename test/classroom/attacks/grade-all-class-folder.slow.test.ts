import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attackProviders, gradeAll, startClass, type Class } from './class-fixture.js';

/**
 * A hostile student during `classroom grade-all`: eve's program goes for the class folder the
 * instructor grades from — the root token file and an unseal key share `classroom init` wrote
 * there (by `../../` from its own folder and by the absolute path the test writes into its code),
 * another student's submission (read and overwrite), the other students' private copies in the
 * temp folder, and the instructor's token files (`~/.vault-token`, `VAULT_CONFIG_PATH`). Each
 * attempt must fail, and eve is still graded. What eve found is written to a drop folder outside
 * the class folder, where the test reads it.
 */
const ROOT_TOKEN = 's.root-token-of-the-class';
// Base64 as a real share is, made here so no secret-looking literal sits in the repository.
const KEY_SHARE = Buffer.from('share-of-the-unseal-key').toString('base64');
const INSTRUCTOR_TOKEN = 's.instructor-vault-token-file';
const CONFIG_SECRET = 'config-file-secret';

for (const provider of await attackProviders()) {
  describe(`classroom grade-all keeps the class folder from submissions (${provider})`, () => {
    let klass: Class;
    let drop: string;
    let home: string;
    beforeAll(async () => {
      klass = await startClass(provider, ['bob', 'eve']);
      const work = klass.work;
      drop = await mkdtemp(join(tmpdir(), 'sw-eve-drop-'));
      home = await mkdtemp(join(tmpdir(), 'sw-instructor-home-'));
      await writeFile(join(home, '.vault-token'), INSTRUCTOR_TOKEN);
      await writeFile(join(home, 'vault-config.hcl'), `token_helper = "${CONFIG_SECRET}"`);
      await writeFile(join(work, 'root.json'), JSON.stringify({ root_token: ROOT_TOKEN }));
      await mkdir(join(work, 'key-shares'));
      await writeFile(join(work, 'key-shares', 'share-1.json'), JSON.stringify({ unseal_keys_b64: [KEY_SHARE] }));
      await mkdir(join(work, 'submissions', 'bob'), { recursive: true });
      await writeFile(join(work, 'submissions', 'bob', 'app.sh'), '#!/bin/sh\necho bob\n', { mode: 0o755 });
      await mkdir(join(work, 'submissions', 'eve'));
      const attempts = [
        'cat "$(dirname "$0")/../../root.json"',
        'cat ../../root.json',
        `cat ${work}/root.json`,
        `cat ${work}/key-shares/share-1.json`,
        `cat ${work}/submissions/bob/app.sh`,
        `echo 'echo pwned-by-eve' >> ${work}/submissions/bob/app.sh`,
        `touch ${work}/planted-by-eve`,
        `cat ${tmpdir()}/sw-grade-all-*/bob/app.sh`,
        `echo 'echo pwned-by-eve' >> ${tmpdir()}/sw-grade-all-*/bob/app.sh`,
        `cat ${home}/.vault-token ${home}/vault-config.hcl`,
      ];
      const program = attempts.map((attempt) => `${attempt} >> ${drop}/found.txt 2>/dev/null`).join('\n');
      await writeFile(
        join(work, 'submissions', 'eve', 'app.sh'),
        `#!/bin/sh\n${program}\necho done >> ${drop}/found.txt\n`,
        {
          mode: 0o755,
        },
      );
    }, 120_000);
    afterAll(async () => {
      await klass?.stop();
      await rm(drop, { recursive: true, force: true });
      await rm(home, { recursive: true, force: true });
    });

    it("eve reads none of the class folder, another's submission or the instructor's token files, and is graded", async () => {
      const env = { ...klass.env, HOME: home, VAULT_CONFIG_PATH: join(home, 'vault-config.hcl') };
      const result = await gradeAll(klass, env, ['--timeout', '5', '--vault', provider]);
      expect(result.stderr).toBe('');
      expect(result.exitCode).toBe(0);
      expect(result.stdout).toMatch(/^eve: failing \(/m);
      expect(result.stdout).toMatch(/^bob: failing \(/m);
      // eve's program ran to its end: what it found is exactly nothing.
      expect(await readFile(join(drop, 'found.txt'), 'utf8')).toBe('done\n');
      expect(await readFile(join(klass.work, 'submissions', 'bob', 'app.sh'), 'utf8')).toBe('#!/bin/sh\necho bob\n');
      await expect(readFile(join(klass.work, 'planted-by-eve'))).rejects.toMatchObject({ code: 'ENOENT' });
      const recorded = await klass.root.kvGet('secret', 'classroom/verified/eve/approle');
      expect(recorded?.data).toMatchObject({ passed: false, report: { vault: provider } });
    }, 180_000);

    it('refuses a class folder that holds the home folder, in one line (exit 2)', async () => {
      const result = await gradeAll(klass, { ...klass.env, HOME: klass.work }, ['--vault', provider]);
      expect(result.exitCode).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr.trim()).toMatch(
        /^error: the submissions folder's parent .* holds your home or temp folder[^\n]+$/,
      );
    });
  });
}
