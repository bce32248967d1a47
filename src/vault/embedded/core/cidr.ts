import { BlockList, isIPv4, isIPv6 } from 'node:net';

/**
 * Addresses and CIDR blocks as Vault reads them: Go's `net.ParseCIDR` (cidrutil, for AppRole's
 * `secret_id_bound_cidrs` and `cidr_list`) and go-sockaddr's `NewSockAddr` (parseutil.ParseAddrs,
 * for every `token_bound_cidrs`), with the texts those libraries write.
 */

type Family = 'ipv4' | 'ipv6';

export interface Block {
  family: Family;
  address: string;
  prefix: number;
}

/** `net.ParseCIDR`: an address (no leading zeros, no zone) and a decimal prefix within its size. */
export function parseCidr(text: string): Block | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const address = text.slice(0, slash);
  const mask = text.slice(slash + 1);
  const family = addressFamily(address);
  if (!family || !/^\d+$/.test(mask)) return undefined;
  const prefix = Number.parseInt(mask, 10);
  if (prefix > (family === 'ipv4' ? 32 : 128)) return undefined;
  return { family, address, prefix };
}

function addressFamily(address: string): Family | undefined {
  if (isIPv4(address)) return 'ipv4';
  if (isIPv6(address) && !address.includes('%')) return 'ipv6';
  return undefined;
}

/** cidrutil.ValidateCIDRListSlice's error for the first block that is not a CIDR, if any. */
export function invalidCidr(blocks: string[]): string | undefined {
  const bad = blocks.find((block) => !parseCidr(block.trim()));
  return bad === undefined ? undefined : `invalid CIDR address: ${bad}`;
}

export function contains(block: Block, ip: string): boolean {
  const family = addressFamily(ip);
  if (family !== block.family) return false;
  const list = new BlockList();
  list.addSubnet(block.address, block.prefix, block.family);
  return list.check(ip, family);
}

/** cidrutil.IPBelongsToCIDRBlocksSlice (blocks already validated). */
export function belongsToCidrs(ip: string, blocks: string[]): boolean {
  return blocks.some((text) => {
    const block = parseCidr(text);
    return block !== undefined && contains(block, ip);
  });
}

/**
 * go-sockaddr's form of one `token_bound_cidrs` entry, as Vault stores and returns it: an IP
 * (bare when it is a single host, else `ip/prefix`), or — for any other text with a `/` — a
 * UNIX socket path, which Vault returns quoted twice and which no client address ever matches.
 */
export function parseSockAddr(text: string): string {
  const block = parseCidr(text);
  if (block) return isHost(block) ? canonicalIp(block) : `${canonicalIp(block)}/${block.prefix}`;
  const family = addressFamily(text);
  if (family) return canonicalIp({ family, address: text, prefix: 0 });
  if (text.length > 1 && (text.startsWith('.') || text.includes('/'))) return JSON.stringify(JSON.stringify(text));
  throw new Error(
    `error parsing address ${JSON.stringify(text)}: Unable to convert ${JSON.stringify(text)} to an IPv4 or IPv6 address, or a UNIX Socket`,
  );
}

function isHost(block: Block): boolean {
  return block.prefix === (block.family === 'ipv4' ? 32 : 128);
}

function canonicalIp(block: Block): string {
  return block.family === 'ipv4' ? block.address : new URL(`http://[${block.address}]`).hostname.slice(1, -1);
}

/** cidrutil.RemoteAddrIsOk: no bound blocks, or one of them (IPs only) holds the address. */
export function remoteAddrIsOk(ip: string, bound: string[] | undefined): boolean {
  if (!bound?.length) return true;
  return bound.some((entry) => {
    const block = parseCidr(entry.includes('/') ? entry : `${entry}/${isIPv4(entry) ? 32 : 128}`);
    return block !== undefined && contains(block, ip);
  });
}

/**
 * cidrutil.SubsetBlocks: every block of `inner` lies within one of `outer`. Throws the library's
 * error for a block that is not in canonical form (a `/0` on a non-zero address).
 */
export function subsetBlocks(outer: string[], inner: string[]): boolean {
  return inner.every((candidate) =>
    outer.some((container) => {
      const a = canonicalBlock(container, 'CIDR to be checked against');
      const b = canonicalBlock(candidate, 'CIDR that needs to be checked');
      return b.prefix >= a.prefix && contains(a, b.address);
    }),
  );
}

function canonicalBlock(text: string, what: string): Block {
  const block = parseCidr(text);
  const prefix = what.startsWith('CIDR that') ? 'failed to parse the CIDR that needs to be checked' : '';
  if (!block)
    throw new Error(`${prefix || 'failed to parse the CIDR to be checked against'}: invalid CIDR address: ${text}`);
  const zero = block.family === 'ipv4' ? block.address === '0.0.0.0' : /^[0:]+$/.test(block.address);
  if (!zero && block.prefix === 0) throw new Error(`${what} is not in its canonical form`);
  return block;
}
