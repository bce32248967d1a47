import { createPublicKey, type KeyObject } from 'node:crypto';
import { badRequest as invalidRequest } from '../../core/errors.js';

/** The plugin answers with logical.ErrorResponse and no Go error: the audit entry has no `error`. */
const badRequest = (message: string) => invalidRequest(message, null);
import { getString, getStringList, has } from '../../core/fields.js';
import type { Request } from '../../core/logical.js';

/**
 * `auth/<mount>/config` of the JWT auth method (path_config.go), for the offline way of using it:
 * tokens checked against public keys given here (`jwt_validation_pubkeys`), as a CI provider's
 * keys would be. Discovery and JWKS URLs need the network and are refused with a clear message.
 */
export interface JwtConfig {
  pubkeys: string[];
  keys: KeyObject[];
  boundIssuer: string;
  supportedAlgs: string[];
  defaultRole: string;
}

export const SUPPORTED_ALGS = [
  'RS256',
  'RS384',
  'RS512',
  'ES256',
  'ES384',
  'ES512',
  'PS256',
  'PS384',
  'PS512',
  'EdDSA',
];

export function parseConfig(request: Request, existing: JwtConfig | undefined): JwtConfig {
  const data = request.data;
  for (const remote of ['oidc_discovery_url', 'jwks_url'])
    if (getString(data, remote))
      throw badRequest(
        `${remote} needs the network: the built-in server checks tokens with jwt_validation_pubkeys only`,
      );
  const pubkeys = getStringList(data, 'jwt_validation_pubkeys') ?? [];
  if (pubkeys.length === 0)
    throw badRequest(
      "exactly one of 'jwt_validation_pubkeys', 'jwks_url', 'jwks_pairs', 'oidc_discovery_url', or 'provider_config' must be set",
    );
  const keys = pubkeys.map((pem) => {
    try {
      return createPublicKey(pem);
    } catch {
      throw badRequest('error parsing public key: data does not contain any valid public keys');
    }
  });
  const supportedAlgs = getStringList(data, 'jwt_supported_algs') ?? [];
  const unknown = supportedAlgs.find((alg) => !SUPPORTED_ALGS.includes(alg));
  if (unknown) throw badRequest(`invalid jwt_supported_algs: unsupported signing algorithm "${unknown}"`);
  return {
    pubkeys,
    keys,
    boundIssuer: has(data, 'bound_issuer') ? getString(data, 'bound_issuer') : (existing?.boundIssuer ?? ''),
    supportedAlgs,
    defaultRole: has(data, 'default_role') ? getString(data, 'default_role') : (existing?.defaultRole ?? ''),
  };
}

/** The config as bao 2.7.2 reads it back (observed field by field). */
export function configData(config: JwtConfig): Record<string, unknown> {
  return {
    bound_issuer: config.boundIssuer,
    default_role: config.defaultRole,
    jwks_ca_pem: '',
    jwks_url: '',
    jwt_supported_algs: config.supportedAlgs,
    jwt_validation_pubkeys: config.pubkeys,
    namespace_in_state: true,
    oidc_client_id: '',
    oidc_discovery_ca_pem: '',
    oidc_discovery_url: '',
    oidc_response_mode: '',
    oidc_response_types: [],
    override_allowed_server_names: [],
    provider_config: {},
    status: 'valid',
  };
}
