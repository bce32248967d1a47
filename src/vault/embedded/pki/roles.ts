import { badRequest as invalidRequest } from '../core/errors.js';
import { getBool, getDuration, getInt, getString, getStringList, has } from '../core/fields.js';
import type { Request } from '../core/logical.js';
import type { KeyType } from './x509.js';

/** The engine answers with logical.ErrorResponse and no Go error: the audit entry has no `error`. */
export const badRequest = (message: string) => invalidRequest(message, null);

/**
 * A PKI role (path_roles.go): which names a certificate may carry, for how long, with what key.
 * Every field bao 2.7.2 reads back is kept with its default, so a role reads back field for field;
 * the issuing code uses the ones that decide a certificate (domains, localhost, IP SANs, TTLs, key).
 */
type Kind = 'bool' | 'list' | 'string' | 'int' | 'duration';

const FIELDS: Record<string, [Kind, unknown]> = {
  allow_any_name: ['bool', false],
  allow_bare_domains: ['bool', false],
  allow_glob_domains: ['bool', false],
  allow_globs_in_identity_templates: ['bool', false],
  allow_ip_sans: ['bool', true],
  allow_localhost: ['bool', true],
  allow_subdomains: ['bool', false],
  allow_token_displayname: ['bool', false],
  allow_wildcard_certificates: ['bool', true],
  allowed_domains: ['list', []],
  allowed_domains_template: ['bool', false],
  allowed_ip_sans_cidr: ['list', []],
  allowed_other_sans: ['list', []],
  allowed_serial_numbers: ['list', []],
  allowed_uri_sans: ['list', []],
  allowed_uri_sans_template: ['bool', false],
  allowed_user_ids: ['list', []],
  basic_constraints_valid_for_non_ca: ['bool', false],
  client_flag: ['bool', true],
  cn_validations: ['list', ['email', 'hostname']],
  code_signing_flag: ['bool', false],
  country: ['list', []],
  email_protection_flag: ['bool', false],
  enforce_hostnames: ['bool', true],
  ext_key_usage: ['list', []],
  ext_key_usage_oids: ['list', []],
  generate_lease: ['bool', false],
  issuer_ref: ['string', 'default'],
  key_bits: ['int', 0],
  key_type: ['string', 'rsa'],
  key_usage: ['list', ['DigitalSignature', 'KeyAgreement', 'KeyEncipherment']],
  locality: ['list', []],
  max_ttl: ['duration', 0],
  no_store: ['bool', false],
  not_after: ['string', ''],
  not_after_bound: ['string', 'permit'],
  not_before: ['string', ''],
  not_before_bound: ['string', 'permit'],
  not_before_duration: ['duration', 30],
  organization: ['list', []],
  ou: ['list', []],
  policy_identifiers: ['list', []],
  postal_code: ['list', []],
  province: ['list', []],
  require_cn: ['bool', true],
  server_flag: ['bool', true],
  signature_bits: ['int', 0],
  street_address: ['list', []],
  ttl: ['duration', 0],
  use_csr_common_name: ['bool', true],
  use_csr_sans: ['bool', true],
  use_pss: ['bool', false],
};

export type PkiRole = Record<string, unknown>;

function read(data: Request['data'], field: string, kind: Kind): unknown {
  switch (kind) {
    case 'bool':
      return getBool(data, field);
    case 'list':
      return getStringList(data, field) ?? [];
    case 'string':
      return getString(data, field);
    case 'int':
      return getInt(data, field);
    case 'duration':
      return getDuration(data, field);
  }
}

/** A role written over `existing` (or the defaults), validated as bao does. */
export function parseRole(request: Request, existing: PkiRole | undefined): PkiRole {
  const role: PkiRole = {};
  for (const [field, [kind, fallback]] of Object.entries(FIELDS))
    role[field] = has(request.data, field) ? read(request.data, field, kind) : (existing?.[field] ?? fallback);
  role.key_bits = validKeyBits(String(role.key_type), Number(role.key_bits));
  const ttl = Number(role.ttl);
  const maxTtl = Number(role.max_ttl);
  if (maxTtl > 0 && ttl > maxTtl) throw badRequest('"ttl" value must be less than "max_ttl" value');
  return role;
}

const RSA_BITS = [2048, 3072, 4096, 8192];
const EC_BITS = [224, 256, 384, 521];

/** certutil.ValidateKeyTypeLength, with its default sizes (0 → 2048 for RSA, 256 for EC). */
export function validKeyBits(type: string, bits: number): number {
  switch (type) {
    case 'rsa':
      if (bits === 0) return 2048;
      if (bits < 2048) throw badRequest(`RSA keys < 2048 bits are unsafe and not supported: got ${bits}`);
      if (!RSA_BITS.includes(bits)) throw badRequest(`unsupported bit length for RSA key: ${bits}`);
      return bits;
    case 'ec':
      if (bits === 0) return 256;
      if (!EC_BITS.includes(bits)) throw badRequest(`unsupported bit length for EC key: ${bits}`);
      return bits;
    case 'ed25519':
      return 0;
    default:
      throw badRequest(`unknown key type ${type}`);
  }
}

/** The role as a typed view for issuing. */
export function roleView(role: PkiRole) {
  return {
    allowAnyName: role.allow_any_name === true,
    allowBareDomains: role.allow_bare_domains === true,
    allowGlobDomains: role.allow_glob_domains === true,
    allowIpSans: role.allow_ip_sans === true,
    allowLocalhost: role.allow_localhost === true,
    allowSubdomains: role.allow_subdomains === true,
    allowWildcards: role.allow_wildcard_certificates === true,
    allowedDomains: role.allowed_domains as string[],
    enforceHostnames: role.enforce_hostnames === true,
    requireCn: role.require_cn === true,
    keyType: role.key_type as KeyType,
    keyBits: Number(role.key_bits),
    ttl: Number(role.ttl),
    maxTtl: Number(role.max_ttl),
    noStore: role.no_store === true,
  };
}

export type RoleView = ReturnType<typeof roleView>;
