/**
 * Fenced code blocks in lesson markdown, and the runnable-sample convention.
 *
 * Every ```python, ```js and ```sh block in a lesson says what it is in its info string:
 *
 *   ```python runnable setup=approle              a complete program; the test suite runs it
 *   ```sh runnable setup=vault exit=1 expect="permission denied"
 *   ```js fragment                                part of a program (or deliberately wrong code);
 *                                                  shown, never run
 *
 * `setup` (required for runnable blocks) names the environment the sample runs in (SAMPLE_SETUPS
 * below); `exit` is the expected exit status (default 0); `expect` is text the output must
 * contain (quote it with "…" or '…'). Shell samples may call `vault` (the test runs them with a `vault` that is `bao`).
 * Other languages (hcl, text, console, …) are shown as they are and have no markers.
 * Shell blocks inside a hands-on step's instructions are plain ```sh: they are the step itself.
 */

export const SAMPLE_LANGUAGES = ['python', 'js', 'sh'] as const;
export type SampleLanguage = (typeof SAMPLE_LANGUAGES)[number];

export interface SampleSetup {
  /** One line for the reader: what the sample gets. */
  description: string;
  /** Whether a dev server is started for the sample. */
  vault: boolean;
  /** Variables the sample is given (besides PATH, HOME, LANG). */
  env: string[];
}

/** What runs where: the course's "playground" state is what lessons 3–5 build by hand. */
export const SAMPLE_SETUPS = {
  none: { description: 'no Vault, no variables', vault: false, env: [] },
  dotenv: {
    description: 'no Vault; a .env file with DATABASE_URL and API_KEY in the working folder',
    vault: false,
    env: [],
  },
  vault: {
    description: 'a fresh dev server, as after `secrets-workbook vault up`',
    vault: true,
    env: ['VAULT_ADDR', 'VAULT_TOKEN'],
  },
  playground: {
    description:
      'a dev server holding secret/database/backend (password) and secret/app/config (api_key), a "backend" policy and AppRole role',
    vault: true,
    env: ['VAULT_ADDR', 'VAULT_TOKEN'],
  },
  approle: {
    description: 'the playground seen from the application: its role_id and a secret_id, no token',
    vault: true,
    env: ['VAULT_ADDR', 'VAULT_ROLE_ID', 'VAULT_SECRET_ID'],
  },
  wrapped: {
    description: 'like approle, but the secret_id arrives response-wrapped (a single-use wrapping token)',
    vault: true,
    env: ['VAULT_ADDR', 'VAULT_ROLE_ID', 'VAULT_WRAPPED_SECRET_ID'],
  },
} as const satisfies Record<string, SampleSetup>;
export type SampleSetupName = keyof typeof SAMPLE_SETUPS;

export interface CodeBlock {
  /** First word of the info string (`python`, `hcl`, …; empty when none). */
  lang: string;
  info: string;
  code: string;
  /** 1-based line of the opening fence within the markdown it was found in. */
  line: number;
}

export interface RunnableSample {
  language: SampleLanguage;
  setup: SampleSetupName;
  exitCode: number;
  expect?: string;
}

export type SampleKind = { kind: 'runnable'; sample: RunnableSample } | { kind: 'fragment' } | { kind: 'other' };

const FENCE_OPEN = /^( {0,3})(`{3,}|~{3,})(.*)$/;

export function extractCodeBlocks(markdown: string): CodeBlock[] {
  const lines = markdown.split('\n');
  const blocks: CodeBlock[] = [];
  for (let index = 0; index < lines.length; index++) {
    const open = FENCE_OPEN.exec(lines[index]!);
    if (!open) continue;
    const [, indent = '', fence = '', rest = ''] = open;
    if (fence[0] === '`' && rest.includes('`')) continue; // not a fence (CommonMark)
    const info = rest.trim();
    const body: string[] = [];
    let end = index + 1;
    for (; end < lines.length; end++) {
      const line = lines[end]!;
      const close = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(line);
      if (close && close[1]![0] === fence[0] && close[1]!.length >= fence.length) break;
      body.push(indent && line.startsWith(indent) ? line.slice(indent.length) : line);
    }
    blocks.push({
      lang: info.split(/\s+/)[0] ?? '',
      info,
      code: body.join('\n') + (body.length ? '\n' : ''),
      line: index + 1,
    });
    index = end;
  }
  return blocks;
}

/** Words and key=value, key="quoted value" or key='quoted value' pairs of an info string. */
function tokenize(info: string): string[] {
  return info.match(/[^\s"'=]+=(?:"[^"]*"|'[^']*'|[^\s"']*)|\S+/g) ?? [];
}

/** Classify a block by its info string; throws an Error with a one-line reason when it breaks the convention. */
export function classifyBlock(block: Pick<CodeBlock, 'lang' | 'info'>, { inStep = false } = {}): SampleKind {
  const language = (SAMPLE_LANGUAGES as readonly string[]).includes(block.lang)
    ? (block.lang as SampleLanguage)
    : undefined;
  const [, ...words] = tokenize(block.info);
  const flags = words.filter((word) => !word.includes('='));
  const attributes = new Map(
    words
      .filter((word) => word.includes('='))
      .map((word) => {
        const at = word.indexOf('=');
        return [word.slice(0, at), word.slice(at + 1).replace(/^"(.*)"$|^'(.*)'$/, '$1$2')] as const;
      }),
  );
  const runnable = flags.includes('runnable');
  const fragment = flags.includes('fragment');
  if (!language) {
    if (runnable || fragment)
      throw new Error(`"${block.lang}" blocks cannot be runnable or fragments (only ${SAMPLE_LANGUAGES.join(', ')})`);
    return { kind: 'other' };
  }
  if (inStep) {
    if (words.length > 0)
      throw new Error(
        `code in a step's instructions is plain \`\`\`${language} (it is the step itself), not "${block.info}"`,
      );
    return { kind: 'other' };
  }
  if (runnable === fragment)
    throw new Error(
      `a \`\`\`${language} block must be marked either "runnable" or "fragment" (info string: "${block.info}")`,
    );
  const unknownFlag = flags.find((flag) => flag !== 'runnable' && flag !== 'fragment');
  if (unknownFlag) throw new Error(`unknown word "${unknownFlag}" in the info string "${block.info}"`);
  if (fragment) {
    if (attributes.size > 0) throw new Error(`a fragment takes no attributes (info string: "${block.info}")`);
    return { kind: 'fragment' };
  }
  for (const key of attributes.keys()) {
    if (!['setup', 'exit', 'expect'].includes(key))
      throw new Error(`unknown attribute "${key}" in the info string "${block.info}" (setup, exit, expect)`);
  }
  const setup = attributes.get('setup');
  if (!setup)
    throw new Error(
      `a runnable block needs setup=<${Object.keys(SAMPLE_SETUPS).join('|')}> (info string: "${block.info}")`,
    );
  if (!(setup in SAMPLE_SETUPS))
    throw new Error(`unknown setup "${setup}" (known: ${Object.keys(SAMPLE_SETUPS).join(', ')})`);
  const exit = attributes.get('exit') ?? '0';
  if (!/^\d{1,3}$/.test(exit)) throw new Error(`exit must be a number, not "${exit}"`);
  const expect = attributes.get('expect');
  return {
    kind: 'runnable',
    sample: { language, setup: setup as SampleSetupName, exitCode: Number(exit), ...(expect ? { expect } : {}) },
  };
}
