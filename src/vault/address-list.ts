/**
 * VAULT_ADDR for a cluster: one address (a single server or a load balancer), or the nodes'
 * addresses separated by commas. Each is checked on its own, so the message names the one that
 * is wrong instead of a later "Invalid URL".
 */
export function parseAddressList(text: string, name = 'VAULT_ADDR'): { addresses: string[] } | { error: string } {
  const parts = text.split(',').map((part) => part.trim());
  if (parts.every((part) => part === '')) return { error: `${name} is empty` };
  const addresses: string[] = [];
  for (const [index, part] of parts.entries()) {
    const which = parts.length > 1 ? ` (address ${index + 1} of ${parts.length})` : '';
    if (part === '') return { error: `${name} has an empty address${which}: separate addresses with single commas` };
    if (!isHttpUrl(part)) return { error: `${name} must be an http(s) URL, not ${JSON.stringify(part)}${which}` };
    const address = part.replace(/\/+$/, '');
    if (!addresses.includes(address)) addresses.push(address);
  }
  return { addresses };
}

function isHttpUrl(text: string): boolean {
  if (!/^https?:\/\/[^\s/]+\S*$/.test(text)) return false;
  try {
    const url = new URL(text);
    return Boolean(url.host) && (url.pathname === '/' || url.pathname === '') && !url.search && !url.hash;
  } catch {
    return false;
  }
}

/** The addresses of a list already checked (a handout, a credentials file); throws on a bad one. */
export function addressesOf(text: string, name = 'the Vault address'): string[] {
  const parsed = parseAddressList(text, name);
  if ('error' in parsed) throw new Error(parsed.error);
  return parsed.addresses;
}
