import { rm } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { gradeChallenge } from '../../src/grader/index.js';
import type { GradeEvent } from '../../src/grader/report.js';
import { availableProviders, nodeProgram, programDir, failedIds as failed, check } from './helpers.js';

/**
 * Broken log-scrubbing programs, made at test time: each fails for the named reason. (The
 * reference solutions and starters are graded in solutions.slow.test.ts.)
 */
const providers = await availableProviders();
const made: string[] = [];
afterAll(async () => {
  await Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** Reads the five values with their versions and logs correct startup lines through `log`. */
const startup = `import { createHash } from 'node:crypto';
const token = await login();
const values = new Map();
const versions = new Map();
for (const [path, keys] of [['logs/database', ['password']], ['logs/partner', ['access_token', 'refresh_token']], ['logs/tls', ['certificate', 'private_key']]]) {
  const answer = (await read(token, 'secret/data/' + path)).data;
  for (const key of keys) { values.set(path + '#' + key, answer.data[key]); versions.set(path + '#' + key, answer.metadata.version); }
}
const fingerprint = (value) => createHash('sha256').update(value).digest('hex').slice(0, 12);
let log = (line) => console.log(line);
const announce = () => { for (const [name, value] of values) log('loaded ' + name + ' version=' + versions.get(name) + ' fingerprint=' + fingerprint(value)); };
let n = 0;
const serve = () => setInterval(() => log('request ' + ++n + ' GET /v1/orders status=200'), 100);
`;

async function grade(body: string, provider: string, options: { timeoutSeconds?: number; events?: GradeEvent[] } = {}) {
  const dir = await programDir(nodeProgram(`${startup}${body}`));
  made.push(dir);
  return gradeChallenge({
    challengeId: 'log-scrubbing',
    dir,
    vault: provider as 'binary',
    timeoutSeconds: options.timeoutSeconds ?? 20,
    onEvent: (event) => options.events?.push(event),
  });
}

describe.skipIf(providers.length === 0)('log-scrubbing: broken programs fail for the right reason', () => {
  for (const provider of providers) {
    it.concurrent(`${provider}: right startup and request lines, and nothing else, pass`, async () => {
      const report = await grade('announce();\nserve();', provider);
      expect(failed(report)).toEqual([]);
      expect(check(report, 'startup-lines').detail).toBe(
        '5 startup lines, each with the version read and a fingerprint that matches the value',
      );
    });

    it.concurrent(
      `${provider}: a program that logs a secret in base64 fails no-leak, and the line is hidden`,
      async () => {
        const events: GradeEvent[] = [];
        const report = await grade(
          `announce();\nconsole.log('debug db=' + Buffer.from(values.get('logs/database#password')).toString('base64'));\nserve();`,
          provider,
          { events },
        );
        expect(failed(report)).toEqual(['no-leak']);
        expect(check(report, 'no-leak').detail).toMatch(/secret\/logs\/database password \(base64\) on stdout/);
        const shown = events.flatMap((event) => (event.type === 'program-output' ? [event.line] : []));
        expect(shown.filter((line) => line.startsWith('debug'))).toEqual([]);
        expect(shown.some((line) => line.includes('line hidden by the grader'))).toBe(true);
      },
    );

    it.concurrent(`${provider}: a program that logs one line of the PEM key fails no-leak (partial)`, async () => {
      const report = await grade(
        `announce();\nconsole.error('tls key starts: ' + values.get('logs/tls#private_key').split('\\n')[1]);\nserve();`,
        provider,
      );
      expect(failed(report)).toEqual(['no-leak']);
      expect(check(report, 'no-leak').detail).toMatch(/secret\/logs\/tls private_key \(partial\) on stderr/);
      expect(check(report, 'no-leak').hint).toMatch(/One line of a multi-line value/);
    });

    it.concurrent(
      `${provider}: a redactor that uses the values as regexes crashes, and its error message leaks the value`,
      async () => {
        const report = await grade(
          `log = (line) => { for (const value of values.values()) line = line.replace(new RegExp(value, 'g'), '[REDACTED]'); console.log(line); };\nannounce();\nserve();`,
          provider,
        );
        expect(failed(report)).toEqual(['exit', 'no-leak', 'request-lines', 'startup-lines']);
        expect(check(report, 'exit').detail).toMatch(
          /exited with status 1 after reading every secret; its last output line: "\[line hidden by the grader/,
        );
        expect(check(report, 'no-leak').detail).toMatch(/on stderr/);
      },
    );

    it.concurrent(
      `${provider}: a program that logs version 1 for everything fails startup-lines with the metadata hint`,
      async () => {
        const report = await grade(
          `for (const name of versions.keys()) versions.set(name, 1);\nannounce();\nserve();`,
          provider,
        );
        expect(failed(report)).toEqual(['startup-lines']);
        expect(check(report, 'startup-lines').detail).toMatch(
          /^logs\/database#password: version=1, but the version it read is 3; logs\/tls#certificate: version=1, but the version it read is 2/,
        );
        expect(check(report, 'startup-lines').hint).toMatch(/data\.metadata\.version/);
      },
    );

    it.concurrent(
      `${provider}: a program that never logs a request is stopped at the timeout and fails only request-lines`,
      async () => {
        const report = await grade('announce();\nsetInterval(() => {}, 1000);', provider, { timeoutSeconds: 3 });
        expect(failed(report)).toEqual(['request-lines']);
        expect(check(report, 'request-lines').detail).toBe('no "request <n>" line was seen');
        expect(check(report, 'exit').detail).toMatch(/still running at the 3 s timeout, after every read/);
      },
    );
  }
});
