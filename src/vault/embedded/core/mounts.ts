import { mountAccessor, uuid } from './ids.js';
import type { Backend } from './logical.js';

export const RUNNING_PLUGIN_VERSION = 'v2.7.2+builtin.bao';

/** One row of the mount table (secrets engines and auth methods alike). */
export interface MountEntry {
  /** `secret/`, `sys/`, or for auth methods `approle/` (the table key; routed under `auth/`). */
  path: string;
  class: 'secret' | 'auth';
  type: string;
  description: string;
  accessor: string;
  uuid: string;
  local: boolean;
  sealWrap: boolean;
  options: Record<string, string> | null;
  config: {
    defaultLeaseTtl: number;
    maxLeaseTtl: number;
    passthroughRequestHeaders?: string[];
    /** `unauth` shows the mount in sys/internal/ui/mounts without a token. */
    listingVisibility?: string;
  };
  backend: Backend;
}

/** Builtin types that show `deprecation_status` in mount info (OpenBao 2.7.2, observed). */
const PLUGIN_TYPES = new Set(['kv', 'approle', 'jwt', 'pki']);

export function newMount(fields: Omit<MountEntry, 'accessor' | 'uuid'>): MountEntry {
  const prefix = fields.class === 'auth' ? `auth_${fields.type}` : fields.type;
  return { ...fields, accessor: mountAccessor(prefix), uuid: uuid() };
}

/** The JSON a mount shows in `sys/mounts`, `sys/auth` and the preflight endpoints. */
export function mountInfo(mount: MountEntry): Record<string, unknown> {
  const config: Record<string, unknown> = {
    default_lease_ttl: mount.config.defaultLeaseTtl,
    force_no_cache: false,
    max_lease_ttl: mount.config.maxLeaseTtl,
  };
  if (mount.config.passthroughRequestHeaders)
    config.passthrough_request_headers = mount.config.passthroughRequestHeaders;
  if (mount.config.listingVisibility) config.listing_visibility = mount.config.listingVisibility;
  if (mount.class === 'auth') config.token_type = 'default-service';
  const info: Record<string, unknown> = {
    accessor: mount.accessor,
    config,
    description: mount.description,
    external_entropy_access: false,
    local: mount.local,
    options: mount.options,
    plugin_version: '',
    running_plugin_version: RUNNING_PLUGIN_VERSION,
    running_sha256: '',
    seal_wrap: mount.sealWrap,
    type: mount.type,
    uuid: mount.uuid,
  };
  if (PLUGIN_TYPES.has(mount.type)) info.deprecation_status = 'supported';
  return info;
}

/**
 * The router's view: the longest mount prefix of a path wins. Auth mounts live under `auth/`.
 * Lookups are by prefix over a short list (a dev server has a handful of mounts).
 */
export class MountTable {
  readonly #secret = new Map<string, MountEntry>();
  readonly #auth = new Map<string, MountEntry>();
  /** [prefix with slash, prefix without, mount], longest first. */
  #routes: Array<[string, string, MountEntry]> = [];

  secretMounts(): MountEntry[] {
    return [...this.#secret.values()];
  }

  authMounts(): MountEntry[] {
    return [...this.#auth.values()];
  }

  get(path: string, cls: 'secret' | 'auth'): MountEntry | undefined {
    return (cls === 'auth' ? this.#auth : this.#secret).get(path);
  }

  add(mount: MountEntry): void {
    (mount.class === 'auth' ? this.#auth : this.#secret).set(mount.path, mount);
    this.#rebuild();
  }

  remove(mount: MountEntry): void {
    (mount.class === 'auth' ? this.#auth : this.#secret).delete(mount.path);
    this.#rebuild();
  }

  /** The full routing prefix of a mount (`secret/`, `auth/approle/`). */
  static routePrefix(mount: MountEntry): string {
    return mount.class === 'auth' ? `auth/${mount.path}` : mount.path;
  }

  /** The mount a logical path belongs to. A path equal to the mount without its slash matches too. */
  match(path: string): MountEntry | undefined {
    for (const [prefix, bare, mount] of this.#routes) {
      if (path.startsWith(prefix) || path === bare) return mount;
    }
    return undefined;
  }

  /** A mount whose routing prefix overlaps `prefix` (Vault refuses nested or equal mounts). */
  conflict(prefix: string): MountEntry | undefined {
    for (const [existing, , mount] of this.#routes) {
      if (prefix.startsWith(existing) || existing.startsWith(prefix)) return mount;
    }
    return undefined;
  }

  #rebuild(): void {
    const all = [...this.#secret.values(), ...this.#auth.values()].map((mount) => {
      const prefix = MountTable.routePrefix(mount);
      return [prefix, prefix.slice(0, -1), mount] as [string, string, MountEntry];
    });
    this.#routes = all.sort((a, b) => b[0].length - a[0].length);
  }
}
