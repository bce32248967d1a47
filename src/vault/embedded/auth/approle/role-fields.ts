import { invalidCidr } from '../../core/cidr.js';
import { formatGoDuration } from '../../core/duration.js';
import { badRequest, unsupportedPath, VaultError } from '../../core/errors.js';
import { getDuration, getInt, getStringList, has, sanitizePolicies } from '../../core/fields.js';
import type { Request, Response, Route } from '../../core/logical.js';
import { SYSTEM_MAX_TTL } from '../token/store.js';
import { checkConstraints, type Role } from './roles.js';
import { parseTokenBoundCidrs } from './token-params.js';

/** What one per-field endpoint reads, sets and resets (path_role.go's role/NAME/<field> paths). */
interface FieldEndpoint {
  suffix: string;
  /** Fields the endpoint decodes (conversion errors before anything else). */
  convert: Record<string, (data: Request['data'], field: string) => unknown>;
  read: (role: Role) => Response;
  update?: (role: Role, request: Request) => void;
  reset?: (role: Role) => void;
}

/** An error response without a Go error (`logical.ErrorResponse(…), nil`). */
const refuse = (message: string) => badRequest(message, null);

function required<T>(request: Request, field: string, get: (data: Request['data'], field: string) => T): T {
  if (!has(request.data, field)) throw refuse(`missing ${field}`);
  return get(request.data, field);
}

const numberField = (
  suffix: string,
  field: string,
  key: 'secretIdNumUses' | 'secretIdTtl' | 'tokenNumUses' | 'tokenTtl' | 'tokenMaxTtl',
  get: typeof getInt,
  check?: (role: Role) => void,
): FieldEndpoint => ({
  suffix,
  convert: { [field]: get },
  read: (role) => ({ data: { [field]: role[key] } }),
  update: (role, request) => {
    role[key] = required(request, field, get);
    check?.(role);
  },
  reset: (role) => {
    role[key] = 0;
  },
});

const ENDPOINTS: FieldEndpoint[] = [
  {
    suffix: 'policies',
    convert: { token_policies: getStringList, policies: getStringList },
    read: (role) => ({
      data: { token_policies: role.tokenPolicies, ...(role.policies?.length ? { policies: role.policies } : {}) },
    }),
    update: (role, request) => {
      const tokenPolicies = getStringList(request.data, 'token_policies');
      const legacy = getStringList(request.data, 'policies');
      if (tokenPolicies === undefined && legacy === undefined) throw refuse('missing token_policies');
      role.tokenPolicies = sanitizePolicies(tokenPolicies ?? legacy!, false);
      if (tokenPolicies === undefined || legacy !== undefined) role.policies = role.tokenPolicies;
      else delete role.policies;
    },
    reset: (role) => {
      role.tokenPolicies = [];
      delete role.policies;
    },
  },
  {
    suffix: 'secret-id-bound-cidrs',
    convert: { secret_id_bound_cidrs: getStringList },
    read: (role) => ({ data: { secret_id_bound_cidrs: role.secretIdBoundCidrs } }),
    update: (role, request) => setSecretIdCidrs(role, getStringList(request.data, 'secret_id_bound_cidrs')),
    reset: (role) => {
      role.secretIdBoundCidrs = null;
    },
  },
  {
    suffix: 'bound-cidr-list',
    convert: { bound_cidr_list: getStringList },
    read: () => ({
      data: { bound_cidr_list: null },
      warnings: [
        'The "bound_cidr_list" field is deprecated and will be removed. Please use "secret_id_bound_cidrs" instead.',
      ],
    }),
    update: (role, request) => setSecretIdCidrs(role, getStringList(request.data, 'bound_cidr_list')),
    reset: () => undefined,
  },
  {
    suffix: 'token-bound-cidrs',
    convert: { token_bound_cidrs: getStringList },
    read: (role) => ({ data: { token_bound_cidrs: role.tokenBoundCidrs } }),
    update: (role, request) => {
      const items = getStringList(request.data, 'token_bound_cidrs');
      if (items) role.tokenBoundCidrs = parseTokenBoundCidrs(items, 'failed to parse token_bound_cidrs: ', null);
    },
    reset: (role) => {
      role.tokenBoundCidrs = null;
    },
  },
  numberField('secret-id-num-uses', 'secret_id_num_uses', 'secretIdNumUses', getInt, (role) => {
    if (role.secretIdNumUses < 0) throw refuse('secret_id_num_uses cannot be negative');
  }),
  numberField('secret-id-ttl', 'secret_id_ttl', 'secretIdTtl', getDuration),
  numberField('token-num-uses', 'token_num_uses', 'tokenNumUses', getInt),
  numberField('token-ttl', 'token_ttl', 'tokenTtl', getDuration, (role) => {
    if (role.tokenMaxTtl > 0 && role.tokenTtl > role.tokenMaxTtl)
      throw refuse('token_ttl should not be greater than token_max_ttl');
  }),
  numberField('token-max-ttl', 'token_max_ttl', 'tokenMaxTtl', getDuration, (role) => {
    if (role.tokenMaxTtl > 0 && role.tokenTtl > role.tokenMaxTtl)
      throw refuse('token_max_ttl should be greater than or equal to token_ttl');
  }),
  {
    suffix: 'period',
    convert: { token_period: getDuration, period: getDuration },
    read: (role) => ({ data: { token_period: role.tokenPeriod, ...(role.period ? { period: role.period } : {}) } }),
    update: (role, request) => {
      const data = request.data;
      if (!has(data, 'token_period') && !has(data, 'period')) throw refuse('missing period');
      role.tokenPeriod = getDuration(data, has(data, 'token_period') ? 'token_period' : 'period');
      if (has(data, 'period')) role.period = role.tokenPeriod;
      else delete role.period;
      const max = request.mount?.config.maxLeaseTtl || SYSTEM_MAX_TTL;
      if (role.tokenPeriod > max)
        throw refuse(
          `period of ${JSON.stringify(formatGoDuration(role.period ?? 0))} is greater than the backend's maximum lease TTL of ${JSON.stringify(formatGoDuration(max))}`,
        );
    },
    reset: (role) => {
      role.tokenPeriod = 0;
      delete role.period;
    },
  },
  { suffix: 'local-secret-ids', convert: {}, read: (role) => ({ data: { local_secret_ids: role.localSecretIds } }) },
];

/** framework's FieldData.Validate before the handler (no existence check on these paths). */
function validateFields(endpoint: FieldEndpoint, request: Request): void {
  try {
    for (const [field, convert] of Object.entries(endpoint.convert))
      if (has(request.data, field)) convert(request.data, field);
  } catch (error) {
    if (error instanceof VaultError) throw refuse(`Field validation failed: ${error.errors[0]}`);
    throw error;
  }
}

function setSecretIdCidrs(role: Role, cidrs: string[] | undefined): void {
  if (cidrs === undefined) return;
  if (cidrs.length === 0) throw refuse('missing bound_cidr_list');
  const invalid = invalidCidr(cidrs);
  if (invalid) throw refuse(`failed to validate CIDR blocks: ${invalid}`);
  role.secretIdBoundCidrs = cidrs;
}

/**
 * The routes of the per-field endpoints. A missing role reads as nothing (404 without errors),
 * deletes as a no-op and refuses updates (404 unsupported path); a change that would leave the
 * role without any constraint is refused like a role write.
 */
export function roleFieldRoutes(namePattern: string, roles: Map<string, Role>): Route[] {
  return ENDPOINTS.map((endpoint) => {
    const save = (name: string, change: (role: Role) => void) => {
      const role = roles.get(name.toLowerCase());
      if (!role) return false;
      const changed = { ...role };
      change(changed);
      checkConstraints(changed);
      roles.set(changed.name, changed);
      return true;
    };
    const operations: Route['operations'] = {
      read: (_request, match) => {
        const role = roles.get(match[1]!.toLowerCase());
        return role ? endpoint.read(role) : null;
      },
    };
    if (endpoint.update) {
      const update = endpoint.update;
      operations.update = (request, match) => {
        validateFields(endpoint, request);
        if (!save(match[1]!, (role) => update(role, request))) throw unsupportedPath();
        return null;
      };
      operations.delete = (_request, match) => {
        save(match[1]!, endpoint.reset!);
        return null;
      };
    }
    return { pattern: new RegExp(`^role/${namePattern}/${endpoint.suffix}$`), operations };
  });
}
