import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyBlock, extractCodeBlocks, SAMPLE_SETUPS, type CodeBlock } from '../../src/course/code-blocks.js';
import { loadLessons } from '../../src/course/lessons.js';
import type { Lesson } from '../../src/course/model.js';
import { runStepCheck } from '../../src/course/vault-checks.js';
import { VaultAdmin } from '../../src/vault/admin-client.js';
import { startVault } from '../../src/vault/select.js';
import {
  availableLessonProviders,
  createWorkspace,
  leakedSecrets,
  stepCommands,
  type Workspace,
} from './sample-harness.js';

/**
 * A learner following the course in order, on a fresh playground started as
 * `secrets-workbook vault up` starts it (its two export lines pasted), in one terminal whose
 * folder and exported variables carry from one command to the next — and nothing but what the
 * lessons show: in each lesson, the runnable samples of its text in order (shell commands typed
 * into that terminal; programs saved to a file in the current folder and run there, with that
 * terminal's environment; a `.env` the text shows, saved where it says), then every hands-on step
 * not yet ticked, by its own commands or, for a step the learner composes, its near-solution hint.
 * Every sample must exit and print as it declares, every step must tick, and nothing may depend
 * on a variable or a file the lessons never told the learner to make.
 */
const providers = await availableLessonProviders();
const lessons = await loadLessons();

interface Terminal {
  workspace: Workspace;
  /** Holds the terminal's state between commands: its folder and `export -p`. */
  state: string;
}

const RUNNERS = { python: ['sample.py', 'python3'], js: ['sample.mjs', 'node'] } as const;

/** Run `script` in the terminal: in its current folder, with its exports; keep both for the next command. */
async function type(terminal: Terminal, script: string) {
  const wrapper = [
    `. "${terminal.state}/exports"`,
    `cd "$(cat "${terminal.state}/cwd")"`,
    script,
    `pwd > "${terminal.state}/cwd"`,
    `export -p > "${terminal.state}/exports"`,
  ].join('\n');
  await writeFile(join(terminal.state, 'command.sh'), wrapper);
  const result = await execa('sh', ['-e', join(terminal.state, 'command.sh')], {
    cwd: terminal.workspace.dir,
    env: { PATH: terminal.workspace.env.PATH!, HOME: terminal.workspace.env.HOME! },
    extendEnv: false,
    stdin: 'ignore',
    all: true,
    reject: false,
    timeout: 90_000,
  });
  return { exitCode: result.exitCode, output: result.all ?? '' };
}

async function exported(terminal: Terminal): Promise<string> {
  return readFile(join(terminal.state, 'exports'), 'utf8');
}

/** One block of a lesson's text, as the learner meets it. */
async function follow(terminal: Terminal, lesson: Lesson, block: CodeBlock): Promise<void> {
  const where = `${lesson.id}, the ${block.lang} block at line ${block.line}`;
  const file = /\bfile=(\S+)/.exec(block.info)?.[1];
  if (file) {
    // A file the text shows and says to save (the lesson's `.env`).
    const cwd = (await readFile(join(terminal.state, 'cwd'), 'utf8')).trim();
    await writeFile(join(cwd, file), block.code);
    return;
  }
  const kind = classifyBlock(block);
  if (kind.kind !== 'runnable') return;
  const { sample } = kind;
  const exports = await exported(terminal);
  for (const name of SAMPLE_SETUPS[sample.setup].env)
    expect(exports, `${where} needs ${name}, which no earlier command set`).toMatch(new RegExp(`\\b${name}=`));
  let script = block.code;
  if (sample.language !== 'sh') {
    const [fileName, command] = RUNNERS[sample.language];
    const cwd = (await readFile(join(terminal.state, 'cwd'), 'utf8')).trim();
    await writeFile(join(cwd, fileName), block.code);
    script = `${command} ${fileName}`;
  }
  if (sample.setup === 'dotenv') script = `test -f .env || { echo "no .env in $(pwd)"; exit 99; }\n${script}`;
  const run = await type(terminal, script);
  const context = `${where}\n--- output:\n${run.output}`;
  expect(run.exitCode, context).toBe(sample.exitCode);
  if (sample.expect) expect(run.output, context).toContain(sample.expect);
  expect(leakedSecrets(run.output, terminal.workspace.secrets), context).toEqual([]);
}

describe.each(providers)('the course followed in order, lesson after lesson, on %s', (provider) => {
  let terminal: Terminal;
  let admin: VaultAdmin;
  beforeAll(async () => {
    const workspace = await createWorkspace();
    const { vault } = await startVault(provider, { audit: false });
    workspace.vault = vault;
    workspace.secrets.push(vault.rootToken);
    const state = join(workspace.dir, '.terminal');
    await mkdir(state);
    terminal = { workspace, state };
    // The terminal as the learner has it after pasting `vault up`'s two export lines.
    const base = { ...workspace.env, VAULT_ADDR: vault.address, VAULT_TOKEN: vault.rootToken };
    await writeFile(
      join(state, 'exports'),
      Object.entries(base)
        .map(([name, value]) => `export ${name}='${value.replace(/'/g, `'\\''`)}'`)
        .join('\n') + '\n',
    );
    await writeFile(join(state, 'cwd'), workspace.dir);
    admin = new VaultAdmin(vault.address, vault.rootToken);
  });
  afterAll(async () => {
    await terminal?.workspace.close();
  });

  for (const lesson of lessons) {
    it(
      `${lesson.order}. ${lesson.title}: the text's commands, then its hands-on steps`,
      { timeout: 600_000 },
      async () => {
        for (const block of extractCodeBlocks(lesson.markdown)) await follow(terminal, lesson, block);
        for (const step of lesson.steps) {
          const check = () => runStepCheck(step.check, { admin, workDir: terminal.workspace.dir });
          if ((await check()).done) continue; // ticked already by the text's commands: a learner moves on
          const run = await type(terminal, stepCommands(step));
          expect(run.exitCode, `${lesson.id}/${step.id}\n${run.output}`).toBe(0);
          const outcome = await check();
          expect(outcome.done, `${lesson.id}/${step.id}: ${outcome.detail}`).toBe(true);
        }
        // Each lesson leaves the learner where it found them: the folder the course was started in.
        expect(
          (await readFile(join(terminal.state, 'cwd'), 'utf8')).trim(),
          'the lesson left the learner in another folder',
        ).toBe(terminal.workspace.dir);
        expect(existsSync(join(terminal.workspace.dir, '.terminal'))).toBe(true);
      },
    );
  }
});

if (providers.length === 0) it.skip('needs a Vault provider (bao on PATH or the embedded server)', () => undefined);
