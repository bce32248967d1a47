import { PolicyParseError } from '../acl/policy.js';
import { badRequest, multiError } from '../core/errors.js';
import { GoTime } from '../core/go-time.js';
import { getString } from '../core/fields.js';
import type { Request, Response, Route } from '../core/logical.js';
import type { SysContext } from './context.js';

const PATH_PARAM_WARNING =
  "Endpoint replaced the value of these parameters with the values captured from the endpoint's path: [name]";

/** sys/policies/acl/* and the legacy sys/policy/* (field `rules` there). */
export function policyRoutes(ctx: SysContext): Route[] {
  const names = ctx.policies;
  const read = (legacy: boolean) => readPolicy(ctx, legacy);
  const write =
    (legacy: boolean) =>
    (request: Request, match: RegExpExecArray): Response | null => {
      const name = match[1]!.trim().toLowerCase();
      const warnings: string[] = [];
      let text = getString(request.data, 'policy');
      if (legacy && !text) {
        text = getString(request.data, 'rules');
        if (text) warnings.push("'rules' is deprecated, please use 'policy' instead");
      }
      if (request.data && 'name' in request.data) warnings.push(PATH_PARAM_WARNING);
      if (!text) throw badRequest("'policy' parameter not supplied or empty", null);
      if (name === 'root' || name === 'response-wrapping')
        throw badRequest(`cannot update ${JSON.stringify(name)} policy`);
      text = maybeBase64(text);
      try {
        names.set(name, text);
      } catch (error) {
        if (error instanceof PolicyParseError) throw badRequest(`failed to parse policy: ${error.message}`);
        throw error;
      }
      return warnings.length ? { warnings } : null;
    };
  const remove = removePolicy(ctx);
  // OpenBao 2.x PATCH: the policy text (or the stored one) written over an existing policy; 200 without data.
  const patch = (request: Request, match: RegExpExecArray): Response => {
    const stored = names.get(match[1]!.trim().toLowerCase());
    if (!stored) throw badRequest('policy not found', multiError('policy not found'));
    const data = { ...request.data, policy: getString(request.data, 'policy') || stored.text };
    return write(false)({ ...request, data }, match) ?? {};
  };
  const { listBelow, listBelowLegacy } = listsBelowName(ctx);
  return [
    { pattern: /^policies\/acl\/?$/, operations: { list: () => ({ data: { keys: names.names() } }) } },
    {
      pattern: /^policies\/acl\/(.+)$/,
      operations: { read: read(false), update: write(false), delete: remove, list: listBelow, patch },
    },
    {
      pattern: /^policy\/?$/,
      operations: {
        read: () => ({ data: { keys: names.names(), policies: names.names() } }),
        list: () => ({ data: { keys: names.names(), policies: names.names() } }),
      },
    },
    {
      pattern: /^policy\/(.+)$/,
      operations: { read: read(true), update: write(true), delete: remove, list: listBelowLegacy },
    },
  ];
}

function readPolicy(ctx: SysContext, legacy: boolean) {
  return (_request: Request, match: RegExpExecArray): Response | null => {
    const name = match[1]!.trim().toLowerCase();
    const field = legacy ? 'rules' : 'policy';
    if (name === 'root') {
      return {
        data: {
          allow_slashes_in_identity_templates: false,
          allow_wildcards_in_identity_templates: false,
          cas_required: false,
          name: 'root',
          [field]: '',
          version: 0,
        },
      };
    }
    const stored = ctx.policies.get(name);
    if (!stored) return null;
    return {
      data: {
        allow_slashes_in_identity_templates: false,
        allow_wildcards_in_identity_templates: false,
        cas_required: false,
        modified: new GoTime(stored.modified),
        name: stored.name,
        [field]: stored.text,
        version: stored.version,
      },
    };
  };
}

function removePolicy(ctx: SysContext) {
  return (_request: Request, match: RegExpExecArray): Response | null => {
    const name = match[1]!.trim().toLowerCase();
    if (name === 'default') throw badRequest('cannot delete default policy');
    if (name === 'root' || name === 'response-wrapping')
      throw badRequest(`cannot delete ${JSON.stringify(name)} policy`);
    ctx.policies.delete(name);
    return null;
  };
}

/**
 * LIST on a policy name lists the policies below it as a prefix (`name/`): none, as names hold no
 * `/` here; the legacy path still answers with its `policies` field.
 */
function listsBelowName(ctx: SysContext) {
  const below = (match: RegExpExecArray): string[] | undefined => {
    const prefix = match[1]!;
    const found = ctx.policies.names().filter((name) => name.startsWith(prefix) && name !== prefix);
    return found.length ? found.map((name) => name.slice(prefix.length)) : undefined;
  };
  return {
    listBelow: (_request: Request, match: RegExpExecArray): Response => {
      const keys = below(match);
      return keys ? { data: { keys } } : {};
    },
    listBelowLegacy: (_request: Request, match: RegExpExecArray): Response => {
      const keys = below(match);
      return { data: keys ? { keys, policies: keys } : { policies: null } };
    },
  };
}

/** Vault accepts a base64-encoded policy and decodes it when it decodes cleanly. */
function maybeBase64(text: string): string {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text) || text.length % 4 !== 0) return text;
  const decoded = Buffer.from(text, 'base64').toString('utf8');
  return /[\u0000-\u0008\uFFFD]/.test(decoded) ? text : decoded;
}
