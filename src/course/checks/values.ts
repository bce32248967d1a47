import { createPrivateKey, X509Certificate } from 'node:crypto';
import { looksRandom } from '../../scanner/entropy.js';
import type { CheckOutcome, ValueRule } from './types.js';

/**
 * What a stored value must look like (`kv-secret` `values`): a postgres URL with a generated
 * password, a long random key, a certificate and key that belong together and serve a name today.
 * The values are judged in memory and never returned: a detail names the key and what is wrong
 * with it (a length, a scheme, a date, a certificate's subject), never the value or a part of it.
 */
export function judgeValue(
  where: string,
  key: string,
  rule: ValueRule,
  data: Record<string, unknown>,
  now = new Date(),
): CheckOutcome {
  const value = data[key];
  if (typeof value !== 'string' || value.trim() === '')
    return { done: false, detail: `${where} ${key} is empty or not a string` };
  switch (rule.format) {
    case 'postgres-url':
      return postgresUrl(`${where} ${key}`, value, rule.minPasswordLength ?? 16);
    case 'random':
      return randomKey(`${where} ${key}`, value, rule.minLength);
    case 'tls-certificate':
      return tlsPair(where, key, value, rule, data, now);
  }
}

function postgresUrl(name: string, value: string, minPasswordLength: number): CheckOutcome {
  let url: URL;
  try {
    if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) throw new TypeError('no scheme');
    url = new URL(value);
  } catch {
    return {
      done: false,
      detail: `${name} is not a URL (a password with / + = @ or : must be percent-encoded; hex needs none: openssl rand -hex 24)`,
    };
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:')
    return { done: false, detail: `${name} is a ${url.protocol.replace(/:$/, '')} URL, not postgres://…` };
  if (!url.hostname) return { done: false, detail: `${name} names no host` };
  if (!url.username) return { done: false, detail: `${name} names no user (postgres://user:password@host/db)` };
  if (!url.password) return { done: false, detail: `${name} has no password (postgres://user:password@host/db)` };
  const password = safeDecode(url.password);
  if (password.length < minPasswordLength)
    return {
      done: false,
      detail: `the password in ${name} is ${password.length} characters: generate one of at least ${minPasswordLength}`,
    };
  if (!looksRandom(password.replace(/[-_.]/g, ''), 'relaxed'))
    return {
      done: false,
      detail: `the password in ${name} looks typed, not generated: make it with openssl rand (or your language's secrets module)`,
    };
  return { done: true, detail: `${name} is a postgres URL for ${url.hostname} with a generated password` };
}

function randomKey(name: string, value: string, minLength: number): CheckOutcome {
  if (value.length < minLength)
    return { done: false, detail: `${name} is ${value.length} characters: generate one of at least ${minLength}` };
  // Separators (a `mini_` prefix, a UUID's dashes) are not randomness; what is left must be.
  if (!looksRandom(value.replace(/[-_.]/g, ''), 'relaxed'))
    return {
      done: false,
      detail: `${name} looks typed, not generated (words, a pattern, few distinct characters): make it with openssl rand`,
    };
  return { done: true, detail: `${name} is ${value.length} random-looking characters` };
}

function tlsPair(
  where: string,
  key: string,
  value: string,
  rule: Extract<ValueRule, { format: 'tls-certificate' }>,
  data: Record<string, unknown>,
  now: Date,
): CheckOutcome {
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(value);
  } catch {
    return { done: false, detail: `${where} ${key} is not a PEM certificate (-----BEGIN CERTIFICATE-----)` };
  }
  const subject = certificate.subject.replace(/\n/g, ', ');
  const privateKey = data[rule.privateKey];
  if (typeof privateKey !== 'string' || privateKey.trim() === '')
    return { done: false, detail: `${where} has no ${rule.privateKey} next to its certificate` };
  let matches: boolean;
  try {
    matches = certificate.checkPrivateKey(createPrivateKey(privateKey));
  } catch {
    return {
      done: false,
      detail: `${where} ${rule.privateKey} is not a PEM private key (unencrypted: -----BEGIN PRIVATE KEY-----)`,
    };
  }
  if (!matches)
    return {
      done: false,
      detail: `${where} ${rule.privateKey} is not the key of its certificate (${subject}): store the pair made together`,
    };
  const validFrom = new Date(certificate.validFrom);
  const validTo = new Date(certificate.validTo);
  if (validFrom > now)
    return { done: false, detail: `the certificate in ${where} is not valid before ${validFrom.toISOString()}` };
  if (validTo <= now)
    return { done: false, detail: `the certificate in ${where} expired on ${validTo.toISOString()}: make a new one` };
  // Browsers and Go ignore the common name: the name must be a subjectAltName.
  if (certificate.checkHost(rule.host, { subject: 'never' }) === undefined) {
    const names = certificate.subjectAltName ?? 'no subjectAltName';
    return {
      done: false,
      detail: `the certificate in ${where} (${subject}; ${names}) is not for ${rule.host}: put DNS:${rule.host} in its subjectAltName (openssl req … -addext subjectAltName=DNS:${rule.host})`,
    };
  }
  const days = Math.floor((validTo.getTime() - now.getTime()) / 86_400_000);
  return {
    done: true,
    detail: `${where} holds a certificate for ${rule.host} and its key, valid for ${days} more day${days === 1 ? '' : 's'}`,
  };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
