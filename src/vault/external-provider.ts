import { access, constants, stat } from 'node:fs/promises';
import { VaultAdmin } from './admin-client.js';
import { FileAuditTrail } from './audit/file-trail.js';
import type { Availability, RunningVault, StartOptions, VaultProvider } from './provider.js';
import { UserError } from '../util/errors.js';

/**
 * Someone else's Vault (a class Vault from docker compose, a team's server): VAULT_ADDR and
 * VAULT_TOKEN. Nothing is started and nothing is stopped. Its audit log can be followed only when
 * the file its `file` device writes is readable here (e.g. the compose file's volume):
 * SECRETS_WORKBOOK_AUDIT_LOG names it, SECRETS_WORKBOOK_AUDIT_DEVICE the device (default `file`).
 */
export interface ExternalProviderOptions {
  env?: NodeJS.ProcessEnv;
  /** Overrides VAULT_ADDR / VAULT_TOKEN / the audit variables. */
  address?: string;
  token?: string;
  auditLog?: string;
  auditDevice?: string;
  timeoutMs?: number;
}

export interface ExternalCheck {
  ok: boolean;
  /** One line: what is wrong, or what was found. */
  message: string;
  address?: string;
  policies?: string[];
}

const DEFAULT_TIMEOUT_MS = 3_000;

export class ExternalProvider implements VaultProvider {
  readonly name = 'external' as const;

  constructor(private readonly options: ExternalProviderOptions = {}) {}

  get #env(): NodeJS.ProcessEnv {
    return this.options.env ?? process.env;
  }

  get configured(): boolean {
    return Boolean(this.#address());
  }

  #address(): string | undefined {
    return (this.options.address ?? this.#env.VAULT_ADDR)?.trim() || undefined;
  }

  #token(): string | undefined {
    return (this.options.token ?? this.#env.VAULT_TOKEN)?.trim() || undefined;
  }

  #auditLog(): string | undefined {
    return (this.options.auditLog ?? this.#env.SECRETS_WORKBOOK_AUDIT_LOG)?.trim() || undefined;
  }

  #auditDevice(): string {
    return (this.options.auditDevice ?? this.#env.SECRETS_WORKBOOK_AUDIT_DEVICE)?.trim() || 'file';
  }

  /** Validate the address and the token with one request (`auth/token/lookup-self`). */
  async check(): Promise<ExternalCheck> {
    const raw = this.#address();
    if (!raw) return { ok: false, message: 'VAULT_ADDR is not set' };
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return { ok: false, message: `VAULT_ADDR is not a URL: ${raw}` };
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      return { ok: false, message: `VAULT_ADDR must start with http:// or https://, got ${raw}` };
    const address = raw.replace(/\/+$/, '');
    const token = this.#token();
    if (!token) return { ok: false, address, message: `VAULT_TOKEN is not set (needed for the Vault at ${address})` };
    const timeoutMs = this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    let response: Response;
    try {
      response = await fetch(`${address}/v1/auth/token/lookup-self`, {
        headers: { 'X-Vault-Token': token },
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      return { ok: false, address, message: describeFetchError(error, address, timeoutMs) };
    }
    const body = (await response.json().catch(() => undefined)) as
      { errors?: string[]; data?: { policies?: string[] } } | undefined;
    const firstError = body?.errors?.find(Boolean)?.split('\n')[0];
    if (response.status === 200)
      return {
        ok: true,
        address,
        policies: body?.data?.policies ?? [],
        message: `Vault at ${address} accepted VAULT_TOKEN`,
      };
    if (response.status === 403)
      return {
        ok: false,
        address,
        message: `the Vault at ${address} refused VAULT_TOKEN (403 permission denied): check the token`,
      };
    if (response.status === 503 || /sealed/i.test(firstError ?? '')) {
      return {
        ok: false,
        address,
        message: `the Vault at ${address} is sealed (503): unseal it, or ask whoever runs it`,
      };
    }
    return {
      ok: false,
      address,
      message: `${address} answered ${response.status} to auth/token/lookup-self${firstError ? `: ${firstError}` : ''} (is it a Vault server?)`,
    };
  }

  async #auditLogStatus(): Promise<{ path?: string; problem?: string }> {
    const path = this.#auditLog();
    if (!path)
      return {
        problem:
          'no audit log (set SECRETS_WORKBOOK_AUDIT_LOG to the file its audit device writes, to grade against it)',
      };
    try {
      await access(path, constants.R_OK);
      return { path };
    } catch {
      return { path, problem: `audit log ${path} is not readable here` };
    }
  }

  async availability(): Promise<Availability> {
    const check = await this.check();
    if (!check.ok) return { available: false, reason: check.message };
    const audit = await this.#auditLogStatus();
    const policies = check.policies?.length ? `, policies ${check.policies.join(',')}` : '';
    const auditPart = audit.problem ? `; ${audit.problem}` : `; audit log ${audit.path}`;
    return { available: true, reason: `${check.address} (token accepted${policies})${auditPart}` };
  }

  async start(options: StartOptions = {}): Promise<RunningVault> {
    const check = await this.check();
    if (!check.ok) throw new UserError(`external Vault: ${check.message}`);
    const address = check.address!;
    const token = this.#token()!;
    let auditTrail: FileAuditTrail | undefined;
    if (options.audit !== false) {
      const audit = await this.#auditLogStatus();
      if (audit.path && audit.problem) throw new UserError(`external Vault: ${audit.problem}`);
      if (audit.path) {
        const admin = new VaultAdmin(address, token);
        const device = this.#auditDevice();
        // Follow from the current end: what the log held before is other people's history.
        const { size } = await stat(audit.path);
        auditTrail = new FileAuditTrail(audit.path, (value) => admin.auditHash(device, value), { startOffset: size });
        options.onProgress?.(`following the audit log ${audit.path} (device ${device})`);
      } else {
        options.onProgress?.(`external Vault at ${address}: ${audit.problem}`);
      }
    }
    let stopped: Promise<void> | undefined;
    return {
      provider: 'external',
      address,
      rootToken: token,
      auditTrail,
      version: `external Vault at ${address}`,
      // Someone else's server: stopping only lets go of the audit log.
      stop: () => (stopped ??= (async () => void (await auditTrail?.close()))()),
    };
  }
}

function describeFetchError(error: unknown, address: string, timeoutMs: number): string {
  const name = (error as { name?: string }).name;
  if (name === 'TimeoutError' || name === 'AbortError') return `no answer from ${address} within ${timeoutMs / 1000} s`;
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  switch (cause?.code) {
    case 'ECONNREFUSED':
      return `nothing answered at ${address} (connection refused): is the server running?`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `cannot resolve the host in VAULT_ADDR=${address}`;
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return `${address} closed the connection (is it a Vault server, and http vs https right?)`;
    default:
      if (/bad port/i.test(cause?.message ?? (error as Error).message ?? '')) {
        return `${address} uses a port that HTTP clients refuse to connect to (a blocked port); use another`;
      }
      if (cause?.code?.startsWith('ERR_TLS') || /certificate|SSL|TLS/i.test(cause?.message ?? '')) {
        return `TLS to ${address} failed: ${cause?.message?.split('\n')[0]}`;
      }
      return `could not reach ${address}: ${(cause?.message ?? (error as Error).message ?? String(error)).split('\n')[0]}`;
  }
}
