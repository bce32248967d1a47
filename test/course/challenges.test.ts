import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadChallenge, loadChallengeSummaries, loadChallenges } from '../../src/course/challenges.js';
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
    // Other challenges may sit between or after these (each branch adds its own).
    expect(summaries.map((summary) => [summary.id, summary.order])).toEqual(
      expect.arrayContaining([
        ['approle', 1],
        ['mini-project', 2],
        ['orchestrator', 3],
        ['rotation', 4],
      ]),
    );
    const orders = summaries.map((summary) => summary.order);
    expect(orders).toEqual([...orders].sort((a, b) => a - b));
    for (const summary of summaries) {
      expect(summary.starters).toEqual(['python', 'node', 'go']);
      expect(summary.solutions).toEqual(['python', 'node', 'go', 'shell']);
      expect(summary.hints.map((hint) => hint.level)).toEqual(['nudge', 'concept', 'near-solution']);
      expect(summary.setup.length).toBeGreaterThan(0);
      expect(summary.summary.length).toBeGreaterThan(20);
    }
  });

  it("each README names the exact paths, the variables and every check, and says which checks the starter still fails", async () => {
    for (const { definition, readme } of await loadChallenges()) {
      for (const variable of ['VAULT_ADDR', 'VAULT_ROLE_ID', 'VAULT_SECRET_ID']) expect(readme).toContain(variable);
      for (const read of definition.reads) {
        expect(readme).toContain(`${definition.mount}/data/${read.path}`);
        expect(readme).toContain(`\`${read.id}\``);
      }
      for (const id of ['login', 'exit', 'no-leak', 'no-hardcoded-secret', 'no-committed-env']) expect(readme).toContain(`\`${id}\``);
      const starterParagraph = readme.slice(readme.indexOf('**The starter**'));
      expect(starterParagraph).not.toBe(readme);
      for (const id of definition.starter.failing) expect(starterParagraph.split('\n\n')[0]).toContain(`\`${id}\``);
    }
  });

  it('gives the least-privilege policy one read rule per required path and nothing else', async () => {
    for (const { definition } of await loadChallenges()) {
      const paths = [...definition.policy.rules.matchAll(/path "([^"]+)"/g)].map((match) => match[1]);
      expect(paths.sort()).toEqual(definition.reads.map((read) => `${definition.mount}/data/${read.path}`).sort());
      expect(definition.policy.rules).not.toMatch(/\*|create|update|delete|list|sudo/);
    }
  });

  it('validates a scenario: its secret and field exist, its checks may be named in starter.failing', async () => {
    const rotation = (await readFile(join(import.meta.dirname, '..', '..', 'challenges', 'rotation', 'challenge.yaml'), 'utf8')).replace('id: rotation', 'id: broken');
    const approle = (await readFile(join(import.meta.dirname, '..', '..', 'challenges', 'approle', 'challenge.yaml'), 'utf8')).replace('id: approle', 'id: broken');
    const cases: Array<[string, RegExp]> = [
      [rotation.replace('  path: rotation/database\n  field: password', '  path: rotation/other\n  field: password'), /scenario\.path: no secret is provisioned at rotation\/other/],
      [rotation.replace('  field: password\n', '  field: username\n'), /scenario\.field: rotation\/database has no field username/],
      [rotation.replace('  type: rotation\n', '  type: teleport\n'), /scenario\.type/],
      [approle.replace('failing: [login, read-password]', 'failing: [login, read-rotated]'), /starter\.failing\.1: no check is called read-rotated/],
    ];
    for (const [yaml, message] of cases) {
      const root = await challengeRoot(yaml);
      await expect(loadChallenge('broken', root)).rejects.toThrow(message);
    }
    const { definition } = await loadChallenge('rotation');
    expect(definition.starter.failing).toEqual(['read-rotated', 'token-renewed']);
    expect(definition.role).toMatchObject({ tokenTtl: '3s', tokenMaxTtl: '6s', secretIdNumUses: 20 });
  });

  it("a scenario challenge's README names its checks and the numbers a learner designs for", async () => {
    for (const id of ['rotation', 'orchestrator']) {
      const { definition, readme } = await loadChallenge(id);
      for (const check of SCENARIO_CHECK_IDS[definition.scenario!.type]) expect(readme).toContain(`\`${check}\``);
    }
    const rotation = await loadChallenge('rotation');
    const scenario = rotation.definition.scenario!;
    if (scenario.type !== 'rotation') throw new Error('rotation has a rotation scenario');
    for (const fact of [`**${scenario.rotateAfterSeconds} s** after your first successful read`, `within **${scenario.windowSeconds} s**`, `at least every ${scenario.rereadSeconds} s`, '**3 s**', '**6 s**', '**20 logins**']) {
      expect(rotation.readme).toContain(fact);
    }
    expect(rotation.definition.role).toMatchObject({ tokenTtl: '3s', tokenMaxTtl: '6s', secretIdNumUses: 20 });
    const orchestrator = await loadChallenge('orchestrator');
    expect(orchestrator.readme).toContain('VAULT_WRAPPED_SECRET_ID_FILE');
    expect(orchestrator.readme).toContain(`**${orchestrator.definition.scenario!.type === 'orchestrator' ? orchestrator.definition.scenario!.wrapTtlSeconds : 0} seconds**`);
  });

  it('refuses an unknown challenge with the list of known ones', async () => {
    await expect(loadChallenge('nope')).rejects.toThrow(/no challenge called "nope" \(there are: approle, [a-z, -]*mini-project, orchestrator, rotation[a-z, -]*\)/);
    await expect(loadChallenge('../etc')).rejects.toBeInstanceOf(UserError);
  });

  it('rejects a challenge.yaml that breaks the schema, naming the field', async () => {
    const approle = await readFile(join(import.meta.dirname, '..', '..', 'challenges', 'approle', 'challenge.yaml'), 'utf8');
    const cases: Array<[string, RegExp]> = [
      [approle.replace('id: approle', 'id: broken').replace('path: database/backend\n    title', 'path: database/other\n    title'), /reads\.0\.path: no secret is provisioned at database\/other/],
      [approle.replace('id: approle', 'id: broken').replace('failing: [login, read-password]', 'failing: [login, read-everything]'), /starter\.failing\.1: no check is called read-everything/],
      [approle.replace('id: approle', 'id: broken').replace('generator: password, length: 32', 'generator: password, length: 4'), /secrets\.0\.data\.password/],
      [approle.replace('id: approle', 'id: broken').replace('  - level: nudge', '  - level: shove'), /hints\.0\.level/],
      [approle, /id "approle" does not match its folder "broken"/],
      ['id: broken\n  title: [', /not valid YAML/],
    ];
    for (const [yaml, message] of cases) {
      const root = await challengeRoot(yaml);
      await expect(loadChallenge('broken', root)).rejects.toThrow(message);
    }
  });
});
