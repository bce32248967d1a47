import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { VaultAdmin } from '../../vault/admin-client.js';
import type { CheckOutcome, RenderedFileCheck } from './types.js';

/**
 * A file Vault Agent renders in the learner's folder: it holds the current value of one KV key,
 * alone (surrounding whitespace aside), and only its owner can read it. The value is compared in
 * memory and never shown; the detail says which version matched, or what is off.
 */
export async function runRenderedFileCheck(
  admin: VaultAdmin,
  check: RenderedFileCheck,
  workDir: string,
): Promise<CheckOutcome> {
  const file = resolve(workDir, check.file);
  const content = await readFile(file, 'utf8').catch(() => undefined);
  if (content === undefined) return { done: false, detail: `there is no ${check.file} yet: Agent has not rendered it` };
  const secret = await admin.kvGet(check.mount, check.path);
  const value = secret?.data[check.key];
  if (typeof value !== 'string')
    return { done: false, detail: `${check.mount}/${check.path} has no ${check.key} to compare with` };
  const rendered = content.trim();
  if (rendered !== value)
    return {
      done: false,
      detail: rendered.includes(value)
        ? `${check.file} holds the ${check.key} with other text around it: render the value alone`
        : `${check.file} does not hold the current ${check.key} of ${check.mount}/${check.path} (version ${secret!.version})`,
    };
  const mode = (await stat(file)).mode & 0o777;
  if (mode & 0o077)
    return {
      done: false,
      detail: `${check.file} holds the ${check.key}, but others may read it (mode ${mode.toString(8)}): perms = "0600"`,
    };
  return {
    done: true,
    detail: `${check.file} holds the current ${check.key} of ${check.mount}/${check.path} (version ${secret!.version}), readable by you only`,
  };
}
