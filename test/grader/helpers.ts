import { execFileSync } from 'node:child_process';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { GradeReport } from '../../src/grader/report.js';
import type { ProviderName } from '../../src/vault/provider.js';
import { selectProvider } from '../../src/vault/select.js';

/**
 * The providers the grader's slow suites run against. Add a provider here and every slow grader
 * test runs on it too; providers that are not available on this machine are left out (`docker`
 * without an engine).
 */
export const GRADER_TEST_PROVIDERS: ProviderName[] = ['binary', 'embedded'];

export async function availableProviders(): Promise<ProviderName[]> {
  const available: ProviderName[] = [];
  for (const name of GRADER_TEST_PROVIDERS) {
    // Available means it actually starts here (a provider can be present as a stub).
    const ok = await selectProvider(name)
      .then(async ({ provider }) => {
        const vault = await provider.start({ audit: true });
        await vault.stop();
        return vault.auditTrail !== undefined;
      })
      .catch(() => false);
    if (ok) available.push(name);
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

/** Whether a Go toolchain is here (the Go starters and solutions need one). */
export const hasGo = (() => {
  try {
    execFileSync('go', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
