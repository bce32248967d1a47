import { VaultAdmin, VaultApiError } from '../vault/admin-client.js';
import { UserError } from '../util/errors.js';
import { parseAddressList } from '../vault/address-list.js';

/**
 * The instructor's side talks to whatever Vault VAULT_ADDR names (the compose one, a cluster, an
 * OpenBao) with the instructor's VAULT_TOKEN; nothing here depends on a server we start.
 */
export function instructorAddresses(env: NodeJS.ProcessEnv = process.env): string[] {
  const text = env.VAULT_ADDR?.trim();
  if (!text) throw new UserError('set VAULT_ADDR to the class Vault (e.g. export VAULT_ADDR=http://127.0.0.1:8200)');
  const parsed = parseAddressList(text);
  if ('error' in parsed) throw new UserError(parsed.error);
  return parsed.addresses;
}

/** The one address of a single-server command (init); a list is refused with what to do instead. */
export function instructorAddress(env: NodeJS.ProcessEnv = process.env): string {
  const addresses = instructorAddresses(env);
  if (addresses.length > 1)
    throw new UserError(
      `VAULT_ADDR lists ${addresses.length} nodes; classroom init initialises one: set VAULT_ADDR to one node, then unseal the others with classroom unseal`,
    );
  return addresses[0]!;
}

/** A VaultAdmin with the instructor's token, after checking the server is up and the token works. */
export async function connectInstructor(env: NodeJS.ProcessEnv = process.env): Promise<VaultAdmin> {
  const addresses = instructorAddresses(env);
  const token = env.VAULT_TOKEN?.trim();
  if (!token)
    throw new UserError(
      'set VAULT_TOKEN to an instructor token for the class Vault (the root token from classroom init, or a token with the instructor policy)',
    );
  if (/^replace-me/i.test(token))
    throw new UserError(
      'VAULT_TOKEN is the placeholder from .env.example: put a long random string in .env (see .env.example), restart the class Vault, and use that',
    );
  const admin = new VaultAdmin(addresses, token);
  await admin.endpoints.discoverLeader();
  const address = admin.address;
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
