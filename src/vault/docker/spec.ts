import { UserError } from '../../util/errors.js';

/** Pinned images (never `latest`): the same server every run, on every machine. */
export const DOCKER_IMAGES = {
  vault: 'hashicorp/vault:2.1.1',
  openbao: 'openbao/openbao:2.7.2',
} as const;
export type DockerFlavor = keyof typeof DOCKER_IMAGES;

export const AUDIT_DEVICE = 'file';
const VAULT_PORT = 8200;

export interface ContainerSpec {
  image: string;
  flavor: DockerFlavor;
  command: string[];
  environment: Record<string, string>;
  rootToken: string;
  containerPort: number;
  /** Fixed host port (`--port`); a free one when undefined. */
  hostPort?: number;
  /** Publish on 127.0.0.1 only (when the engine runs on this machine). */
  loopbackOnly: boolean;
  /** Vault: enable the `file` device over the API after start (OpenBao gets it in its config). */
  enableAuditByApi: boolean;
}

/** `vault`, `openbao`, or a full image reference (a mirror); the flavor follows the name. */
export function resolveImage(choice: string | undefined): { image: string; flavor: DockerFlavor } {
  const value = choice?.trim() || 'vault';
  if (value === 'vault' || value === 'hashicorp') return { image: DOCKER_IMAGES.vault, flavor: 'vault' };
  if (value === 'openbao' || value === 'bao') return { image: DOCKER_IMAGES.openbao, flavor: 'openbao' };
  if (!/^[\w.\-/:@]+$/.test(value))
    throw new UserError(`not a Docker image: ${value} (use vault, openbao or a full image reference)`);
  return { image: value, flavor: /openbao/i.test(value) ? 'openbao' : 'vault' };
}

/**
 * The container both official images expect: their entrypoints turn `server` into
 * `<bin> server -config=<dir> -dev-root-token-id=$<P>_DEV_ROOT_TOKEN_ID
 * -dev-listen-address=$<P>_DEV_LISTEN_ADDRESS …` and write `$<P>_LOCAL_CONFIG` to
 * `<dir>/local.json` first, with P = VAULT for hashicorp/vault and BAO for openbao/openbao.
 */
export function buildContainerSpec(input: {
  image: string;
  flavor: DockerFlavor;
  rootToken: string;
  audit: boolean;
  hostPort?: number;
  loopbackOnly: boolean;
}): ContainerSpec {
  const prefix = input.flavor === 'openbao' ? 'BAO' : 'VAULT';
  const environment: Record<string, string> = {
    [`${prefix}_DEV_ROOT_TOKEN_ID`]: input.rootToken,
    [`${prefix}_DEV_LISTEN_ADDRESS`]: `0.0.0.0:${VAULT_PORT}`,
    // A dev server keeps everything in memory and needs no mlock; skip the setcap dance.
    SKIP_SETCAP: 'true',
  };
  if (input.audit && input.flavor === 'openbao') {
    // OpenBao refuses API-enabled audit devices; the entrypoint writes this to its config folder.
    environment.BAO_LOCAL_CONFIG = JSON.stringify({
      audit: [{ type: 'file', path: AUDIT_DEVICE, options: { file_path: 'stdout' } }],
    });
  }
  return {
    image: input.image,
    flavor: input.flavor,
    command: ['server', '-dev', '-dev-no-store-token'],
    environment,
    rootToken: input.rootToken,
    containerPort: VAULT_PORT,
    hostPort: input.hostPort,
    loopbackOnly: input.loopbackOnly,
    enableAuditByApi: input.audit && input.flavor === 'vault',
  };
}
