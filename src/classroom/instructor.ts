import { VaultAdmin, VaultApiError } from '../vault/admin-client.js';
import { UserError } from '../util/errors.js';

/**
 * The instructor's side talks to whatever Vault VAULT_ADDR names (the compose one, a cluster, an
 * OpenBao) with the instructor's VAULT_TOKEN; nothing here depends on a server we start.
 */
export function instructorAddress(env: NodeJS.ProcessEnv = process.env): string {
  const address = env.VAULT_ADDR?.trim();
  if (!address) throw new UserError('set VAULT_ADDR to the class Vault (e.g. export VAULT_ADDR=http://127.0.0.1:8200)');
  if (!/^https?:\/\/[^\s/]+/.test(address))
    throw new UserError(`VAULT_ADDR must be an http(s) URL, not ${JSON.stringify(address)}`);
  return address.replace(/\/+$/, '');
}

/** A VaultAdmin with the instructor's token, after checking the server is up and the token works. */
export async function connectInstructor(env: NodeJS.ProcessEnv = process.env): Promise<VaultAdmin> {
  const address = instructorAddress(env);
  const token = env.VAULT_TOKEN?.trim();
  if (!token)
    throw new UserError(
      'set VAULT_TOKEN to an instructor token for the class Vault (the root token from classroom init, or a token with the instructor policy)',
    );
  if (/^replace-me/i.test(token))
    throw new UserError(
      'VAULT_TOKEN is the placeholder from .env.example: put a long random string in .env (see .env.example), restart the class Vault, and use that',
    );
  const admin = new VaultAdmin(address, token);
  await assertReady(admin);
  try {
    await admin.lookupSelf();
  } catch (error) {
    if (error instanceof VaultApiError && error.status === 403)
      throw new UserError(`VAULT_TOKEN is not a valid token for ${address} (permission denied)`);
    throw unreachable(error, address);
  }
  return admin;
}

export async function assertReady(admin: VaultAdmin): Promise<void> {
  let health: { initialized: boolean; sealed: boolean };
  try {
    health = await admin.health();
  } catch (error) {
    throw unreachable(error, admin.address);
  }
  if (health.initialized === false)
    throw new UserError(`the Vault at ${admin.address} is not initialised yet: run "secrets-workbook classroom init"`);
  if (health.sealed)
    throw new UserError(`the Vault at ${admin.address} is sealed: run "secrets-workbook classroom unseal --keys FILE"`);
}

export function unreachable(error: unknown, address: string): Error {
  if (error instanceof UserError) return error;
  if (error instanceof VaultApiError)
    return new UserError(`the Vault at ${address} answered ${error.status} (${error.message})`);
  return new UserError(`cannot reach the Vault at ${address}: ${(error as Error).message}`);
}
