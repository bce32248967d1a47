import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { access, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadChallenge } from '../../src/course/challenges.js';
import { gradeChallenge } from '../../src/grader/index.js';
import type { GradeEvent, GradeReport } from '../../src/grader/report.js';
import { availableProviders, check, failedIds, programDir } from './helpers.js';

/**
 * Broken and hostile work for the vault-agent challenge, made at test time from the reference
 * solution: each fails for the named reason, on every available provider. The hostile apps try to
 * reach Vault behind Agent's back — with Agent's token from a sink file, through Agent's own
 * address found in its environment, or straight to the server — and must be caught.
 */
// This file's own temporary folder (vitest runs each file in its own process): the grades of other
// files running alongside make Agent folders too, and the last test looks only at this file's.
const ownTmp = await mkdtemp(join(tmpdir(), 'vault-agent-test-'));
process.env.TMPDIR = ownTmp;

const providers = await availableProviders();
const { summary } = await loadChallenge('vault-agent');
const solution = join(summary.dir, 'solutions', 'node');
const SOLUTION_CONFIG = await readFile(join(solution, 'agent.hcl'), 'utf8');
const SOLUTION_APP = await readFile(join(solution, 'main.js'), 'utf8');
const PACKAGE = await readFile(join(solution, 'package.json'), 'utf8');

const made: string[] = [];
afterAll(async () => {
  await Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true })));
  await rm(ownTmp, { recursive: true, force: true });
});

async function grade(
  provider: string,
  files: { config?: string | null; app?: string },
  events: GradeEvent[] = [],
  inform?: (app: ProcessInfo, all: ProcessInfo[]) => string[],
): Promise<{ report: GradeReport; dir: string }> {
  const config = files.config === undefined ? SOLUTION_CONFIG : files.config;
  const dir = await programDir({
    'package.json': PACKAGE,
    'main.js': files.app ?? SOLUTION_APP,
    ...(config === null ? {} : { 'agent.hcl': config }),
  });
  made.push(dir);
  const stopInforming = inform ? informer(dir, inform) : () => undefined;
  try {
    const report = await gradeChallenge({
      challengeId: 'vault-agent',
      dir,
      vault: provider as 'binary',
      timeoutSeconds: 40,
      onEvent: (event) => events.push(event),
    });
    return { report, dir };
  } finally {
    stopInforming();
  }
}

/** The solution's configuration with a token sink: a file in Agent's folder any same-user process can read. */
const WITH_SINK = SOLUTION_CONFIG.replace(
  /auto_auth \{\n/,
  'auto_auth {\n  sink "file" {\n    config = { path = "agent-token" }\n  }\n',
);

/**
 * An app that takes Agent's token from the sink and reads Vault itself, printing the fingerprint it
 * would use. The grader's sandbox hides other processes' /proc from it, so the addresses come from
 * an attacker's helper outside the sandbox (`informer`, below): one per line in `target.txt` next
 * to the app; it tries each until one answers.
 */
const READS_VAULT_ITSELF = `import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
const fingerprint = (value) => createHash('sha256').update(value, 'utf8').digest('hex').slice(0, 12);
const folder = dirname(process.env.DATABASE_URL_FILE);
const targetFile = join(dirname(fileURLToPath(import.meta.url)), 'target.txt');
while (!existsSync(targetFile)) await sleep(100);
const targets = readFileSync(targetFile, 'utf8').split('\\n').filter(Boolean);
const token = readFileSync(join(folder, 'agent-token'), 'utf8').trim();
console.log(targets.length > 0 ? 'found an address' : 'found no address');
let current;
for (;;) {
  for (const target of targets) {
    try {
      const response = await fetch(target + '/v1/secret/data/agent/database', { headers: { 'X-Vault-Token': token } });
      console.log('vault answered ' + response.status);
      if (response.ok) {
        const url = (await response.json()).data.data.url;
        if (url !== current) { current = url; console.log('database url fingerprint=' + fingerprint(url)); }
      }
    } catch (error) { console.log('no answer: ' + error.message); }
  }
  await sleep(1000);
}
`;

interface ProcessInfo {
  pid: number;
  ppid: number;
  cmdline: string;
  environ: string[];
  cwd: string;
}

function hostProcesses(): ProcessInfo[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .flatMap((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        return [
          {
            pid: Number(pid),
            ppid: Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]),
            cmdline: readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' '),
            environ: readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0'),
            cwd: readlinkSync(`/proc/${pid}/cwd`),
          },
        ];
      } catch {
        return [];
      }
    });
}

/** Agent's own address: from the environment of the Agent running in this app's Agent folder. */
function throughAgentsAddress(app: ProcessInfo, all: ProcessInfo[]): string[] {
  const folder = dirname(app.environ.find((line) => line.startsWith('DATABASE_URL_FILE='))?.slice(18) ?? '');
  const agent = all.find((p) => / agent -config=/.test(p.cmdline) && p.cwd === folder);
  const address = agent?.environ.find((line) => line.startsWith('VAULT_ADDR='))?.slice(11);
  return address ? [address] : [];
}

/** The grading servers themselves: every dev server this test process started (the app tries each). */
function straightToTheServer(_app: ProcessInfo, all: ProcessInfo[]): string[] {
  return all
    .filter((p) => / server -dev /.test(p.cmdline) && p.ppid === process.pid)
    .flatMap((p) => {
      const port = /-dev-listen-address=[^ ]*:(\d+)/.exec(p.cmdline)?.[1];
      return port ? [`http://127.0.0.1:${port}`] : [];
    });
}

/**
 * The attacker's helper outside the sandbox: finds the app started in `dir` and writes the
 * addresses `find` names next to it, once.
 */
function informer(dir: string, find: (app: ProcessInfo, all: ProcessInfo[]) => string[]): () => void {
  const timer = setInterval(() => {
    const all = hostProcesses();
    const app = all.find((p) => p.cwd === dir && / main\.js/.test(p.cmdline));
    if (!app) return;
    const targets = find(app, all);
    if (targets.length === 0) return;
    writeFileSync(join(dir, 'target.txt'), targets.join('\n') + '\n');
    clearInterval(timer);
  }, 100);
  return () => clearInterval(timer);
}

function processesWith(marker: string): string[] {
  const out = execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' });
  return out.split('\n').filter((line) => line.includes(marker) && !line.includes('ps -eo'));
}

describe.skipIf(providers.length === 0)('vault-agent: broken and hostile work fails for the named reason', () => {
  for (const provider of providers) {
    it.concurrent(`${provider}: Agent told to keep the secret-id file fails secret-id-removed only`, async () => {
      const config = SOLUTION_CONFIG.replace(
        'remove_secret_id_file_after_reading = true',
        'remove_secret_id_file_after_reading = false',
      );
      expect(config).not.toBe(SOLUTION_CONFIG);
      const { report } = await grade(provider, { config });
      expect(failedIds(report)).toEqual(['secret-id-removed']);
      expect(check(report, 'secret-id-removed').detail).toMatch(/still there after Agent had logged in/);
      expect(check(report, 'secret-id-removed').hint).toMatch(/remove_secret_id_file_after_reading/);
    });

    it.concurrent(`${provider}: a template with the wrong path renders nothing, and nothing follows`, async () => {
      const config = SOLUTION_CONFIG.replace('secret/data/agent/database', 'secret/data/agent/databse');
      expect(config).not.toBe(SOLUTION_CONFIG);
      const { report } = await grade(provider, { config });
      expect(failedIds(report)).toEqual(['app-follows', 'read-database-url', 'render-follows', 'renders']);
      expect(check(report, 'read-database-url').detail).toMatch(/secret\/data\/agent\/databse.*refused/);
      expect(check(report, 'renders').hint).toContain('secret/data/agent/database');
    });

    it.concurrent(
      `${provider}: an app that reads Agent's token and asks Vault at Agent's address is refused and caught`,
      async () => {
        const { report } = await grade(
          provider,
          { config: WITH_SINK, app: READS_VAULT_ITSELF },
          [],
          throughAgentsAddress,
        );
        expect(failedIds(report)).toEqual(['app-follows', 'only-agent']);
        expect(check(report, 'only-agent').detail).toMatch(
          /^pid \d+ \(node main\.js\), not Agent, connected to Agent's Vault address$/,
        );
      },
    );

    it.concurrent(`${provider}: no agent.hcl is one clear failure, and the app is still judged`, async () => {
      const { report } = await grade(provider, { config: null });
      expect(check(report, 'agent-runs').passed).toBe(false);
      expect(check(report, 'agent-runs').detail).toMatch(/^there is no agent\.hcl in /);
      expect(failedIds(report)).toEqual(
        [
          'agent-runs',
          'app-follows',
          'login',
          'read-database-url',
          'render-follows',
          'renders',
          'secret-id-removed',
        ].sort(),
      );
    });

    it.concurrent(`${provider}: a configuration Agent rejects fails agent-runs with Agent's own words`, async () => {
      const { report } = await grade(provider, { config: 'auto_auth {\n  method "approle" {}\n}\n' });
      expect(check(report, 'agent-runs').passed).toBe(false);
      expect(check(report, 'agent-runs').detail).toMatch(
        /agent exited with status 1 before the grader was done; its last output line: ".+"/,
      );
    });

    it.concurrent(`${provider}: an app that reads the file once and exits fails app-follows and exit`, async () => {
      const app = `import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
const url = readFileSync(process.env.DATABASE_URL_FILE, 'utf8').trim();
console.log('database url fingerprint=' + createHash('sha256').update(url).digest('hex').slice(0, 12));
`;
      const { report } = await grade(provider, { app });
      expect(failedIds(report)).toEqual(['app-follows', 'exit']);
      expect(check(report, 'exit').detail).toMatch(/^it exited with status 0 after/);
    });

    it.concurrent(`${provider}: whatever Agent's configuration starts dies with the grade`, async () => {
      const marker = `sw-agent-child-${provider}-${process.pid}`;
      const started = join(tmpdir(), `${marker}.started`);
      made.push(started);
      // A template's exec runs after each render: here, a background sleep that would outlive Agent.
      const config = SOLUTION_CONFIG.replace(
        'perms       = "0600"',
        `perms       = "0600"\n  exec {\n    command = ["sh", "-c", "touch ${started}; (exec -a ${marker} sleep 300) >/dev/null 2>&1 &"]\n  }`,
      );
      expect(config).not.toBe(SOLUTION_CONFIG);
      const { report } = await grade(provider, { config });
      expect(failedIds(report)).toEqual([]);
      await expect(access(started)).resolves.toBeUndefined();
      expect(processesWith(marker)).toEqual([]);
    });
  }

  it.runIf(providers.includes('binary'))(
    'binary: an app that goes straight to the server is caught by the audit trail',
    async () => {
      const { report } = await grade('binary', { config: WITH_SINK, app: READS_VAULT_ITSELF }, [], straightToTheServer);
      expect(failedIds(report)).toEqual(['only-agent']);
      expect(check(report, 'only-agent').detail).toMatch(/request\(s\) reached Vault without going through Agent/);
    },
  );

  it('leaves no Agent folder behind', async () => {
    expect(tmpdir()).toBe(ownTmp);
    const left = (await readdir(ownTmp)).filter((name) => name.startsWith('sw-agent-') && !name.endsWith('.started'));
    expect(left).toEqual([]);
  });
});
