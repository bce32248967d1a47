import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import envPaths from 'env-paths';
import writeFileAtomic from 'write-file-atomic';
import * as z from 'zod';
import { UserError } from '../util/errors.js';
import { parseAddressList } from '../vault/address-list.js';

/**
 * A student's own credentials for the class Vault, as `grade --submit` uses them. They come from
 * the environment (CI, or a student who unwrapped by hand) or from the private file that
 * `classroom join` writes once, after unwrapping the handout's secret_id. The names are not
 * VAULT_ROLE_ID/VAULT_SECRET_ID on purpose: those belong to the learner's own program and often
 * point at the playground Vault.
 */
export interface ClassroomCredentials {
  address: string;
  roleId: string;
  secretId: string;
  /** Where they came from, for messages: "the environment" or the file path. */
  source: string;
}

export const ENV_ADDR = 'SECRETS_WORKBOOK_CLASS_ADDR';
export const ENV_ROLE_ID = 'SECRETS_WORKBOOK_CLASS_ROLE_ID';
export const ENV_SECRET_ID = 'SECRETS_WORKBOOK_CLASS_SECRET_ID';

const credentialsFileSchema = z.object({
  version: z.literal(1),
  /** One address, or a cluster's nodes separated by commas. */
  address: z.string().refine((text) => !('error' in parseAddressList(text)), 'an http(s) URL or a list of them'),
  studentId: z.string(),
  roleId: z.string().min(1),
  secretId: z.string().min(1),
  joinedAt: z.string(),
});
export type CredentialsFile = z.infer<typeof credentialsFileSchema>;

/** Next to the progress file: $SECRETS_WORKBOOK_HOME or the OS config folder. */
export function defaultCredentialsFile(env: NodeJS.ProcessEnv = process.env): string {
  const home = env.SECRETS_WORKBOOK_HOME;
  return join(home || envPaths('secrets-workbook', { suffix: '' }).config, 'classroom.json');
}

export async function saveCredentials(file: string, credentials: CredentialsFile): Promise<void> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  await writeFileAtomic(file, `${JSON.stringify(credentialsFileSchema.parse(credentials), null, 2)}\n`, {
    mode: 0o600,
  });
}

export async function readCredentialsFile(file: string): Promise<CredentialsFile | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new UserError(`cannot read your classroom credentials ${file}: ${(error as Error).message}`);
  }
  try {
    return credentialsFileSchema.parse(JSON.parse(text));
  } catch {
    throw new UserError(
      `your classroom credentials file ${file} is damaged; ask your instructor for a new handout and run classroom join again`,
    );
  }
}

/** The environment wins over the join file; a half-set environment is an error, not a fallback. */
export async function loadClassroomCredentials(
  options: { env?: NodeJS.ProcessEnv; file?: string } = {},
): Promise<ClassroomCredentials> {
  const env = options.env ?? process.env;
  const fromEnv = [ENV_ADDR, ENV_ROLE_ID, ENV_SECRET_ID].map((name) => env[name]?.trim() || undefined);
  if (fromEnv.some(Boolean)) {
    const missing = [ENV_ADDR, ENV_ROLE_ID, ENV_SECRET_ID].filter((_, index) => !fromEnv[index]);
    if (missing.length > 0)
      throw new UserError(
        `set ${missing.join(' and ')} too, or unset the other SECRETS_WORKBOOK_CLASS_* variables to use the credentials from classroom join`,
      );
    const [address, roleId, secretId] = fromEnv as [string, string, string];
    const parsed = parseAddressList(address, ENV_ADDR);
    if ('error' in parsed) throw new UserError(parsed.error);
    return { address: parsed.addresses.join(','), roleId, secretId, source: 'the environment' };
  }
  const file = options.file ?? defaultCredentialsFile(env);
  const saved = await readCredentialsFile(file);
  if (!saved) {
    throw new UserError(
      `no classroom credentials: run "secrets-workbook classroom join HANDOUT" with the handout from your instructor (or set ${ENV_ADDR}, ${ENV_ROLE_ID} and ${ENV_SECRET_ID})`,
    );
  }
  return { address: saved.address, roleId: saved.roleId, secretId: saved.secretId, source: file };
}
