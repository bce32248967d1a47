import type { RuleContext } from '../types.js';
import type { Assignment } from './assignment-parse.js';
import { classifyKey, type KeyKind } from './key-names.js';

/**
 * A secret handed to a secret store on a command line. The store keeps it safe; the script, the
 * README or the shell history that typed it does not. Each command names the secret and gives its
 * value: `gh secret set NAME --body …`, `az keyvault secret set --name NAME --value …`,
 * `aws secretsmanager create-secret --name NAME --secret-string …` (and `put-secret-value`,
 * `update-secret`), `aws ssm put-parameter --name NAME --type SecureString --value …`,
 * `doppler secrets set NAME …`, `netlify env:set NAME …`; or pipes it into one that reads stdin:
 * `echo … | gcloud secrets create NAME --data-file=-`, `… | docker secret create NAME -`,
 * `… | wrangler secret put NAME`, `… | vercel env add NAME`. Windows' `setx NAME …` sets any
 * variable, so there only a secret's name counts.
 *
 * The value is then judged as any assignment to that name: whatever a store holds is a secret, so a
 * neutral name is read as a secret's (a random value is reported, `production` is not).
 */

// A shell word: quoted ('…' or "…") or bare.
const WORD = String.raw`(?:'[^'\n]*'|"[^"\n]*"|[^\s'"|;&])+`;
const NAME = String.raw`["']?(?<name>/?[A-Za-z_][\w./-]{0,120})["']?`;

interface StoreCommand {
  /** The command up to where its arguments start. */
  head: RegExp;
  /** The secret's name among the arguments, when the head does not hold it. */
  name?: RegExp;
  /** The value among the arguments. */
  value: RegExp;
  /** Another argument the command needs to be storing a secret (`--type SecureString`). */
  needs?: RegExp;
  /** Any variable, not a store: only a name that says secret counts. */
  anyVariable?: boolean;
}

// A one-letter option may be glued to its value (`-bVALUE`).
const option = (names: string) =>
  new RegExp(String.raw`(?:^|\s)(?:${names})(?:=|[ \t]+|(?<=\s-[A-Za-z]))(?<value>${WORD})`, 'd');
const optionName = (names: string) => new RegExp(String.raw`(?:^|\s)(?:${names})(?:=|[ \t]+)${NAME}`);

const COMMANDS: StoreCommand[] = [
  { head: new RegExp(String.raw`\bgh[ \t]+secret[ \t]+set[ \t]+${NAME}`, 'dg'), value: option('--body|-b') },
  {
    head: /\baz[ \t]+keyvault[ \t]+secret[ \t]+set\b/dg,
    name: optionName('--name|-n'),
    value: option('--value'),
  },
  {
    head: /\baws[ \t]+secretsmanager[ \t]+(?:create-secret|put-secret-value|update-secret)\b/dg,
    name: optionName('--name|--secret-id'),
    value: option('--secret-string'),
  },
  {
    head: /\baws[ \t]+ssm[ \t]+put-parameter\b/dg,
    name: optionName('--name'),
    value: option('--value'),
    needs: /--type[ =]+["']?SecureString\b/,
  },
  {
    head: new RegExp(String.raw`\b(?:doppler[ \t]+secrets[ \t]+set|netlify[ \t]+env:set)[ \t]+${NAME}(?=[ \t])`, 'dg'),
    value: new RegExp(String.raw`^[ \t]+(?<value>${WORD})`, 'd'),
  },
  {
    head: new RegExp(String.raw`(?:^|[\s;&(])setx(?:\.exe)?[ \t]+${NAME}(?=[ \t])`, 'dgi'),
    value: new RegExp(String.raw`^[ \t]+(?<value>${WORD})`, 'd'),
    anyVariable: true,
  },
];

// A value piped into a store that reads it from stdin.
const PIPED = new RegExp(
  String.raw`\b(?:echo|printf)[ \t]+(?:-n[ \t]+|-e[ \t]+|'%s'[ \t]+|"%s"[ \t]+)*(?<value>${WORD})[ \t]*\|[ \t]*(?:gcloud[ \t]+secrets[ \t]+(?:create|versions[ \t]+add)|docker[ \t]+secret[ \t]+create|wrangler[ \t]+secret[ \t]+put|vercel[ \t]+env[ \t]+add)[ \t]+${NAME}`,
  'dg',
);

const PRESENT =
  /gh\s+secret|keyvault|secretsmanager|ssm\s+put-parameter|doppler|netlify|setx|\|\s*(?:gcloud|docker|wrangler|vercel)/;

const no = () => false;

/** The command from `start` to the end of its logical line (lines ending in `\` continue it). */
function restOfCommand(text: string, start: number): string {
  let end = start;
  for (;;) {
    const lineEnd = text.indexOf('\n', end);
    if (lineEnd === -1) return text.slice(start);
    if (!/\\\s*$/.test(text.slice(end, lineEnd))) return text.slice(start, lineEnd);
    end = lineEnd + 1;
  }
}

/** A word as the shell passes it, and where that starts inside the word. */
function unquoted(word: string): { value: string; offset: number } {
  return /^(['"]).*\1$/.test(word) ? { value: word.slice(1, -1), offset: 1 } : { value: word, offset: 0 };
}

function storedKind(name: string, anyVariable: boolean): KeyKind {
  const kind = classifyKey(name.slice(name.lastIndexOf('/') + 1));
  return kind === 'neutral' && !anyVariable ? 'secret' : kind;
}

function stored(name: string, word: string, wordStart: number, anyVariable = false): Assignment | undefined {
  const { value, offset } = unquoted(word);
  // Read from elsewhere: a variable, a command's output, a file (`file://…`, `@…`), stdin (`-`).
  if (value === '' || value === '-' || /^\$|\$\(|`|^file:\/\/|^fileb:\/\/|^@/.test(value)) return undefined;
  return {
    key: name,
    kind: storedKind(name, anyVariable),
    value,
    valueStart: wordStart + offset,
    quoted: true,
    weak: true,
    inString: no,
    attribute: no,
  };
}

export function* secretStoreCommands(text: string, context: RuleContext): Iterable<Assignment> {
  const lower = context.lowerText();
  if (!PRESENT.test(lower)) return;
  for (const command of COMMANDS) {
    command.head.lastIndex = 0;
    for (let m = command.head.exec(text); m; m = command.head.exec(text)) {
      const argsStart = m.index + m[0].length;
      const args = restOfCommand(text, argsStart);
      if (command.needs && !command.needs.test(args)) continue;
      const name = m.groups?.name ?? command.name?.exec(args)?.groups?.name;
      const v = command.value.exec(args);
      if (!name || !v) continue;
      const found = stored(name, v.groups!.value!, argsStart + v.indices!.groups!.value![0], command.anyVariable);
      if (found) yield found;
    }
  }
  if (!lower.includes('|')) return;
  PIPED.lastIndex = 0;
  for (let m = PIPED.exec(text); m; m = PIPED.exec(text)) {
    const found = stored(m.groups!.name!, m.groups!.value!, m.indices!.groups!.value![0]);
    if (found) yield found;
  }
}
