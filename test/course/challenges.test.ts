import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  loadChallenge,
  loadChallengeSummaries,
  loadChallenges,
  loadVaultChallenge,
} from '../../src/course/challenges.js';
import { LOG_CHECK_IDS } from '../../src/course/challenge-schema.js';
import { PROJECT_CHECK_IDS } from '../../src/course/project-schema.js';
import {
  isScannerChallenge,
  isVaultAppChallenge,
  SCANNER_CHECK_IDS,
} from '../../src/course/scanner-challenge-schema.js';
import { CORPUS_CATEGORIES } from '../../src/scanner/index.js';
import { SCENARIO_CHECK_IDS } from '../../src/course/scenario-schema.js';
import { UserError } from '../../src/util/errors.js';

const temps: string[] = [];
afterEach(async () => {
  await Promise.all(temps.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function challengeRoot(yaml: string, id = 'broken'): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'sw-challenges-'));
  temps.push(root);
  await mkdir(join(root, id));
  await writeFile(join(root, id, 'challenge.yaml'), yaml);
  return root;
}

describe('challenge loader', () => {
  it('loads the shipped challenges in course order, as summaries the UI can list', async () => {
    const summaries = await loadChallengeSummaries();
    const orders = summaries.map((summary) => [summary.id, summary.order]);
    expect(orders).toEqual(
      expect.arrayContaining([
        ['approle', 1],
        ['mini-project', 2],
        ['orchestrator', 3],
        ['rotation', 4],
        ['log-scrubbing', 5],
        ['scanner', 6],
      ]),
    );
    expect(orders.map(([, order]) => order)).toEqual(
      [...orders.map(([, order]) => order)].sort((a, b) => Number(a) - Number(b)),
    );
    for (const summary of summaries) {
      expect(summary.starters).toEqual(['python', 'node', 'go']);
      expect(summary.solutions.slice(0, 3)).toEqual(['python', 'node', 'go']);
      expect(summary.hints.map((hint) => hint.level)).toEqual(['nudge', 'concept', 'near-solution']);
      // Hands-on steps run against the playground Vault; the scanner challenge has none.
      if (summary.id === 'scanner') expect(summary.setup).toEqual([]);
      else expect(summary.setup.length).toBeGreaterThan(0);
      expect(summary.summary.length).toBeGreaterThan(20);
    }
    expect(summaries.find((summary) => summary.id === 'scanner')!.solutions).toContain('shell');
  });

  it('each README names the exact paths, the variables and every check, and says which checks the starter still fails', async () => {
    for (const { definition, readme } of await loadChallenges()) {
      if (!isVaultAppChallenge(definition)) continue;
      for (const variable of ['VAULT_ADDR', 'VAULT_ROLE_ID', 'VAULT_SECRET_ID']) expect(readme).toContain(variable);
      for (const read of definition.reads) {
        expect(readme).toContain(`${definition.mount}/data/${read.path}`);
        expect(readme).toContain(`\`${read.id}\``);
      }
      for (const id of [
        'login',
        'exit',
        'no-leak',
        'no-hardcoded-secret',
        'no-committed-env',
        ...(definition.logs ? LOG_CHECK_IDS : []),
        ...(definition.project ? [...PROJECT_CHECK_IDS, ...definition.setup.map((step) => step.id)] : []),
      ])
        expect(readme).toContain(`\`${id}\``);
      if (definition.project)
        for (const variable of ['VAULT_TOKEN', 'PORT']) expect(readme).toContain(`\`${variable}\``);
      const starterParagraph = readme.slice(readme.indexOf('**The starter**'));
      expect(starterParagraph).not.toBe(readme);
      for (const id of definition.starter.failing) expect(starterParagraph.split('\n\n')[0]).toContain(`\`${id}\``);
    }
  });

  it('the scanner README states the output contract and names every check; its starter paragraph names the failing ones', async () => {
    const { definition, readme } = await loadChallenge('scanner');
    if (!isScannerChallenge(definition)) throw new Error('scanner is kind: scanner');
    expect(readme).toContain('<path>:<line>:<category>');
    for (const id of SCANNER_CHECK_IDS) expect(readme).toContain(`\`${id}\``);
    for (const category of CORPUS_CATEGORIES) expect(readme).toContain(`\`${category}\``);
    const starterParagraph = readme.slice(readme.indexOf('**The starter**')).split('\n\n')[0]!;
    for (const id of definition.starter.failing) expect(starterParagraph).toContain(`\`${id}\``);
  });

  it('gives the least-privilege policy one read rule per required path and nothing else', async () => {
    for (const { definition } of await loadChallenges()) {
      if (!isVaultAppChallenge(definition)) continue;
      const paths = [...definition.policy.rules.matchAll(/path "([^"]+)"/g)].map((match) => match[1]);
      // The dynamic-TLS app also issues its certificate: update on its one role's issue path.
      const pki = definition.scenario?.type === 'pki' ? definition.scenario : undefined;
      const issuePath = pki ? [`${pki.mount}/issue/${pki.role}`] : [];
      expect(paths.sort()).toEqual(
        [...definition.reads.map((read) => `${definition.mount}/data/${read.path}`), ...issuePath].sort(),
      );
      const rules = pki
        ? definition.policy.rules.replace(`path "${issuePath[0]}" {\n  capabilities = ["update"]\n}`, '')
        : definition.policy.rules;
      expect(rules).not.toMatch(/\*|create|update|delete|list|sudo/);
    }
  });

  it('validates a scenario: its secret and field exist, its checks may be named in starter.failing', async () => {
    const rotation = (
      await readFile(join(import.meta.dirname, '..', '..', 'challenges', 'rotation', 'challenge.yaml'), 'utf8')
    ).replace('id: rotation', 'id: broken');
    const approle = (
      await readFile(join(import.meta.dirname, '..', '..', 'challenges', 'approle', 'challenge.yaml'), 'utf8')
    ).replace('id: approle', 'id: broken');
    const cases: Array<[string, RegExp]> = [
      [
        rotation.replace('  path: rotation/database\n  field: password', '  path: rotation/other\n  field: password'),
        /scenario\.path: no secret is provisioned at rotation\/other/,
      ],
      [
        rotation.replace('  field: password\n', '  field: username\n'),
        /scenario\.field: rotation\/database has no field username/,
      ],
      [rotation.replace('  type: rotation\n', '  type: teleport\n'), /scenario\.type/],
      [
        approle.replace('failing: [login, read-password]', 'failing: [login, read-rotated]'),
        /starter\.failing\.1: no check is called read-rotated/,
      ],
      // A challenge is one kind of grade (src/grader/kinds.ts): log lines or a scenario, not both.
      [
        `${rotation}\nlogs: { requestLines: 3 }\n`,
        /logs: a challenge has logs, a scenario or a project, not logs and scenario/,
      ],
    ];
    for (const [yaml, message] of cases) {
      const root = await challengeRoot(yaml);
      await expect(loadChallenge('broken', root)).rejects.toThrow(message);
    }
    const { definition } = await loadVaultChallenge('rotation');
    expect(definition.starter.failing).toEqual(['read-rotated', 'token-renewed']);
    expect(definition.role).toMatchObject({ tokenTtl: '3s', tokenMaxTtl: '6s', secretIdNumUses: 20 });
  });

  it('validates a project: setup steps that judge a Vault, a certificate to serve, one kind of grade', async () => {
    const mini = (
      await readFile(join(import.meta.dirname, '..', '..', 'challenges', 'mini-project', 'challenge.yaml'), 'utf8')
    ).replace('id: mini-project', 'id: broken');
    const cases: Array<[string, RegExp]> = [
      [
        mini.replace('tls: { path: mini/tls, certificate: certificate,', 'tls: { path: mini/tls, certificate: cert,'),
        /project\.tls: no secret is provisioned at mini\/tls with a cert key/,
      ],
      [
        mini.replace(/\nsetup:\n[\s\S]*$/, '\n').replace(/ {2}failing:\n( {4}- .*\n)+/, '  failing: [login]\n'),
        /setup: a project judges its setup script by the setup steps/,
      ],
      [
        mini.replace('  - id: enable-approle\n', '  - id: serves-tls\n').replace('    - enable-approle\n', ''),
        /setup: a setup step may not be called serves-tls/,
      ],
      [
        mini.replace(
          'check: { type: auth-enabled, path: approle, method: approle }',
          'check: { type: git-ignored, repo: app, file: .env }',
        ),
        /setup\.0\.check: a project's setup steps judge a Vault: git-ignored is about the learner's folder/,
      ],
      [`${mini}\nlogs: { requestLines: 3 }\n`, /a challenge has logs, a scenario or a project, not logs and project/],
      [
        mini.replace('    - serves-tls\n', '    - serves-https\n'),
        /starter\.failing\.10: no check is called serves-https/,
      ],
    ];
    for (const [yaml, message] of cases) {
      const root = await challengeRoot(yaml);
      await expect(loadChallenge('broken', root)).rejects.toThrow(message);
    }
    const { definition } = await loadVaultChallenge('mini-project');
    expect(definition.project?.tls).toEqual({
      path: 'mini/tls',
      certificate: 'certificate',
      serverName: 'api.mini.internal',
    });
    expect(definition.starter.failing).toContain('serves-tls');
  });

  it("a scenario challenge's README names its checks and the numbers a learner designs for", async () => {
    for (const id of ['rotation', 'orchestrator']) {
      const { definition, readme } = await loadVaultChallenge(id);
      for (const check of SCENARIO_CHECK_IDS[definition.scenario!.type]) expect(readme).toContain(`\`${check}\``);
    }
    const rotation = await loadVaultChallenge('rotation');
    const scenario = rotation.definition.scenario!;
    if (scenario.type !== 'rotation') throw new Error('rotation has a rotation scenario');
    for (const fact of [
      `**${scenario.rotateAfterSeconds} s** after your first successful read`,
      `within **${scenario.windowSeconds} s**`,
      `at least every ${scenario.rereadSeconds} s`,
      '**3 s**',
      '**6 s**',
      '**20 logins**',
    ]) {
      expect(rotation.readme).toContain(fact);
    }
    expect(rotation.definition.role).toMatchObject({ tokenTtl: '3s', tokenMaxTtl: '6s', secretIdNumUses: 20 });
    const orchestrator = await loadVaultChallenge('orchestrator');
    expect(orchestrator.readme).toContain('VAULT_WRAPPED_SECRET_ID_FILE');
    expect(orchestrator.readme).toContain(
      `**${orchestrator.definition.scenario!.type === 'orchestrator' ? orchestrator.definition.scenario!.wrapTtlSeconds : 0} seconds**`,
    );
  });

  it('refuses an unknown challenge with the list of known ones', async () => {
    await expect(loadChallenge('nope')).rejects.toThrow(
      /no challenge called "nope" \(there are: approle, dynamic-tls, leak-response, log-scrubbing, mini-project, orchestrator, rotation, scanner, vault-agent, workload-identity\)/,
    );
    await expect(loadVaultChallenge('scanner')).rejects.toThrow(/scanner is a scanner challenge: it uses no Vault/);
    await expect(loadChallenge('../etc')).rejects.toBeInstanceOf(UserError);
  });

  it('rejects a challenge.yaml that breaks the schema, naming the field', async () => {
    const approle = await readFile(
      join(import.meta.dirname, '..', '..', 'challenges', 'approle', 'challenge.yaml'),
      'utf8',
    );
    const scanner = await readFile(
      join(import.meta.dirname, '..', '..', 'challenges', 'scanner', 'challenge.yaml'),
      'utf8',
    );
    const cases: Array<[string, RegExp]> = [
      [
        approle
          .replace('id: approle', 'id: broken')
          .replace('path: database/backend\n    title', 'path: database/other\n    title'),
        /reads\.0\.path: no secret is provisioned at database\/other/,
      ],
      [
        approle
          .replace('id: approle', 'id: broken')
          .replace('failing: [login, read-password]', 'failing: [login, read-everything]'),
        /starter\.failing\.1: no check is called read-everything/,
      ],
      [
        approle
          .replace('id: approle', 'id: broken')
          .replace('generator: password, length: 32', 'generator: password, length: 4'),
        /secrets\.0\.data\.password/,
      ],
      [approle.replace('id: approle', 'id: broken').replace('  - level: nudge', '  - level: shove'), /hints\.0\.level/],
      [approle, /id "approle" does not match its folder "broken"/],
      [
        approle
          .replace('id: approle', 'id: broken')
          .replace(
            'password: { generator: password, length: 32 }',
            'password: { generator: password, length: 32 }\n      refresh: { generator: extends, key: token }',
          ),
        /secrets\.0\.data\.refresh\.key: extends needs a key listed before it in the same secret, not "token"/,
      ],
      [
        approle
          .replace('id: approle', 'id: broken')
          .replace('failing: [login, read-password]', 'failing: [startup-lines]'),
        /starter\.failing\.0: no check is called startup-lines/,
      ],
      [
        scanner.replace('id: scanner', 'id: broken').replace('failing: [recall]', 'failing: [login]'),
        /starter\.failing\.0/,
      ],
      [scanner.replace('id: scanner', 'id: broken').replace('minRecall: 0.9', 'minRecall: 9'), /scanner\.minRecall/],
      ['id: broken\n  title: [', /not valid YAML/],
    ];
    for (const [yaml, message] of cases) {
      const root = await challengeRoot(yaml);
      await expect(loadChallenge('broken', root)).rejects.toThrow(message);
    }
  });
});
