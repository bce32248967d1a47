import { X509Certificate } from 'node:crypto';
import type { ProjectDefinition } from '../../../course/project-schema.js';
import type { Verdict } from '../../planned-checks.js';
import type { ProgramOutcome } from '../vault-app/checks.js';
import type { TlsProbe } from './tls-probe.js';

/**
 * `serves-tls`: the app served HTTPS on 127.0.0.1:$PORT with the very certificate Vault holds at
 * grading time (the leaf compared byte for byte; the completed handshake proves it holds the
 * matching key) and answered `GET /`. A failure says what the grader met on the port.
 */
export interface TlsCheckInputs {
  probe: TlsProbe;
  outcome: ProgramOutcome;
  tls: ProjectDefinition['tls'];
  mount: string;
  /** The certificate (PEM) in Vault when the grade is judged; undefined if there is none. */
  stored: string | undefined;
  timeoutSeconds: number;
}

export function tlsVerdict(inputs: TlsCheckInputs): Verdict {
  const { probe, outcome, tls, mount } = inputs;
  const where = `${mount}/${tls.path}`;
  const address = `https://127.0.0.1:${probe.port}/`;
  const howTo = serveHowTo(where, tls.certificate);
  if (outcome.kind !== 'ran')
    return [
      false,
      'the program did not run, so it served nothing',
      'Fix what stopped it first (see the `exit` check).',
    ];
  const answer = probe.answer;
  if (!answer) {
    const ended = endedBecause(outcome, inputs.timeoutSeconds);
    if (!probe.accepted)
      return [
        false,
        `nothing listened on 127.0.0.1:${probe.port} (the PORT it was given) ${ended}`,
        `Once it has its secrets, an API serves: ${howTo} Keep it running; the grader stops it.`,
      ];
    return [
      false,
      `something accepted connections on 127.0.0.1:${probe.port}, but no TLS handshake completed ${ended}`,
      howTo,
    ];
  }
  if (answer.kind === 'not-tls')
    return [
      false,
      `something listened on 127.0.0.1:${probe.port} but did not speak TLS (${answer.error}): plain HTTP?`,
      `Serve HTTPS, not HTTP: ${howTo}`,
    ];
  const served = describe(answer.certificate);
  const inVault = inputs.stored ? parse(inputs.stored) : undefined;
  if (!inVault)
    return [
      false,
      `it served ${served.text}, but ${where} holds no ${tls.certificate} to compare it with`,
      `The certificate it serves must be the one in ${where} (see part 1).`,
    ];
  if (!inVault.raw.equals(answer.certificate))
    return [
      false,
      `it served ${served.text}, not the certificate in ${where} (${describe(inVault.raw).text})`,
      `Serve the certificate and key read from ${where} at startup, not a file or one made by the program. ${howTo}`,
    ];
  if (!answer.statusLine?.startsWith('HTTP/'))
    return [
      false,
      `it completed a TLS handshake with the certificate in ${where}, but sent no HTTP answer to GET /`,
      'Serve HTTP inside the TLS connection (an HTTPS server), answering at least GET / (a health check: 200 ok).',
    ];
  return [
    true,
    `${address} served the certificate in ${where} (${served.text}) over ${answer.protocol} and answered GET / with ${answer.statusLine.replace(/^HTTP\/\S+\s*/, '')}`,
  ];
}

function serveHowTo(where: string, key: string): string {
  return `listen on 127.0.0.1 at the port in PORT with the ${key} and private key read from ${where} — Node: https.createServer({ cert, key }).listen(port, '127.0.0.1'); Python: ssl.SSLContext.load_cert_chain (files in a private temporary folder) around http.server; Go: http.Server with tls.X509KeyPair and ListenAndServeTLS("", "").`;
}

function endedBecause(outcome: Extract<ProgramOutcome, { kind: 'ran' }>, timeoutSeconds: number): string {
  const { result } = outcome;
  if (result.timedOut) return `in the ${timeoutSeconds} s it ran`;
  if (result.stoppedByGrader) return 'before the grader stopped it';
  if (result.exitCode !== undefined) return `before it exited (status ${result.exitCode})`;
  return `before it was killed${result.signal ? ` by ${result.signal}` : ''}`;
}

function parse(encoded: string | Buffer): X509Certificate | undefined {
  try {
    return new X509Certificate(encoded);
  } catch {
    return undefined;
  }
}

/** `CN=api.mini.internal, sha256 AB:CD:EF:01…`: a certificate is public, its fingerprint says which. */
function describe(der: Buffer): { text: string } {
  const certificate = parse(der);
  if (!certificate) return { text: 'a certificate the grader could not read' };
  return {
    text: `${certificate.subject.replace(/\n/g, ', ')}, sha256 ${certificate.fingerprint256.slice(0, 23)}…`,
  };
}
