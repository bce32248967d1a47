import { parseSockAddr } from '../../core/cidr.js';
import { badRequest } from '../../core/errors.js';
import { getBool, getDuration, getInt, getString, getStringList, has } from '../../core/fields.js';
import type { Request } from '../../core/logical.js';

/** The token settings every auth method's role carries (sdk/helper/tokenutil TokenParams). */
export interface TokenParams {
  tokenPolicies: string[];
  tokenTtl: number;
  tokenMaxTtl: number;
  tokenExplicitMaxTtl: number;
  tokenPeriod: number;
  tokenNumUses: number;
  /** go-sockaddr forms (`127.0.0.1`, `10.0.0.0/8`); null until set (the per-field read shows it). */
  tokenBoundCidrs: string[] | null;
  tokenNoDefaultPolicy: boolean;
  tokenStrictlyBindIp: boolean;
  tokenType: 'default' | 'service' | 'batch';
}

export function defaultTokenParams(): TokenParams {
  return {
    tokenPolicies: [],
    tokenTtl: 0,
    tokenMaxTtl: 0,
    tokenExplicitMaxTtl: 0,
    tokenPeriod: 0,
    tokenNumUses: 0,
    tokenBoundCidrs: null,
    tokenNoDefaultPolicy: false,
    tokenStrictlyBindIp: false,
    tokenType: 'default',
  };
}

/** `token_bound_cidrs` as parseutil.ParseAddrs reads it; its error is a 400 with the library's text. */
export function parseTokenBoundCidrs(items: string[], prefix = '', auditError?: null): string[] {
  return items.map((item) => {
    try {
      return parseSockAddr(item);
    } catch (error) {
      throw badRequest(`${prefix}${(error as Error).message}`, auditError);
    }
  });
}

/**
 * tokenutil.ParseTokenFields, in its order and with its messages (400s). `token_type`'s legacy
 * `default-service`/`default-batch` become `service`/`batch` with the warning the role returns.
 */
export function parseTokenFields(params: TokenParams, request: Request, warnings: string[]): void {
  const data = request.data;
  const bound = getStringList(data, 'token_bound_cidrs');
  if (bound) params.tokenBoundCidrs = parseTokenBoundCidrs(bound);
  if (has(data, 'token_explicit_max_ttl')) params.tokenExplicitMaxTtl = getDuration(data, 'token_explicit_max_ttl');
  if (has(data, 'token_max_ttl')) params.tokenMaxTtl = getDuration(data, 'token_max_ttl');
  if (has(data, 'token_no_default_policy')) params.tokenNoDefaultPolicy = getBool(data, 'token_no_default_policy');
  if (has(data, 'token_period')) params.tokenPeriod = getDuration(data, 'token_period');
  const policies = getStringList(data, 'token_policies');
  if (policies !== undefined) params.tokenPolicies = policies;
  if (has(data, 'token_type')) params.tokenType = tokenType(getString(data, 'token_type'), warnings);
  if (has(data, 'token_num_uses')) params.tokenNumUses = getInt(data, 'token_num_uses');
  if (params.tokenNumUses < 0) throw badRequest("'token_num_uses' cannot be negative");
  if (params.tokenType === 'batch') {
    if (params.tokenPeriod !== 0)
      throw badRequest("'token_type' cannot be 'batch' or 'default_batch' when set to generate periodic tokens");
    if (params.tokenNumUses !== 0)
      throw badRequest(
        "'token_type' cannot be 'batch' or 'default_batch' when set to generate tokens with limited use count",
      );
  }
  if (has(data, 'token_ttl')) params.tokenTtl = getDuration(data, 'token_ttl');
  if (params.tokenTtl > 0 && params.tokenMaxTtl > 0 && params.tokenTtl > params.tokenMaxTtl)
    throw badRequest("'token_ttl' cannot be greater than 'token_max_ttl'");
  if (has(data, 'token_strictly_bind_ip')) params.tokenStrictlyBindIp = getBool(data, 'token_strictly_bind_ip');
  if (params.tokenStrictlyBindIp && params.tokenBoundCidrs?.length)
    throw badRequest("'token_strictly_bind_ip' conflicts with 'token_bound_cidrs'; set only one");
}

function tokenType(value: string, warnings: string[]): TokenParams['tokenType'] {
  if (value === 'default-service' || value === 'default-batch') {
    const adjusted = value === 'default-service' ? 'service' : 'batch';
    warnings.push(`${value} has no useful meaning; adjusting to ${adjusted}`);
    return adjusted;
  }
  if (value === '' || value === 'default') return 'default';
  if (value === 'service' || value === 'batch') return value;
  throw badRequest(`invalid 'token_type' value ${JSON.stringify(value)}`);
}

/** tokenutil.PopulateTokenData: the role read's token fields. */
export function tokenData(params: TokenParams): Record<string, unknown> {
  return {
    token_bound_cidrs: params.tokenBoundCidrs ?? [],
    token_explicit_max_ttl: params.tokenExplicitMaxTtl,
    token_max_ttl: params.tokenMaxTtl,
    token_no_default_policy: params.tokenNoDefaultPolicy,
    token_num_uses: params.tokenNumUses,
    token_period: params.tokenPeriod,
    token_policies: params.tokenPolicies,
    token_strictly_bind_ip: params.tokenStrictlyBindIp,
    token_ttl: params.tokenTtl,
    token_type: params.tokenType,
  };
}
