import type { RuleContext } from '../types.js';
import type { Assignment } from './assignment-parse.js';
import { classifyKey, type KeyKind } from './key-names.js';
import { defaultOf } from './reference-defaults.js';

/**
 * A CloudFormation (or SAM) parameter's literal `Default:`, in YAML or JSON:
 *   DBPassword:               "DBPassword": {
 *     Type: String              "Type": "String", "NoEcho": "true",
 *     NoEcho: true              "Default": "…"
 *     Default: …              }
 * The `Default` is what the stack deploys with when nobody passes the parameter. The parameter's
 * name says what it is; `NoEcho: true` says it is secret whatever its name (CloudFormation masks it
 * in the console for that reason). Judged as the assignment rules judge any default (weak).
 */

// `Default:` on a line of its own, its value quoted or bare (a comment may follow).
const YAML_DEFAULT =
  /^(?<indent>[ \t]*)Default:[ \t]*(?:"(?<dq>[^"\n]{1,200})"|'(?<sq>[^'\n]{1,200})'|(?<bare>[^\s"'#][^\s#]{0,199}))[ \t]*(?:#[^\n]*)?\r?$/dgm;
// The parameter's object up to its `Default` (1,000 characters, no brace: a nested object ends the search).
const JSON_DEFAULT =
  /"(?<key>[A-Za-z][\w-]{0,100})"[ \t]*:[ \t]*\{(?<body>[^{}]{0,1000}?)"Default"[ \t]*:[ \t]*"(?<value>[^"\n]{1,200})"(?<rest>[^{}]{0,1000})/dg;
/** How each format writes the settings that make a block a parameter (`Type`) and a secret one (`NoEcho`). */
const YAML_SETTINGS = { type: /^[ \t]*Type:/m, noEcho: /^[ \t]*NoEcho:[ \t]*["']?true\b/im };
const JSON_SETTINGS = { type: /"Type"[ \t]*:/, noEcho: /"NoEcho"[ \t]*:[ \t]*"?true\b/i };
const YAML_PARENT = /^[ \t]*["']?(?<key>[A-Za-z][\w-]{0,100})["']?:[ \t]*(?:#.*)?\r?$/;
// A parameter's block is short; a `Default:` far below its name belongs to something else.
const MAX_BLOCK_LINES = 30;

/** A parameter's name and its sibling settings (the lines of its block at the `Default:` line's indent). */
interface Parameter {
  key: string;
  settings: string;
}

export function* cloudFormationDefaults(text: string, context: RuleContext): Iterable<Assignment> {
  // Templates are YAML or JSON; source code that says "parameters" and "Default" is not one.
  if (context.code || !text.includes('Default') || !context.lowerText().includes('parameters')) return;
  YAML_DEFAULT.lastIndex = 0;
  for (let m = YAML_DEFAULT.exec(text); m; m = YAML_DEFAULT.exec(text)) {
    const name = (['dq', 'sq', 'bare'] as const).find((g) => m!.groups![g] !== undefined)!;
    const parameter = yamlParameter(text, m.index, m.groups!.indent!);
    const kind = parameter && parameterKind(parameter.key, parameter.settings, YAML_SETTINGS);
    if (kind) yield defaultOf(parameter.key, kind, m.groups![name]!, m.indices!.groups![name]![0]);
  }
  if (!text.includes('"Default"')) return;
  JSON_DEFAULT.lastIndex = 0;
  for (let m = JSON_DEFAULT.exec(text); m; m = JSON_DEFAULT.exec(text)) {
    const { key, body, rest, value } = m.groups!;
    const kind = parameterKind(key!, `${body}${rest}`, JSON_SETTINGS);
    if (kind) yield defaultOf(key!, kind, value!, m.indices!.groups!.value![0]);
  }
}

/**
 * What a parameter's default is, or undefined when the block is no parameter (no `Type`) or says
 * nothing secret: a name read as a secret, or `NoEcho` under any other name.
 */
function parameterKind(key: string, settings: string, format: typeof YAML_SETTINGS): KeyKind | undefined {
  if (!format.type.test(settings)) return undefined;
  const kind = classifyKey(key);
  if (kind === 'password' || kind === 'secret') return kind;
  return format.noEcho.test(settings) ? 'secret' : undefined;
}

/**
 * The parameter a `Default:` line belongs to: the lines at its indent above and below it are its
 * settings, the first line indented less above it names it.
 */
function yamlParameter(text: string, lineStart: number, indent: string): Parameter | undefined {
  const lines = text
    .slice(Math.max(0, lineStart - 4000), lineStart)
    .split('\n')
    .slice(0, -1)
    .reverse();
  const settings: string[] = [];
  let key: string | undefined;
  for (const line of lines.slice(0, MAX_BLOCK_LINES)) {
    if (line.trim() === '') continue;
    const lead = /^[ \t]*/.exec(line)![0].length;
    if (lead === indent.length) settings.push(line);
    else if (lead < indent.length) {
      key = YAML_PARENT.exec(line)?.groups!.key;
      break;
    }
  }
  if (!key) return undefined;
  const after = text
    .slice(lineStart, lineStart + 4000)
    .split('\n')
    .slice(1, MAX_BLOCK_LINES);
  for (const line of after) {
    if (line.trim() === '') continue;
    const lead = /^[ \t]*/.exec(line)![0].length;
    if (lead < indent.length) break;
    if (lead === indent.length) settings.push(line);
  }
  return { key, settings: settings.join('\n') };
}
