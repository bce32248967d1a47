import type { VaultAdmin } from '../../vault/admin-client.js';
import type { CheckOutcome, VaultCheck } from './types.js';

/** What `auth/token/lookup-accessor` tells about a token (never the token itself). */
export interface TokenInfo {
  display_name?: string;
  path?: string;
  policies?: string[];
  ttl?: number;
  creation_ttl?: number;
  explicit_max_ttl?: number;
}

/** Tokens of the playground matching `accept`, found through their accessors (root may list them). */
export async function findTokens(admin: VaultAdmin, accept: (token: TokenInfo) => boolean): Promise<TokenInfo[]> {
  const found: TokenInfo[] = [];
  for (const accessor of await admin.tokenAccessors()) {
    const info = (await admin.lookupAccessor(accessor)) as TokenInfo | undefined;
    if (info && accept(info)) found.push(info);
  }
  return found;
}

export async function runTokenCheck(
  admin: VaultAdmin,
  check: Extract<VaultCheck, { type: 'token-exists' }>,
): Promise<CheckOutcome> {
  const names = new Set([check.displayName, `token-${check.displayName}`]);
  const tokens = await findTokens(admin, (token) => names.has(token.display_name ?? ''));
  if (tokens.length === 0) return { done: false, detail: `no token named "${check.displayName}" exists yet` };
  const fits = tokens.find(
    (token) =>
      (check.maxTtl === undefined || ((token.explicit_max_ttl ?? 0) > 0 && token.explicit_max_ttl! <= check.maxTtl)) &&
      (check.policies ?? []).every((policy) => token.policies?.includes(policy)),
  );
  if (!fits) {
    const token = tokens[0]!;
    if (check.maxTtl !== undefined && !(token.explicit_max_ttl && token.explicit_max_ttl <= check.maxTtl))
      return {
        done: false,
        detail: token.explicit_max_ttl
          ? `token "${check.displayName}" can live ${token.explicit_max_ttl}s; at most ${check.maxTtl}s was asked for`
          : `token "${check.displayName}" has no explicit max TTL: renewals could keep it alive up to the server's maximum (32 days by default)`,
      };
    return {
      done: false,
      detail: `token "${check.displayName}" does not carry the ${check.policies?.join(', ')} policy`,
    };
  }
  return {
    done: true,
    detail: `token "${check.displayName}" exists and dies within ${fits.explicit_max_ttl ?? fits.creation_ttl}s at the latest`,
  };
}
