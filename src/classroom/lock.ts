import { hostname } from 'node:os';
import { VaultApiError, type VaultAdmin } from '../vault/admin-client.js';
import { UserError } from '../util/errors.js';
import { KV_MOUNT } from './layout.js';

/**
 * One instructor command that changes the class at a time (provision, revoke), whoever runs it and
 * from wherever: a lease in the class Vault at secret/classroom/lock, taken with KV check-and-set
 * (two takers, one wins), renewed while the command runs, released at the end. A lease whose
 * holder died runs out after LEASE_MS, and the next run takes it over.
 */
const LOCK_PATH = 'classroom/lock';
const LEASE_MS = 120_000;
const RENEW_MS = 30_000;

interface LockDocument {
  holder: string;
  command: string;
  startedAt: string;
  expiresAt: string;
  released?: boolean;
}

export interface ClassLock {
  release(): Promise<void>;
}

export async function takeClassLock(admin: VaultAdmin, command: string, now = () => Date.now()): Promise<ClassLock> {
  const holder = `${hostname()} pid ${process.pid}`;
  const current = await admin.kvGet(KV_MOUNT, LOCK_PATH);
  const held = current?.data as LockDocument | undefined;
  if (held && !held.released && Date.parse(held.expiresAt) > now()) throw busy(held);
  const startedAt = new Date(now()).toISOString();
  const lease = (): LockDocument => ({
    holder,
    command,
    startedAt,
    expiresAt: new Date(now() + LEASE_MS).toISOString(),
  });
  let version: number;
  try {
    ({ version } = await admin.kvPutCas(KV_MOUNT, LOCK_PATH, { ...lease() }, current?.version ?? 0));
  } catch (error) {
    if (!isCasMismatch(error)) throw error;
    const winner = (await admin.kvGet(KV_MOUNT, LOCK_PATH))?.data as LockDocument | undefined;
    throw busy(winner ?? { holder: 'another run', command, startedAt, expiresAt: startedAt });
  }
  let chain = Promise.resolve();
  const renew = () =>
    (chain = chain.then(async () => {
      ({ version } = await admin.kvPutCas(KV_MOUNT, LOCK_PATH, { ...lease() }, version));
    }));
  const timer = setInterval(() => void renew().catch(() => undefined), RENEW_MS);
  timer.unref();
  return {
    async release() {
      clearInterval(timer);
      await chain.catch(() => undefined);
      await admin.kvPutCas(KV_MOUNT, LOCK_PATH, { ...lease(), released: true }, version).catch(() => undefined);
    },
  };
}

function busy(held: LockDocument): UserError {
  return new UserError(
    `another ${held.command} is running on this class (${held.holder}, since ${held.startedAt}); wait for it to finish and run this again (a run that died frees the class at ${held.expiresAt})`,
  );
}

const isCasMismatch = (error: unknown): boolean =>
  error instanceof VaultApiError && error.status === 400 && /check-and-set/.test(error.message);
