import { Writable } from 'node:stream';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedServer, type EmbeddedServer } from '../../../src/vault/embedded/index.js';
import { compareObserved, Normaliser } from './conformance/normalise.js';
import { runScenario, type Observed, type Step, type Target, type Vars } from './conformance/runner.js';
import { baoPath, startDevBao, type DevBao } from './helpers/dev-bao.js';

/**
 * Random request sequences (KV v2 versioning, policies and what a token may then do, AppRole
 * roles and logins), each run against `bao server -dev` and the embedded server and compared
 * response by response. Each sequence works under its own prefix, so sequences do not interact.
 */
const bao = await baoPath();
/** Sequences per property; raise with FUZZ_RUNS for a longer hunt. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 40);

const KEYS = ['a', 'b', 'c/d'];
const key = fc.constantFrom(...KEYS);
const versions = fc.subarray([1, 2, 3, 4], { minLength: 0, maxLength: 3 });
const merge = { 'Content-Type': 'application/merge-patch+json' };

const kvStep = (): fc.Arbitrary<(p: string) => Step> =>
  fc.oneof(
    fc
      .record({
        k: key,
        v: fc.constantFrom('x', 'y', ''),
        cas: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
      })
      .map(({ k, v, cas }) => (p: string): Step => ({
        name: `write ${k}${cas === undefined ? '' : ` cas=${cas}`}`,
        method: 'POST',
        path: `secret/data/${p}/${k}`,
        body: { data: { v }, ...(cas === undefined ? {} : { options: { cas } }) },
      })),
    fc.record({ k: key, version: fc.integer({ min: 0, max: 4 }) }).map(({ k, version }) => (p: string): Step => ({
      name: `read ${k} v${version}`,
      method: 'GET',
      path: `secret/data/${p}/${k}?version=${version}`,
    })),
    key.map((k) => (p: string): Step => ({
      name: `patch ${k}`,
      method: 'PATCH',
      path: `secret/data/${p}/${k}`,
      body: { data: { w: 'z' } },
      headers: merge,
    })),
    key.map((k) => (p: string): Step => ({
      name: `delete latest ${k}`,
      method: 'DELETE',
      path: `secret/data/${p}/${k}`,
    })),
    fc
      .record({ k: key, op: fc.constantFrom('delete', 'undelete', 'destroy'), v: versions })
      .map(({ k, op, v }) => (p: string): Step => ({
        name: `${op} ${k} ${JSON.stringify(v)}`,
        method: 'POST',
        path: `secret/${op}/${p}/${k}`,
        body: { versions: v },
      })),
    key.map((k) => (p: string): Step => ({ name: `metadata ${k}`, method: 'GET', path: `secret/metadata/${p}/${k}` })),
    key.map((k) => (p: string): Step => ({ name: `subkeys ${k}`, method: 'GET', path: `secret/subkeys/${p}/${k}` })),
    fc.constantFrom('', 'c').map((folder) => (p: string): Step => ({
      name: `list ${folder || '/'}`,
      method: 'LIST',
      path: `secret/metadata/${p}/${folder}`,
    })),
    fc
      .record({ k: key, max: fc.integer({ min: 0, max: 3 }), cas: fc.boolean() })
      .map(({ k, max, cas }) => (p: string): Step => ({
        name: `metadata write ${k} max=${max} cas=${cas}`,
        method: 'POST',
        path: `secret/metadata/${p}/${k}`,
        body: { max_versions: max, cas_required: cas },
      })),
    key.map((k) => (p: string): Step => ({
      name: `metadata delete ${k}`,
      method: 'DELETE',
      path: `secret/metadata/${p}/${k}`,
    })),
  );

const CAPS = ['create', 'read', 'update', 'patch', 'delete', 'list', 'deny', 'sudo'];
const pattern = (p: string) =>
  fc.constantFrom(
    `secret/data/${p}/a`,
    `secret/data/${p}/*`,
    `secret/data/${p}/c/*`,
    `secret/data/+/c/d`,
    `secret/metadata/${p}/*`,
    `secret/metadata/${p}`,
    `secret/data/${p}/c/d`,
    'secret/*',
  );
const rule = (p: string) => fc.record({ path: pattern(p), caps: fc.subarray(CAPS, { minLength: 1, maxLength: 3 }) });

/** A policy, a token holding only it, then what that token may and may not do. */
const policySequence = (): fc.Arbitrary<(p: string) => Step[]> =>
  fc
    .tuple(
      fc.array(rule('§'), { minLength: 1, maxLength: 4 }),
      fc.array(fc.tuple(fc.constantFrom('GET', 'POST', 'LIST', 'DELETE', 'PATCH'), key), {
        minLength: 1,
        maxLength: 6,
      }),
    )
    .map(([rules, ops]) => (p: string) => {
      const text = rules
        .map((r) => `path "${r.path.replace('§', p)}" {\n  capabilities = ${JSON.stringify(r.caps)}\n}`)
        .join('\n');
      const token = (v: Vars) => v[`tok-${p}`] ?? 'missing';
      const steps: Step[] = [
        { name: 'seed a', method: 'POST', path: `secret/data/${p}/a`, body: { data: { v: '1' } } },
        { name: 'write policy', method: 'PUT', path: `sys/policies/acl/${p}`, body: { policy: text } },
        {
          name: 'token',
          method: 'POST',
          path: 'auth/token/create',
          body: { policies: [p], no_default_policy: true },
          save: (b, v) => (v[`tok-${p}`] = b.auth.client_token),
        },
        {
          name: 'capabilities',
          method: 'POST',
          path: 'sys/capabilities-self',
          token: () => null,
          body: { paths: KEYS.map((k) => `secret/data/${p}/${k}`).concat(`secret/metadata/${p}/a`) },
        },
      ];
      // capabilities-self needs the token itself.
      steps[3]!.token = token;
      for (const [method, k] of ops) {
        const path = method === 'LIST' ? `secret/metadata/${p}/` : `secret/data/${p}/${k}`;
        steps.push({
          name: `${method} ${k} with the policy`,
          method,
          path,
          token,
          body: method === 'POST' || method === 'PATCH' ? { data: { v: 'by-token' } } : undefined,
          headers: method === 'PATCH' ? merge : undefined,
        });
      }
      return steps;
    });

const ttl = fc.constantFrom<unknown>(0, 60, '1m', '2h', 'abc', -1, '90', '1d');
/**
 * Values the framework cannot convert. OpenBao reports the first failing field in Go map order,
 * which is random, so a generated request carries at most one of them.
 */
const INVALID = new Set<unknown>(['abc', -1, 'x', 'maybe']);
const approleSequence = (): fc.Arbitrary<(p: string) => Step[]> =>
  fc
    .tuple(
      fc
        .record(
          {
            token_ttl: ttl,
            token_max_ttl: ttl,
            secret_id_num_uses: fc.constantFrom<unknown>(0, 1, 2, -1, 'x'),
            secret_id_ttl: ttl,
            bind_secret_id: fc.constantFrom<unknown>(true, false, 'maybe'),
            token_policies: fc.constantFrom<unknown>('default', ['a', 'B'], 'x, y', ''),
            token_num_uses: fc.constantFrom<unknown>(0, 1, 3),
          },
          { requiredKeys: [] },
        )
        .filter((role) => Object.values(role).filter((value) => INVALID.has(value)).length <= 1),
      fc.record(
        { num_uses: fc.constantFrom(0, 1, 5), ttl: fc.constantFrom<unknown>(0, 30, '1h') },
        { requiredKeys: [] },
      ),
      fc.integer({ min: 1, max: 3 }),
    )
    .map(([role, secret, logins]) => (p: string) => {
      const steps: Step[] = [
        { name: 'role write', method: 'POST', path: `auth/approle/role/${p}`, body: role },
        { name: 'role read', method: 'GET', path: `auth/approle/role/${p}` },
        { name: 'role-id set', method: 'POST', path: `auth/approle/role/${p}/role-id`, body: { role_id: `${p}-id` } },
        {
          name: 'secret-id',
          method: 'POST',
          path: `auth/approle/role/${p}/secret-id`,
          body: secret,
          save: (b, v) => (v[`sid-${p}`] = b?.data?.secret_id ?? 'none'),
        },
      ];
      for (let i = 0; i < logins; i++) {
        steps.push({
          name: `login ${i + 1}`,
          method: 'POST',
          path: 'auth/approle/login',
          token: null,
          body: (v: Vars) => ({ role_id: `${p}-id`, secret_id: v[`sid-${p}`] }),
        });
      }
      steps.push({
        name: 'list secret-ids',
        method: 'LIST',
        path: `auth/approle/role/${p}/secret-id`,
        loose: ['keys'],
      });
      return steps;
    });

/** Token creation with random settings, then what the token says about itself and renewals. */
const tokenSequence = (): fc.Arbitrary<(p: string) => Step[]> =>
  fc
    .tuple(
      fc.record(
        {
          policies: fc.constantFrom<unknown>(['default'], ['a', 'B'], 'x,y', [], ['root']),
          ttl: fc.constantFrom<unknown>('1h', 60, '30m', 0, 'abc'),
          explicit_max_ttl: fc.constantFrom<unknown>('2h', 30, 0),
          // Not fewer than 5: a token whose last use ends in an error is revoked by the real
          // server in the background, so a lookup right after races with that revocation.
          num_uses: fc.constantFrom<unknown>(0, 5, 6),
          no_default_policy: fc.boolean(),
          renewable: fc.boolean(),
          display_name: fc.constantFrom('app', 'My App', 'x_y.z'),
          meta: fc.constantFrom<unknown>({ a: 'b' }, undefined),
        },
        { requiredKeys: [] },
      ),
      fc.array(fc.constantFrom<unknown>('1h', 10, '10m', 0, '3h'), { maxLength: 3 }),
      fc.boolean(),
    )
    .map(([create, increments, orphan]) => (p: string) => {
      const token = (v: Vars) => v[`tok-${p}`] ?? 'missing';
      const steps: Step[] = [
        {
          name: 'create',
          method: 'POST',
          path: orphan ? 'auth/token/create-orphan' : 'auth/token/create',
          body: create,
          save: (b, v) => (v[`tok-${p}`] = b?.auth?.client_token ?? 'none'),
        },
        { name: 'lookup-self', method: 'GET', path: 'auth/token/lookup-self', token },
      ];
      for (const increment of increments) {
        steps.push({
          name: `renew-self ${String(increment)}`,
          method: 'POST',
          path: 'auth/token/renew-self',
          token,
          body: { increment },
        });
      }
      steps.push({
        name: 'lookup by root',
        method: 'POST',
        path: 'auth/token/lookup',
        body: (v: Vars) => ({ token: token(v) }),
      });
      steps.push({ name: 'child', method: 'POST', path: 'auth/token/create', token, body: { policies: ['default'] } });
      steps.push({
        name: 'revoke',
        method: 'POST',
        path: 'auth/token/revoke',
        body: (v: Vars) => ({ token: token(v) }),
      });
      steps.push({ name: 'after revoke', method: 'GET', path: 'auth/token/lookup-self', token });
      return steps;
    });

/**
 * A real server measures elapsed time in nanoseconds, so a TTL capped by a max TTL comes out a
 * second short (with a "capped" warning) whenever a few milliseconds passed between creation and
 * renewal — on the real server's own timing, not the request. Such lease durations are compared
 * within 2 s and the capped-TTL warning is set aside.
 */
function withoutSubSecondTruncation(observed: Observed): Observed {
  const body = observed.body as { auth?: { lease_duration?: number } | null; warnings?: string[] | null } | string;
  if (!body || typeof body !== 'object') return observed;
  const copy = JSON.parse(JSON.stringify(body)) as typeof body & object;
  if (copy.auth && typeof copy.auth.lease_duration === 'number')
    copy.auth.lease_duration = Math.round(copy.auth.lease_duration / 10) * 10;
  if (Array.isArray(copy.warnings)) {
    copy.warnings = copy.warnings.filter(
      (warning) =>
        !/^TTL of ".*" exceeded the effective max_ttl of ".*"; TTL value is capped accordingly$/.test(warning),
    );
    if (copy.warnings.length === 0) copy.warnings = null;
  }
  return { ...observed, body: copy };
}

let real: DevBao;
let embedded: EmbeddedServer;
let sequence = 0;

describe.skipIf(!bao)('random request sequences: embedded vs bao server -dev', () => {
  beforeAll(async () => {
    real = await startDevBao();
    embedded = await startEmbeddedServer({
      rootToken: 'root',
      auditStdout: new Writable({ write: (_c, _e, done) => done() }),
    });
    for (const target of [real.address, embedded.address]) {
      await fetch(`${target}/v1/sys/auth/approle`, {
        method: 'POST',
        headers: { 'X-Vault-Token': 'root' },
        body: JSON.stringify({ type: 'approle' }),
      });
    }
  }, 60_000);
  afterAll(async () => {
    await real?.stop();
    await embedded?.stop();
  });

  const targets = (): [Target, Target] => [
    { address: real.address, rootToken: real.rootToken, advance: async () => undefined },
    { address: embedded.address, rootToken: embedded.rootToken, advance: async () => undefined },
  ];

  async function compare(make: (prefix: string) => Step[]): Promise<number> {
    const steps = make(`fz${++sequence}`);
    const [a, b] = targets();
    const realResults = (await runScenario(steps, a)).map(withoutSubSecondTruncation);
    const embeddedResults = (await runScenario(steps, b)).map(withoutSubSecondTruncation);
    const realN = new Normaliser();
    const embeddedN = new Normaliser();
    realResults.forEach((observed, i) => {
      const differences = compareObserved(observed, embeddedResults[i]!, realN, embeddedN);
      if (differences.length)
        throw new Error(
          `step ${i + 1} "${observed.name}" differs:\n  ${differences.join('\n  ')}\nsequence: ${JSON.stringify(steps.map((s) => [s.method, s.path, s.body]))}`,
        );
    });
    return realResults.length;
  }

  let requests = 0;
  it('KV v2 versioning sequences', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(kvStep(), { minLength: 4, maxLength: 16 }), async (makers) => {
        requests += await compare((p) => makers.map((make) => make(p)));
      }),
      { numRuns: RUNS },
    );
  }, 120_000);

  it('policies and what their tokens may do', async () => {
    await fc.assert(
      fc.asyncProperty(policySequence(), async (make) => {
        requests += await compare(make);
      }),
      { numRuns: RUNS },
    );
  }, 120_000);

  it('tokens: creation settings, lookups, renewals, children', async () => {
    await fc.assert(
      fc.asyncProperty(tokenSequence(), async (make) => {
        requests += await compare(make);
      }),
      { numRuns: RUNS },
    );
  }, 120_000);

  it('AppRole roles, secret IDs and logins', async () => {
    await fc.assert(
      fc.asyncProperty(approleSequence(), async (make) => {
        requests += await compare(make);
      }),
      { numRuns: RUNS },
    );
    console.log(`random sequences: ${requests} requests compared, all equal`);
    expect(requests).toBeGreaterThan(300);
  }, 120_000);
});
