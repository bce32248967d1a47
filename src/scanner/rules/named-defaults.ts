import type { RuleContext } from '../types.js';
import type { Assignment } from './assignment-parse.js';
import { cloudFormationDefaults } from './cloudformation-defaults.js';
import { classifyKey } from './key-names.js';
import { referenceDefaults } from './reference-defaults.js';

/**
 * A default value declared for a named setting, the name and the value apart: a command-line option
 * of argparse or click (`parser.add_argument("--db-password", default="…")`,
 * `@click.option('--api-token', default='…')`) and a Terraform or HCL variable (`variable
 * "db_password" {` … `default = "…"` … `}`). The default is what runs when nobody passes one, so it is
 * written in the code as any assignment is; the name says what it is. The defaults written inside a
 * reference (`${DB_PASSWORD:-…}`) and CloudFormation parameters' are read by their own modules, here too.
 */

// The option's long name, then up to 200 characters of other arguments on its line (no call in
// between: a `(` or `)` ends the search), then `default=`.
const OPTION_DEFAULT =
  /\b(?:add_argument|option)\([ \t]*(?<kq>["'])--?(?<key>[A-Za-z][\w-]{0,100})\k<kq>[^()\n]{0,200}?\bdefault[ \t]*=[ \t]*(?<q>["'])(?<value>[^"'\n]{1,200})\k<q>/dg;
// The variable's block up to its `default` (500 characters, no brace: a nested object ends the search).
const VARIABLE_DEFAULT =
  /\bvariable[ \t]+"(?<key>[A-Za-z_][\w-]{0,100})"[ \t]*\{[^{}]{0,500}?\bdefault[ \t]*=[ \t]*(?<q>")(?<value>[^"\n]{1,200})"/dg;

const FORMS = [
  { pattern: OPTION_DEFAULT, present: (lower: string) => lower.includes('default') && lower.includes('--') },
  { pattern: VARIABLE_DEFAULT, present: (lower: string) => lower.includes('variable') && lower.includes('default') },
];

const no = () => false;

export function* namedDefaults(text: string, context: RuleContext): Iterable<Assignment> {
  const lower = context.lowerText();
  for (const { pattern, present } of FORMS) {
    if (!present(lower)) continue;
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      const key = m.groups!.key!;
      yield {
        key,
        kind: classifyKey(key),
        value: m.groups!.value!,
        valueStart: m.indices!.groups!.value![0],
        quoted: true,
        inString: no,
        attribute: no,
      };
    }
  }
  yield* referenceDefaults(text, context);
  yield* cloudFormationDefaults(text, context);
}
