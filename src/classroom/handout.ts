import { UserError } from '../util/errors.js';
import { hasControlCharacters, safeText } from '../util/terminal-text.js';
import { parseAddressList } from '../vault/address-list.js';
import { APPROLE_MOUNT, KV_MOUNT, studentRoleName, workspacePath } from './layout.js';

/**
 * A student's handout: a small text file the instructor hands out (print, mail, LMS), holding the
 * class Vault address, the student's role_id and a response-wrapped secret_id — a single-use
 * wrapping token, so whoever unwraps it first gets the secret_id and a second unwrap fails loudly.
 * The lines with a `Label:` are read back by `classroom join`.
 */
export interface Handout {
  studentId: string;
  name: string;
  /** One address, or a cluster's nodes separated by commas (join tries each). */
  address: string;
  roleId: string;
  /** The wrapping token (a secret until it is used; written nowhere but the handout). */
  wrappedSecretId: string;
  /** When the wrapping token stops working (ISO time). */
  expiresAt: string;
}

const LABELS = {
  student: 'Student',
  address: 'Vault address',
  roleId: 'Role ID',
  wrapped: 'Wrapped secret ID',
  expires: 'Unwrap before',
} as const;

export function renderHandout(handout: Handout): string {
  const { studentId: id } = handout;
  const nodes = handout.address.split(',');
  // The vault CLI takes one address: the first node, with the others named as fallbacks.
  const address = nodes[0]!;
  const others =
    nodes.length > 1
      ? `\n  # The class Vault is a cluster: if ${address} does not answer, use another of\n  #   ${nodes.slice(1).join(' ')}`
      : '';
  const role = studentRoleName(id);
  const label = (text: string) => `${text}:`.padEnd(20);
  return `secrets-workbook classroom: your credentials for the class Vault
===================================================================

${label(LABELS.student)}${handout.name} (${id})
${label(LABELS.address)}${handout.address}
${label(LABELS.roleId)}${handout.roleId}
${label(LABELS.wrapped)}${handout.wrappedSecretId}
${label(LABELS.expires)}${handout.expiresAt}

Keep this file private. The wrapped secret ID works exactly once: the first unwrap returns your
secret ID and uses it up. If joining ever says it was already used and you did not do it, tell
your instructor at once: someone else has your credentials, and the instructor can revoke them.

Start
-----
1. Join the class (unwraps your secret ID once, checks that it logs in, and keeps your role ID
   and secret ID in a private file readable only by you):

     npx secrets-workbook classroom join ${id}.txt

2. Work through the course, and send each graded result to the class:

     npx secrets-workbook
     npx secrets-workbook grade approle --submit

Your space in the class Vault
-----------------------------
Your AppRole (role "${role}") may read and write ${KV_MOUNT}/${workspacePath(id)}/* (KV v2 at ${KV_MOUNT}/)
and submit your own results. Nothing else: not another student's paths, not the class list.
After step 1 your secret ID is in the file that join names (classroom.json, readable only by you).
${others}
  export VAULT_ADDR=${address}
  export VAULT_TOKEN=$(vault write -field=token auth/${APPROLE_MOUNT}/login \\
      role_id=<your role ID> secret_id=<your secret ID>)
  vault kv put -mount=${KV_MOUNT} ${workspacePath(id)}/app greeting=hello

By hand instead of step 1 (what join does; the trusted-orchestrator pattern)
-----------------------------------------------------------------------------
Do either this or step 1, not both: the wrapped secret ID works once.

  export VAULT_ADDR=${address}
  vault write sys/wrapping/lookup token=<wrapped secret ID>
      # creation_path must be auth/${APPROLE_MOUNT}/role/${role}/secret-id, or do not use it
  VAULT_TOKEN=<wrapped secret ID> vault unwrap -field=secret_id
  export SECRETS_WORKBOOK_CLASS_ADDR=${handout.address}
  export SECRETS_WORKBOOK_CLASS_ROLE_ID=<your role ID>
  export SECRETS_WORKBOOK_CLASS_SECRET_ID=<your secret ID>
`;
}

export function parseHandout(text: string, source = 'handout'): Handout {
  const field = (name: string): string | undefined => {
    const match = new RegExp(`^${name}:[ \\t]+(\\S.*?)[ \\t]*$`, 'm').exec(text);
    return match?.[1];
  };
  const student = field(LABELS.student);
  const address = field(LABELS.address);
  const roleId = field(LABELS.roleId);
  const wrappedSecretId = field(LABELS.wrapped);
  const missing = [
    [LABELS.student, student],
    [LABELS.address, address],
    [LABELS.roleId, roleId],
    [LABELS.wrapped, wrappedSecretId],
  ]
    .filter(([, value]) => !value)
    .map(([name]) => `"${name}:"`);
  if (missing.length > 0)
    throw new UserError(`${source} is not a secrets-workbook classroom handout (no ${missing.join(', ')} line)`);
  const idMatch = /^(.*) \(([a-z0-9][a-z0-9_-]*)\)$/.exec(student!);
  if (!idMatch) throw new UserError(`${source}: the "Student:" line should end with the student id in parentheses`);
  const addresses = parseAddressList(address!, 'the Vault address');
  if ('error' in addresses || !addresses.addresses.every(isVaultUrl))
    throw new UserError(`${source}: the Vault address ${safeText(JSON.stringify(address))} is not an http(s) URL`);
  if (hasControlCharacters(text.replace(/\r?\n/g, '')))
    throw new UserError(`${source} has control characters (escape sequences); a handout from provision never does`);
  return {
    name: idMatch[1]!,
    studentId: idMatch[2]!,
    address: addresses.addresses.join(','),
    roleId: roleId!,
    wrappedSecretId: wrappedSecretId!,
    expiresAt: field(LABELS.expires) ?? '',
  };
}

/** An http(s) URL with a host and nothing a terminal or a shell line could trip on. */
export function isVaultUrl(text: string): boolean {
  if (!/^https?:\/\/[^\s/]+\S*$/.test(text) || hasControlCharacters(text)) return false;
  try {
    return Boolean(new URL(text).host);
  } catch {
    return false;
  }
}
