import { createSign, generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { extractCodeBlocks } from '../../src/course/code-blocks.js';
import { loadLessons } from '../../src/course/lessons.js';
import { VaultAdmin, VaultApiError } from '../../src/vault/admin-client.js';
import { BinaryProvider } from '../../src/vault/binary-provider.js';
import type { RunningVault } from '../../src/vault/provider.js';
import { startVault } from '../../src/vault/select.js';

/**
 * Lesson 9's GitHub OIDC example, run: the Vault-side JWT role exactly as the lesson shows it, on
 * a real server (bao; the embedded server has no JWT auth method). GitHub's token issuer is
 * replaced by a key made here — the one thing that needs the internet — and tokens shaped like
 * GitHub's are signed with it: the production deployment of the bound repository logs in, and a
 * job on another environment, of another repository, or for another audience does not.
 */
const availability = await new BinaryProvider().availability();
const lesson = (await loadLessons()).find((entry) => entry.id === 'environments-and-ci')!;
const blocks = extractCodeBlocks(lesson.markdown);
const roleCommand = blocks.find((block) => block.code.includes('auth/jwt/role/'))!.code;
const roleName = /auth\/jwt\/role\/([\w-]+)/.exec(roleCommand)![1]!;
const role = JSON.parse(roleCommand.slice(roleCommand.indexOf('{'), roleCommand.lastIndexOf('}') + 1));
const workflow = parseYaml(blocks.find((block) => block.code.includes('vault-action'))!.code);
const ISSUER = 'https://token.actions.githubusercontent.com';

const base64url = (data: string | Buffer) => Buffer.from(data).toString('base64url');

describe.skipIf(!availability.available)(`lesson 9's GitHub OIDC role on bao (${availability.reason})`, () => {
  let vault: RunningVault;
  let admin: VaultAdmin;
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const sign = (claims: Record<string, unknown>) => {
    const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: 'test' }));
    const body = base64url(JSON.stringify(claims));
    const signature = createSign('RSA-SHA256').update(`${header}.${body}`).sign(privateKey);
    return `${header}.${body}.${base64url(signature)}`;
  };
  /** A token shaped like the one GitHub gives the lesson's deploy job. */
  const githubToken = (changes: Record<string, unknown> = {}) => {
    const now = Math.floor(Date.now() / 1000);
    const repository = role.bound_claims.repository;
    return sign({
      iss: ISSUER,
      aud: workflow.jobs.deploy.steps[0].with.jwtGithubAudience,
      sub: `repo:${repository}:environment:${workflow.jobs.deploy.environment}`,
      repository,
      environment: workflow.jobs.deploy.environment,
      ref: 'refs/heads/main',
      iat: now,
      nbf: now - 5,
      exp: now + 300,
      ...changes,
    });
  };
  const login = (jwt: string) =>
    admin.write<unknown>('auth/jwt/login', { role: workflow.jobs.deploy.steps[0].with.role, jwt });

  beforeAll(async () => {
    ({ vault } = await startVault('binary', { audit: false }));
    admin = new VaultAdmin(vault.address, vault.rootToken);
    await admin.enableAuth('jwt', 'jwt');
    await admin.write('auth/jwt/config', {
      jwt_validation_pubkeys: [publicKey.export({ type: 'spki', format: 'pem' }).toString()],
      bound_issuer: ISSUER,
    });
    await admin.write(`auth/jwt/role/${roleName}`, role);
  });
  afterAll(async () => {
    await vault?.stop();
  });

  it('the workflow asks for the role the lesson creates', () => {
    expect(workflow.jobs.deploy.steps[0].with.role).toBe(roleName);
    expect(workflow.jobs.deploy.steps[0].with.method).toBe('jwt');
  });

  it('lets the bound repository in, in the bound environment, with only the role policy', async () => {
    const answer = await login(githubToken());
    expect(answer?.auth?.token_policies).toEqual(expect.arrayContaining(role.token_policies));
    expect(answer?.auth?.lease_duration).toBe(600);
  });

  for (const [title, changes] of [
    ['a job of the same repository in another environment', { environment: 'staging' }],
    ['a job of another repository', { repository: 'someone-else/backend' }],
    ['a token issued for another audience', { aud: 'https://github.com/someone-else' }],
  ] as const) {
    it(`refuses ${title}`, async () => {
      const refused = await login(githubToken(changes)).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(refused).toBeInstanceOf(VaultApiError);
      expect([400, 403]).toContain((refused as VaultApiError).status);
    });
  }
});
