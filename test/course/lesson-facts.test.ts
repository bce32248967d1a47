import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { listChallengeIds } from '../../src/course/challenges.js';
import { extractCodeBlocks } from '../../src/course/code-blocks.js';
import { loadLessons } from '../../src/course/lessons.js';
import type { Lesson } from '../../src/course/model.js';
import { challengesDir, packageRoot } from '../../src/util/package-info.js';

/**
 * The factual corrections the course makes, kept from coming back. What can be executed is run
 * by the lesson samples themselves (policy precedence, the default policy, max_versions, the wrap
 * lookup, the tutorial's patterns; see lesson-samples.slow.test.ts and lesson-facts.slow.test.ts);
 * this file holds the claims that can only be read.
 */
const lessons = await loadLessons();
const byId = new Map(lessons.map((lesson) => [lesson.id, lesson]));
const lesson = (id: string): Lesson => byId.get(id)!;
/** Everything a learner reads in a lesson, with line breaks folded so phrases match across them. */
const all = (id: string) => {
  const entry = lesson(id);
  const quiz = entry.quiz.flatMap((question) => [
    question.prompt,
    question.explanation,
    ...question.choices.flatMap((choice) => [choice.text, choice.feedback ?? '']),
  ]);
  const steps = entry.steps.flatMap((step) => [step.instructions, ...(step.hints ?? []).map((hint) => hint.text)]);
  return [entry.markdown, ...quiz, ...steps].join('\n').replace(/\s+/g, ' ');
};

describe('facts the lessons teach', () => {
  it('lesson 5: the most specific path wins, capabilities merged; deny wins within that path', () => {
    const text = all('least-privilege');
    expect(text).not.toMatch(/deny` always wins|deny always wins|wins over everything else/);
    expect(text).toMatch(/most specific/);
    expect(text).toMatch(/merged across every policy/);
    expect(text).toMatch(/`deny` wins \*within that path\*/);
  });

  it("lesson 5: the default policy's real contents", () => {
    const text = all('least-privilege');
    for (const path of ['sys/wrapping', 'sys/tools/hash', 'sys/capabilities-self', 'cubbyhole', 'identity entity'])
      expect(text).toContain(path);
  });

  it("lesson 4: a wrapped secret_id's accessor is wrap_info.wrapped_accessor, recorded by the orchestrator", () => {
    const question = lesson('approle-auth').quiz.find((entry) => entry.id === 'unwrap-fails')!;
    expect(question.explanation).toMatch(/wrapped_accessor/);
    expect(question.explanation).toMatch(/orchestrator must record it/);
    expect(all('approle-auth')).not.toMatch(/accessor is in the wrapping token's metadata\)/);
  });

  it('lesson 3: only raw HTTP and generic clients write data/ themselves; max_versions 0 means the default', () => {
    const text = all('secrets-managers-and-vault');
    expect(text).not.toMatch(/Client libraries, `curl` and — importantly — policies \(lesson 5\) use the full path/);
    expect(text).toMatch(/hvac's `kv.v2` helpers and Go's `KVv2` add `data\/`/);
    expect(text).toMatch(/0 means "use the mount's setting", and a mount left at 0 keeps 10 versions/);
  });

  it('lesson 9: masking claims per platform', () => {
    const text = all('environments-and-ci');
    expect(text).toMatch(/GitHub Actions\* replaces a secret with `\*\*\*`/);
    expect(text).toMatch(/base64 .*JSON-escaped and URL-encoded forms/);
    expect(text).toMatch(/GitLab CI\/CD\* replaces a masked variable's value with `\[MASKED\]`/);
    expect(text).toMatch(/hex, reversed or split/);
    expect(text).toMatch(/GitLab in fact stores variable values encrypted/);
  });

  it("lesson 9: GitLab's secrets: keyword (file: true default, VAULT_SERVER_URL, paid tier) and GitHub's Vault-side JWT role", () => {
    const entry = lesson('environments-and-ci');
    const text = all('environments-and-ci');
    expect(text).toMatch(/Premium and Ultimate feature/);
    expect(text).toContain('VAULT_SERVER_URL');
    const yaml = extractCodeBlocks(entry.markdown).filter((block) => block.lang === 'yaml');
    const gitlab = parseYaml(yaml.find((block) => block.code.includes('id_tokens'))!.code);
    expect(gitlab.deploy.secrets.DATABASE_PASSWORD.file).toBe(false);
    const github = parseYaml(yaml.find((block) => block.code.includes('vault-action'))!.code);
    const step = github.jobs.deploy.steps[0].with;
    const role = extractCodeBlocks(entry.markdown).find((block) => block.code.includes('auth/jwt/role/'))!.code;
    const roleJson = JSON.parse(role.slice(role.indexOf('{'), role.lastIndexOf('}') + 1));
    expect(roleJson.bound_audiences).toContain(step.jwtGithubAudience);
    expect(role).toContain(`auth/jwt/role/${step.role}`);
    expect(Object.keys(roleJson.bound_claims)).toEqual(expect.arrayContaining(['repository', 'environment']));
    expect(roleJson.bound_claims.environment).toBe(github.jobs.deploy.environment);
  });

  it('lesson 6: TLS lifetimes are a schedule to automate for, not a number', () => {
    const text = all('secret-rotation');
    expect(text).not.toMatch(/TLS certificates \| about every 90 days/);
    expect(text).toMatch(/200 days from 15 March 2026, 100 days from March 2027 and 47 days from March 2029/);
    expect(text).toMatch(/ACME/);
  });

  it("lesson 1: the tutorial's claim and what breach data says", () => {
    const text = all('why-secrets-management');
    expect(text).toMatch(/calls hardcoded secrets the leading cause of credential exposure/);
    expect(text).toMatch(/puts the use of stolen credentials first/);
  });

  it("lesson 8: github_pat_ tokens and the tutorial's narrow patterns", () => {
    const text = all('detecting-secrets');
    expect(text).toContain('github_pat_');
    expect(text).toMatch(/OpenSSL 3 writes private keys as PKCS#8/);
    expect(text).toMatch(/Stripe secret keys have had 24 for years/);
  });

  it('lessons 1 and 10 count the graded challenges there are', async () => {
    const count = (await listChallengeIds()).length;
    const words = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
    for (const id of ['why-secrets-management', 'review'])
      expect(all(id), id).toMatch(new RegExp(`${words[count]} graded challenges`, 'i'));
  });

  it('the story and the bank-vault picture are told once; the story is a teaching moment', () => {
    const tellings = lessons.filter((entry) => /bank vault|bank-vault/i.test(entry.markdown)).map((entry) => entry.id);
    expect(tellings).toEqual(['secrets-managers-and-vault']);
    const stories = lessons.filter((entry) => /stolen-laptop story|laptop was stolen/i.test(entry.markdown));
    expect(stories.map((entry) => entry.id)).toEqual(['why-secrets-management']);
    expect(all('why-secrets-management')).toMatch(
      /production credentials on a developer's laptop\*\* are exactly what the next lesson/,
    );
  });

  it('code samples say "never print it" rarely: the habit is taught once, in prose', () => {
    const comments = lessons.flatMap((entry) =>
      extractCodeBlocks(entry.markdown).flatMap(
        (block) =>
          block.code.match(/(#|\/\/).*\bnever\b.*\b(print|its value|the value|the password|on screen)\b.*/g) ?? [],
      ),
    );
    expect(comments.length, comments.join('\n')).toBeLessThanOrEqual(2);
  });
});

describe('facts outside the lessons', () => {
  it('the README asks for the Go version every go.mod says', () => {
    const readme = readFileSync(join(packageRoot, 'README.md'), 'utf8');
    const versions = new Set<string>();
    for (const id of readdirSync(challengesDir))
      for (const kind of ['starter', 'solutions']) {
        try {
          const mod = readFileSync(join(challengesDir, id, kind, 'go', 'go.mod'), 'utf8');
          versions.add(/^go (\d+\.\d+)/m.exec(mod)![1]!);
        } catch {
          // no Go starter or solution for this challenge
        }
      }
    expect(versions.size).toBe(1);
    expect(readme).toContain(`Go (${[...versions][0]} or newer`);
    expect(readme).not.toMatch(/Go \(1\.22\+\)/);
  });

  it('challenge setup steps put no <placeholder> into a shell command', () => {
    for (const id of readdirSync(challengesDir)) {
      let yaml: { setup?: Array<{ instructions: string }> };
      try {
        yaml = parseYaml(readFileSync(join(challengesDir, id, 'challenge.yaml'), 'utf8'));
      } catch {
        continue;
      }
      for (const step of yaml.setup ?? []) {
        const commands = [...step.instructions.matchAll(/`([^`]+)`/g)].map((match) => match[1]!);
        for (const command of commands.filter((text) => /^(vault|bao|openssl) /.test(text)))
          expect(command, `${id}: ${command}`).not.toMatch(/<[a-z][^>]*>/i);
      }
    }
  });
});
