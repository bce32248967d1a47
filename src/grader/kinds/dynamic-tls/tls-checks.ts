import type { X509Certificate } from 'node:crypto';
import type { PkiScenarioDefinition } from '../../../course/scenario-schema.js';
import type { PlacedCheck, Verdict } from '../../planned-checks.js';
import type { ProgramOutcome } from '../vault-app/checks.js';
import type { GradingCa } from './grading-ca.js';
import type { CertificateWatch, ServedCertificate } from './certificate-watch.js';

/**
 * The dynamic-TLS checks: from the audit trail, that the app issued from the role with its AppRole
 * token; from what it served, that the certificate is the grader's CA's, known to Vault by its
 * serial, for the role's name, no longer-lived than the role allows, and replaced by a new one
 * before it expired. `exit` is replaced: this app keeps serving.
 */
export function pkiChecks(scenario: PkiScenarioDefinition): PlacedCheck[] {
  const path = `${scenario.mount}/issue/${scenario.role}`;
  return [
    {
      id: 'issues-certificate',
      title: `Issues its TLS certificate from ${path} with its AppRole token`,
      position: 'after-reads',
    },
    {
      id: 'serves-issued-certificate',
      title: `Serves HTTPS on PORT with a certificate for ${scenario.commonName} that Vault's CA issued`,
      position: 'after-reads',
    },
    {
      id: 'lifetime-within-role',
      title: `Serves a certificate that lives no longer than the role allows (${scenario.maxTtlSeconds} s)`,
      position: 'after-reads',
    },
    {
      id: 'reissues-before-expiry',
      title: 'Issues a new certificate and serves it before the first one expires',
      position: 'after-reads',
    },
    { id: 'exit', title: 'Keeps serving until the grader stops it (a long-running app)', position: 'after-reads' },
  ];
}

export interface PkiInputs {
  scenario: PkiScenarioDefinition;
  watch: CertificateWatch;
  ca: GradingCa;
  /** What Vault holds under each served serial (undefined: it never issued it). */
  known: Map<string, X509Certificate | undefined>;
  outcome: ProgramOutcome;
}

export function pkiVerdicts(input: PkiInputs): Map<string, Verdict> {
  const verdicts = new Map<string, Verdict>();
  verdicts.set('issues-certificate', issuesVerdict(input));
  const first = input.watch.served[0];
  verdicts.set('serves-issued-certificate', first ? servedVerdict(input, first) : notServed(input));
  verdicts.set('lifetime-within-role', lifetimeVerdict(input, first));
  verdicts.set('reissues-before-expiry', reissueVerdict(input));
  const exit = exitVerdict(input.outcome);
  if (exit) verdicts.set('exit', exit);
  return verdicts;
}

function issuesVerdict({ scenario, watch }: PkiInputs): Verdict {
  const path = `${scenario.mount}/issue/${scenario.role}`;
  const issues = watch.issues;
  if (issues.length > 0)
    return [true, `issued ${plural(issues.length, 'certificate')} from ${path} with its AppRole token`];
  const tried = watch.tokens.requests.filter((request) => request.path.startsWith(`${scenario.mount}/`));
  const detail = tried.length
    ? `it asked ${tried[0]!.operation} ${tried[0]!.path} (${tried[0]!.success ? 'answered' : `refused: ${tried[0]!.error ?? 'denied'}`}), never a successful write to ${path}`
    : `the audit trail shows no request to ${path} from the app`;
  return [
    false,
    detail,
    `After the AppRole login, write to ${path} with common_name=${scenario.commonName}: the answer holds certificate, private_key, issuing_ca and expiration. hvac: client.secrets.pki.generate_certificate(name="${scenario.role}", common_name="${scenario.commonName}", mount_point="${scenario.mount}").`,
  ];
}

function notServed({ watch }: PkiInputs): Verdict {
  return [
    false,
    `no certificate was served on 127.0.0.1:PORT (${plural(watch.attempts, 'attempt')}; the last: ${watch.lastError || 'no answer'})`,
    'Listen on 127.0.0.1 at the port in the PORT variable and speak TLS there with the certificate and private key from the issue answer (Python: ssl.SSLContext.load_cert_chain; Node: https.createServer({cert, key}); Go: tls.Config).',
  ];
}

function servedVerdict({ ca, known, scenario }: PkiInputs, served: ServedCertificate): Verdict {
  const { certificate, serial } = served;
  const signedByCa = certificate.checkIssued(ca.certificate) && certificate.verify(ca.certificate.publicKey);
  if (!signedByCa) {
    const self = certificate.subject === certificate.issuer;
    return [
      false,
      self
        ? `it served a self-signed certificate (${oneLine(certificate.subject)}), not one from Vault's CA`
        : `it served a certificate issued by ${oneLine(certificate.issuer)}, not by the grader's CA (${ca.commonName})`,
      `Serve the certificate that ${scenario.mount}/issue/${scenario.role} returned, not one made elsewhere: clients trust the CA in Vault, nothing else.`,
    ];
  }
  const stored = known.get(serial);
  if (!stored || stored.fingerprint256 !== certificate.fingerprint256)
    return [false, `serial ${serial} is not one Vault issued (${scenario.mount}/cert/${serial} knows nothing of it)`];
  if (!certificate.checkHost(scenario.commonName))
    return [
      false,
      `the certificate is not for ${scenario.commonName} (${certificate.subjectAltName ?? certificate.subject})`,
    ];
  return [true, `served serial ${serial}, issued by ${ca.commonName} for ${scenario.commonName}, known to Vault`];
}

function lifetimeVerdict({ scenario }: PkiInputs, served: ServedCertificate | undefined): Verdict {
  if (!served) return [false, 'no certificate was served to judge'];
  const { certificate } = served;
  const lifetime = Math.round((Date.parse(certificate.validTo) - Date.parse(certificate.validFrom)) / 1000);
  // Vault backdates notBefore by 30 s; the TTL is what follows.
  const ttl = lifetime - 30;
  if (ttl <= scenario.maxTtlSeconds) return [true, `it lives ${ttl} s (the role allows ${scenario.maxTtlSeconds} s)`];
  return [
    false,
    `it lives ${ttl} s, longer than the role's max_ttl of ${scenario.maxTtlSeconds} s: it did not come from the role`,
  ];
}

function reissueVerdict({ watch, scenario, ca, known }: PkiInputs): Verdict {
  const [first, ...later] = watch.served;
  if (!first) return [false, 'no certificate was served, so none was replaced'];
  const expiry = Date.parse(first.certificate.validTo);
  const replacement = later.find(
    (served) =>
      served.firstSeen < expiry &&
      served.certificate.verify(ca.certificate.publicKey) &&
      known.get(served.serial)?.fingerprint256 === served.certificate.fingerprint256,
  );
  if (replacement)
    return [
      true,
      `served a new certificate (serial ${replacement.serial}) ${Math.round((expiry - replacement.firstSeen) / 1000)} s before the first one expired`,
    ];
  const issues = watch.issues.length;
  if (!first.certificate.verify(ca.certificate.publicKey))
    return [
      false,
      `the certificate it served first did not come from Vault's CA, and no certificate of the CA followed it`,
    ];
  return [
    false,
    later.length
      ? `it served another certificate, but not one Vault's CA issued, or not before ${first.serial} expired`
      : `it served ${first.serial} until it expired and issued ${issues <= 1 ? 'no new one' : `${issues - 1} more without serving them`}`,
    `A certificate from ${scenario.mount}/issue/${scenario.role} lives ${scenario.ttlSeconds} s. Schedule a new issue once two thirds of its lifetime (expiration in the answer, minus now) have passed, and swap it in without restarting: Python ssl.SSLContext.load_cert_chain again, Node server.setSecureContext, Go tls.Config.GetCertificate.`,
  ];
}

function exitVerdict(outcome: ProgramOutcome): Verdict | undefined {
  if (outcome.kind !== 'ran') return undefined;
  const { result } = outcome;
  if (result.stoppedByGrader)
    return [true, 'it kept serving until the grader stopped it (a long-running app is what this challenge asks for)'];
  if (result.timedOut || result.exitCode !== 0) return undefined;
  return [
    false,
    'it exited with status 0 while the grader was still watching its certificate',
    'This app is a server: keep serving HTTPS, and keep its certificate fresh, until it is stopped.',
  ];
}

function oneLine(text: string): string {
  return text.replaceAll('\n', ', ');
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
