import type { VaultAdmin } from '../../vault/admin-client.js';
import type { CheckOutcome, VaultCheck } from './types.js';

type PkiCheck = Extract<VaultCheck, { type: 'pki-role' }>;

/** A PKI engine ready to issue: mounted, holding a CA, and a role for the given names with a short max_ttl. */
export async function runPkiCheck(admin: VaultAdmin, check: PkiCheck): Promise<CheckOutcome> {
  const mounts = await admin.read<Record<string, { type: string }>>('sys/mounts');
  const mount = mounts.data[`${check.mount}/`];
  if (!mount) return { done: false, detail: `nothing is mounted at ${check.mount}/` };
  if (mount.type !== 'pki') return { done: false, detail: `${check.mount}/ is ${mount.type}, not the PKI engine` };
  const ca = await admin.readIfExists<{ certificate?: string }>(`${check.mount}/cert/ca`).catch(() => undefined);
  if (!ca?.data.certificate) return { done: false, detail: `${check.mount}/ has no CA yet (root/generate/internal)` };
  const role = await admin.readIfExists<{ allowed_domains?: string[]; max_ttl?: number }>(
    `${check.mount}/roles/${check.role}`,
  );
  if (!role) return { done: false, detail: `${check.mount}/ has no role ${check.role}` };
  const domains = role.data.allowed_domains ?? [];
  const missing = (check.allowedDomains ?? []).filter((domain) => !domains.includes(domain));
  if (missing.length) return { done: false, detail: `role ${check.role} does not allow ${missing.join(', ')}` };
  const maxTtl = role.data.max_ttl ?? 0;
  if (check.maxTtlSeconds !== undefined && (maxTtl === 0 || maxTtl > check.maxTtlSeconds))
    return {
      done: false,
      detail: `role ${check.role} lets certificates live ${maxTtl === 0 ? "as long as the mount's max" : `${maxTtl} s`}, not at most ${check.maxTtlSeconds} s`,
    };
  return { done: true, detail: `${check.mount}/ has a CA and role ${check.role} (max_ttl ${maxTtl} s)` };
}
