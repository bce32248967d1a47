import type { X509Certificate } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { connect } from 'node:tls';
import type { PkiScenarioDefinition } from '../../../course/scenario-schema.js';
import type { AuditEntry } from '../../../vault/audit/entry.js';
import type { RunWatcher } from '../vault-app/app-run.js';
import { AppTokens, type AppRequest } from '../vault-app/app-tokens.js';

/**
 * Follows a dynamic-TLS app while it runs: its `issue` requests in the audit trail, and the
 * certificate it serves on 127.0.0.1:$PORT, fetched again every half second the way a client
 * would (SNI: the role's name; not verified here — the checks compare it with the grader's CA and
 * with what Vault issued). Satisfied once two different certificates have been served; the run
 * is ended (`stopSignal`) a moment after the first served certificate expires (or after the role's
 * max_ttl, for one that claims to live longer), re-issued or not.
 */
export interface ServedCertificate {
  certificate: X509Certificate;
  /** Vault's spelling of its serial: lower-case hex pairs joined by colons. */
  serial: string;
  /** Local time (ms) it was first served. */
  firstSeen: number;
}

const POLL_MS = 500;
const ATTEMPT_MS = 2_000;
/** After the first certificate's end, how long the grader still looks for a new one. */
const GRACE_MS = 2_000;

export class CertificateWatch implements RunWatcher {
  readonly served: ServedCertificate[] = [];
  readonly tokens: AppTokens;
  readonly #stop = new AbortController();
  #finished = false;
  #changed: (() => void) | undefined;
  #lastError = '';
  #attempts = 0;

  constructor(
    readonly port: number,
    private readonly scenario: PkiScenarioDefinition,
    roleIdHash: string,
  ) {
    this.tokens = new AppTokens(roleIdHash);
  }

  get stopSignal(): AbortSignal {
    return this.#stop.signal;
  }

  get satisfied(): boolean {
    return this.served.length >= 2;
  }

  /** Why no certificate was fetched, the last time one was not. */
  get lastError(): string {
    return this.#lastError;
  }

  get attempts(): number {
    return this.#attempts;
  }

  /** The app's successful requests to the role's issue path, with a token from its own login. */
  get issues(): AppRequest[] {
    const path = `${this.scenario.mount}/issue/${this.scenario.role}`;
    return this.tokens.requests.filter(
      (request) => request.path === path && request.operation === 'update' && request.success && request.login,
    );
  }

  onAuditEntry(entry: AuditEntry): void {
    this.tokens.add(entry);
  }

  watch(changed: () => void): void {
    this.#changed = changed;
    void this.#poll();
  }

  finish(): void {
    this.#finished = true;
  }

  async #poll(): Promise<void> {
    while (!this.#finished && !this.satisfied) {
      this.#attempts++;
      const certificate = await fetchServed(this.port, this.scenario.commonName).catch((error: Error) => {
        this.#lastError = error.message;
        return undefined;
      });
      if (certificate) this.#note(certificate);
      const first = this.served[0];
      // The first certificate's end — or, for one that did not come from the role, the longest the role allows.
      const end =
        first && Math.min(Date.parse(first.certificate.validTo), first.firstSeen + this.scenario.maxTtlSeconds * 1000);
      if (first && Date.now() > end! + GRACE_MS) {
        this.#stop.abort();
        return;
      }
      if (!this.satisfied) await sleep(POLL_MS);
    }
  }

  #note(certificate: X509Certificate): void {
    const serial = vaultSerial(certificate);
    if (this.served.some((known) => known.serial === serial)) return;
    this.served.push({ certificate, serial, firstSeen: Date.now() });
    this.#changed?.();
  }
}

export function vaultSerial(certificate: X509Certificate): string {
  const hex = certificate.serialNumber.toLowerCase();
  return (hex.length % 2 ? `0${hex}` : hex).match(/../g)!.join(':');
}

/** One TLS handshake with the app; the leaf certificate it presented. */
function fetchServed(port: number, serverName: string): Promise<X509Certificate> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, servername: serverName, rejectUnauthorized: false });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no TLS handshake within ${ATTEMPT_MS / 1000} s`));
    }, ATTEMPT_MS);
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      const certificate = socket.getPeerX509Certificate();
      if (certificate) resolve(certificate);
      else reject(new Error('the TLS handshake came without a certificate'));
      // Finish like a client (a request, then close once answered) rather than cut the handshake short.
      socket.write(`GET / HTTP/1.1\r\nHost: ${serverName}\r\nConnection: close\r\n\r\n`);
      socket.once('data', () => socket.end());
      setTimeout(() => socket.destroy(), ATTEMPT_MS).unref();
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      // After the handshake (resolved already), an error while closing changes nothing.
      socket.destroy();
      reject(new Error(error.code === 'ECONNREFUSED' ? 'nothing listens on PORT' : (error.code ?? error.message)));
    });
  });
}
