import type { RoleView } from './roles.js';

/**
 * Whether a role lets a certificate carry a name (path_issue_sign_helpers.go validateNames):
 * localhost, a bare allowed domain, a subdomain of one, a glob, or any name at all. A wildcard
 * (`*.example.com`) is judged by what it stands for.
 */
const HOSTNAME =
  /^(([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])\.)*([A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9])$/;

export function isHostname(name: string): boolean {
  return HOSTNAME.test(name);
}

export function nameAllowed(role: RoleView, name: string): boolean {
  const wildcard = role.allowWildcards && name.startsWith('*.');
  const bare = wildcard ? name.slice(2) : name;
  if (role.enforceHostnames && !isHostname(bare)) return false;
  if (role.allowAnyName) return true;
  if (role.allowLocalhost) {
    if (name === 'localhost' || name === 'localdomain') return true;
    if (role.allowSubdomains && (name.endsWith('.localhost') || name.endsWith('.localdomain'))) return true;
  }
  return role.allowedDomains.some((domain) => {
    if (domain === '') return false;
    if (role.allowBareDomains && name === domain) return true;
    if (role.allowSubdomains && (bare.endsWith(`.${domain}`) || (wildcard && bare === domain))) return true;
    return role.allowGlobDomains && domain.includes('*') && globMatch(domain, name);
  });
}

/** ryanuber/go-glob: `*` matches any run of characters, nothing else is special. */
function globMatch(pattern: string, name: string): boolean {
  const parts = pattern.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('.*')}$`).test(name);
}
