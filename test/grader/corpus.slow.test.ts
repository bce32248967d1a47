import { execFileSync } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gradeChallenge } from '../../src/grader/index.js';
import type { GradeEvent } from '../../src/grader/report.js';
import { randomBase62 } from '../../src/util/random.js';
import { availableProviders, nodeProgram, programDir, failedIds, check } from './helpers.js';

/**
 * A corpus of broken programs, made at test time (no realistic secret is committed): each fails
 * for the right check with the right hint, and the programs that should pass do.
 */
const providers = await availableProviders();
const made: string[] = [];
afterAll(async () => {
  await Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function grade(
  challenge: string,
  files: Record<string, string>,
  options: { provider: string; timeoutSeconds?: number; onEvent?: (event: GradeEvent) => void },
) {
  const dir = await programDir(files);
  made.push(dir);
  return gradeChallenge({
    challengeId: challenge,
    dir,
    // Three reads in a plain Vault app: the mini project's secrets without its two parts.
    challengesRoot: challenge === 'three-secrets' ? THREE_SECRETS_ROOT : undefined,
    vault: options.provider as 'binary',
    timeoutSeconds: options.timeoutSeconds ?? 20,
    onEvent: options.onEvent,
  });
}

const THREE_SECRETS_ROOT = join(import.meta.dirname, '..', 'fixtures', 'grader', 'challenges');

const readAllMini = `const token = await login();
const database = await data(token, 'secret/data/mini/database');
const api = await data(token, 'secret/data/mini/api');
const tls = await data(token, 'secret/data/mini/tls');`;

describe.skipIf(providers.length === 0)('broken programs fail for the right reason', () => {
  for (const provider of providers) {
    it.concurrent(`${provider}: a hard-coded password that never contacts Vault`, async () => {
      // Built at run time so no password-looking literal sits in this repository.
      const fake = `fixture-${randomBase62(16)}`;
      const report = await grade(
        'approle',
        { 'app.py': `DB_PASSWORD = "${fake}"\n\nprint("connected to the database")\n` },
        { provider },
      );
      expect(failedIds(report)).toEqual(['login', 'no-hardcoded-secret', 'read-password']);
      expect(check(report, 'login').hint).toMatch(/never contacted Vault/);
      expect(check(report, 'no-hardcoded-secret').detail).toMatch(/app\.py:1/);
      expect(JSON.stringify(report)).not.toContain(fake);
    });

    it.concurrent(`${provider}: a program that prints the secret`, async () => {
      const report = await grade(
        'approle',
        nodeProgram(
          `const token = await login();\nconst { password } = await data(token, 'secret/data/database/backend');\nconsole.log('the password is ' + password);`,
        ),
        { provider },
      );
      expect(failedIds(report)).toEqual(['no-leak']);
      expect(check(report, 'no-leak').detail).toMatch(/secret\/database\/backend password \(as is\) on stdout/);
      expect(check(report, 'no-leak').hint).toMatch(/Never print a secret/);
    });

    it.concurrent(`${provider}: a program that prints it in base64, hidden from the shown output too`, async () => {
      const events: GradeEvent[] = [];
      const report = await grade(
        'approle',
        nodeProgram(
          `const token = await login();\nconst { password } = await data(token, 'secret/data/database/backend');\nconsole.log('debug: ' + Buffer.from('x' + password).toString('base64'));`,
        ),
        { provider, onEvent: (event) => events.push(event) },
      );
      expect(failedIds(report)).toEqual(['no-leak']);
      expect(check(report, 'no-leak').detail).toMatch(/\(base64\)/);
      const shown = events.filter((event) => event.type === 'program-output');
      expect(shown).toHaveLength(1);
      expect(shown[0]).toMatchObject({ line: expect.stringMatching(/line hidden/) });
    });

    it.concurrent(`${provider}: a program that reads two of three secrets`, async () => {
      const report = await grade(
        'three-secrets',
        nodeProgram(
          `const token = await login();\nawait data(token, 'secret/data/mini/database');\nawait data(token, 'secret/data/mini/api');\nconsole.log('ready');`,
        ),
        { provider },
      );
      expect(failedIds(report)).toEqual(['read-tls']);
      expect(check(report, 'read-tls').detail).toMatch(/no request for secret\/data\/mini\/tls/);
      expect(check(report, 'read-tls').hint).toMatch(/secret\/data\/mini\/tls/);
    });

    it.concurrent(`${provider}: a program that uses a KV v1 path (hvac's kv.v1)`, async () => {
      const report = await grade(
        'approle',
        {
          'app.py': `import os\nimport hvac\n\nclient = hvac.Client(url=os.environ["VAULT_ADDR"])\nclient.auth.approle.login(role_id=os.environ["VAULT_ROLE_ID"], secret_id=os.environ["VAULT_SECRET_ID"])\nsecret = client.secrets.kv.v1.read_secret(path="database/backend", mount_point="secret")\nprint(len(secret["data"]["password"]))\n`,
        },
        { provider },
      );
      expect(failedIds(report)).toEqual(['exit', 'read-password']);
      expect(check(report, 'read-password').detail).toMatch(
        /asked for secret\/database\/backend .*not secret\/data\/database\/backend/,
      );
      expect(check(report, 'read-password').hint).toMatch(/KV v1 path without \/data\//);
      expect(check(report, 'exit').detail).toMatch(
        /exited with status 1; its last output line: "hvac\.exceptions\.Forbidden/,
      );
    });

    it.concurrent(`${provider}: a program that never logs in`, async () => {
      const report = await grade(
        'approle',
        nodeProgram(
          `const answer = await read(process.env.VAULT_TOKEN, 'secret/data/database/backend');\nconsole.log(answer.errors ? 'no luck' : 'read it');`,
        ),
        { provider },
      );
      expect(failedIds(report)).toEqual(['login', 'read-password']);
      expect(check(report, 'login').detail).toMatch(/1 request reached Vault .*none was an AppRole login/);
      expect(check(report, 'login').hint).toMatch(/A login that never happened.*There is no VAULT_TOKEN/);
      expect(check(report, 'read-password').detail).toMatch(/without a token/);
    });

    it.concurrent(`${provider}: a program that hangs is stopped at the timeout, with its children`, async () => {
      const marker = `299.${Math.floor(Math.random() * 1e6)}`;
      let started = false;
      const report = await grade(
        'approle',
        nodeProgram(
          `import { spawn } from 'node:child_process';\nspawn('sleep', ['${marker}'], { stdio: 'ignore' });\nsetInterval(() => {}, 1000);`,
        ),
        {
          provider,
          timeoutSeconds: 2,
          onEvent: (event) => {
            if (event.type === 'status' && event.message.startsWith('running:')) started = true;
          },
        },
      );
      // How soon after the timeout the report comes is measured in bench/grader-limits.ts.
      expect(started).toBe(true);
      expect(failedIds(report)).toEqual(['exit', 'login', 'read-password']);
      expect(check(report, 'exit').detail).toMatch(/still running after the 2 s timeout, before sending any request/);
      expect(check(report, 'login').hint).toMatch(/A timeout before any request/);
      const survivors = execFileSync('ps', ['-eo', 'args'])
        .toString()
        .split('\n')
        .filter((line) => line.includes(marker));
      expect(survivors).toEqual([]);
    });

    it.concurrent(`${provider}: a program that crashes after reading`, async () => {
      const report = await grade(
        'approle',
        nodeProgram(
          `const token = await login();\nawait data(token, 'secret/data/database/backend');\nthrow new Error('could not connect to the database');`,
        ),
        { provider },
      );
      expect(failedIds(report)).toEqual(['exit']);
      expect(check(report, 'exit').detail).toMatch(/exited with status 1 after reading every secret/);
      expect(check(report, 'exit').detail).toMatch(/could not connect to the database/);
    });

    it.concurrent(`${provider}: a program that reads the wrong variable name`, async () => {
      const report = await grade(
        'approle',
        nodeProgram(
          `const token = await login(process.env.ROLE_ID || null);\nawait data(token, 'secret/data/database/backend');`,
        ),
        { provider },
      );
      expect(failedIds(report)).toEqual(['exit', 'login', 'read-password']);
      expect(check(report, 'login').detail).toMatch(/without a role_id/);
      expect(check(report, 'login').hint).toMatch(
        /A wrong variable name: main\.mjs:\d+ reads ROLE_ID, which is not set; the grader sets VAULT_ROLE_ID/,
      );
    });

    it.concurrent(`${provider}: a program with a hard-coded address instead of VAULT_ADDR`, async () => {
      const files = nodeProgram(`const token = await login();\nawait data(token, 'secret/data/database/backend');`);
      files['main.mjs'] = files['main.mjs']!.replace('process.env.VAULT_ADDR', "'http://127.0.0.1:8200'");
      const report = await grade('approle', files, { provider });
      expect(failedIds(report)).toEqual(['exit', 'login', 'read-password']);
      expect(check(report, 'login').hint).toMatch(
        /A hard-coded address instead of VAULT_ADDR: main\.mjs:1 uses http:\/\/127\.0\.0\.1:8200/,
      );
    });

    it.concurrent(`${provider}: a server that reads on startup and keeps running passes`, async () => {
      const report = await grade(
        'three-secrets',
        nodeProgram(
          `import { createServer } from 'node:http';\n${readAllMini}\ncreateServer((request, response) => response.end('ok')).listen(0, '127.0.0.1', () => console.log('listening'));`,
        ),
        { provider },
      );
      expect(failedIds(report)).toEqual([]);
      expect(check(report, 'exit').detail).toMatch(/still running when every read had been seen/);
    });

    it.concurrent(`${provider}: a program that writes 20 MB to stdout and reads correctly passes`, async () => {
      let shown = 0;
      const report = await grade(
        'three-secrets',
        nodeProgram(
          `${readAllMini}\nconst line = 'x'.repeat(99) + '\\n';\nconst block = line.repeat(10_000);\nfor (let i = 0; i < 20; i++) { if (!process.stdout.write(block)) await new Promise((resolve) => process.stdout.once('drain', resolve)); }`,
        ),
        { provider, onEvent: (event) => event.type === 'program-output' && shown++ },
      );
      expect(failedIds(report)).toEqual([]);
      // The display is capped; the leak check still saw everything.
      expect(shown).toBeLessThanOrEqual(200);
    });

    it.concurrent(`${provider}: two grades at once do not interfere`, async () => {
      const [good, leaky, other] = await Promise.all([
        grade(
          'approle',
          nodeProgram(`const token = await login();\nawait data(token, 'secret/data/database/backend');`),
          { provider },
        ),
        grade(
          'approle',
          nodeProgram(
            `const token = await login();\nconst { password } = await data(token, 'secret/data/database/backend');\nconsole.log(password);`,
          ),
          { provider },
        ),
        grade('three-secrets', nodeProgram(readAllMini), { provider }),
      ]);
      expect(failedIds(good)).toEqual([]);
      expect(failedIds(leaky)).toEqual(['no-leak']);
      expect(failedIds(other)).toEqual([]);
    });
  }
});
