import { execFileSync } from 'node:child_process';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { GradeReport } from '../../src/grader/report.js';
import type { ProviderName } from '../../src/vault/provider.js';
import { selectProvider } from '../../src/vault/select.js';
import { usable } from '../helpers/expected.js';

/**
 * The providers the grader's slow suites run against. Add a provider here and every slow grader
 * test runs on it too. One that cannot start here is left out, with the reason, unless it is
 * expected on this machine (SECRETS_WORKBOOK_EXPECT_PROVIDERS, test/helpers/expected.ts): then the
 * suite fails. `docker` runs the pinned hashicorp/vault image (on this project's machines, the
 * local stand-in built by scripts/build-test-images.sh).
 */
export const GRADER_TEST_PROVIDERS: ProviderName[] = ['binary', 'embedded', 'docker'];

export async function availableProviders(): Promise<ProviderName[]> {
  const available: ProviderName[] = [];
  for (const name of GRADER_TEST_PROVIDERS) {
    // Available means it actually starts here, with an audit trail.
    const reason = await selectProvider(name)
      .then(async ({ provider }) => {
        const vault = await provider.start({ audit: true });
        await vault.stop();
        return vault.auditTrail ? '' : 'started without an audit trail';
      })
      .catch((error: Error) => error.message.split('\n')[0]!);
    if (usable(name, reason === '', reason)) available.push(name);
  }
  return available;
}

/** A temporary folder holding the given files (a learner's program made at test time). */
export async function programDir(files: Record<string, string>, parent?: string): Promise<string> {
  const dir = await mkdtemp(join(parent ?? tmpdir(), 'sw-program-'));
  for (const [name, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, name)), { recursive: true });
    await writeFile(join(dir, name), text);
  }
  return dir;
}

/**
 * Small Node programs for the corpus (plain fetch, no dependency, fast to start). `body` runs
 * with `login()`, `read(token, path)` (the JSON answer) and `data(token, path)` (data.data).
 */
export function nodeProgram(body: string): Record<string, string> {
  return {
    'main.mjs': `const addr = process.env.VAULT_ADDR;
async function login(roleId = process.env.VAULT_ROLE_ID, secretId = process.env.VAULT_SECRET_ID) {
  const response = await fetch(addr + '/v1/auth/approle/login', { method: 'POST', body: JSON.stringify({ role_id: roleId, secret_id: secretId }) });
  const json = await response.json();
  if (!json.auth) throw new Error('login failed: ' + response.status);
  return json.auth.client_token;
}
async function read(token, path) {
  const headers = token ? { 'X-Vault-Token': token } : {};
  const response = await fetch(addr + '/v1/' + path, { headers });
  return response.json();
}
async function data(token, path) {
  return (await read(token, path)).data.data;
}
${body}
`,
  };
}

/** The ids of the failed checks, sorted: what a "fails for the right reason" test compares. */
export function failedIds(report: GradeReport): string[] {
  return report.checks
    .filter((check) => !check.passed)
    .map((check) => check.id)
    .sort();
}

/** One check of a report, by id; a missing check is an error, not undefined. */
export function check(report: GradeReport, id: string) {
  const found = report.checks.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no check ${id}`);
  return found;
}

/** Whether a Go toolchain is here (the Go starters and solutions need one); required where expected. */
export const hasGo = (() => {
  try {
    execFileSync('go', ['version'], { stdio: 'ignore' });
    return true;
  } catch (error) {
    return usable('go', false, (error as Error).message.split('\n')[0]!);
  }
})();
