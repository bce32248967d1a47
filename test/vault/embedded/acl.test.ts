import { describe, expect, it } from 'vitest';
import { Acl } from '../../../src/vault/embedded/acl/acl.js';
import { capabilityNames, parsePolicy } from '../../../src/vault/embedded/acl/policy.js';

const acl = (...texts: string[]) => new Acl(texts.map((text, i) => parsePolicy(`p${i}`, text)));
const caps = (a: Acl, path: string, op: Parameters<Acl['capabilities']>[1] = 'read') =>
  capabilityNames(a.capabilities(path, op));

describe('ACL matching (Vault policy docs)', () => {
  it('matches exact paths only exactly', () => {
    const a = acl('path "secret/foo" { capabilities = ["read"] }');
    expect(caps(a, 'secret/foo')).toEqual(['read']);
    expect(caps(a, 'secret/food')).toEqual([]);
    expect(caps(a, 'secret/foo/bar')).toEqual([]);
  });

  it('treats a trailing * as a prefix glob, not a regex', () => {
    const a = acl('path "secret/bar/*" { capabilities = ["read"] }\npath "secret/zip-*" { capabilities = ["list"] }');
    expect(caps(a, 'secret/bar/baz')).toEqual(['read']);
    expect(caps(a, 'secret/bar/baz/qux')).toEqual(['read']);
    expect(caps(a, 'secret/bar')).toEqual([]);
    expect(caps(a, 'secret/zip-zap')).toEqual(['list']);
    expect(caps(a, 'secret/zip-zap/zong')).toEqual(['list']);
  });

  it('lets + match exactly one segment, also combined with a trailing *', () => {
    const a = acl(
      'path "secret/+/teamb" { capabilities = ["read"] }\npath "secret/+/+/teamc/*" { capabilities = ["update"] }',
    );
    expect(caps(a, 'secret/foo/teamb')).toEqual(['read']);
    expect(caps(a, 'secret/foo/bar/teamb')).toEqual([]);
    expect(caps(a, 'secret/a/b/teamc/x/y')).toEqual(['update']);
    expect(caps(a, 'secret/a/teamc/x')).toEqual([]);
  });

  it('applies only the highest-priority pattern (docs: secret/* beats secret/+/+/foo/*)', () => {
    const a = acl('path "secret/*" { capabilities = ["read"] }\npath "secret/+/+/foo/*" { capabilities = ["update"] }');
    expect(caps(a, 'secret/a/b/foo/c')).toEqual(['read']);
  });

  it('orders by first wildcard position, then * vs no *, then + count, then length, then lexically', () => {
    // 1. a later first wildcard wins
    expect(
      caps(
        acl('path "secret/*" { capabilities = ["read"] }', 'path "secret/a/*" { capabilities = ["list"] }'),
        'secret/a/b',
      ),
    ).toEqual(['list']);
    // 2. same wildcard position: the pattern without a trailing * wins
    expect(
      caps(
        acl('path "secret/+/x*" { capabilities = ["read"] }', 'path "secret/+/xy" { capabilities = ["list"] }'),
        'secret/a/xy',
      ),
    ).toEqual(['list']);
    // 3. fewer + segments win
    expect(
      caps(
        acl('path "secret/+/+/*" { capabilities = ["read"] }', 'path "secret/+/b/*" { capabilities = ["list"] }'),
        'secret/a/b/c',
      ),
    ).toEqual(['list']);
    // 4. the longer pattern wins
    expect(
      caps(
        acl('path "secret/+/b*" { capabilities = ["read"] }', 'path "secret/+/bc*" { capabilities = ["list"] }'),
        'secret/a/bcd',
      ),
    ).toEqual(['list']);
  });

  it('merges capabilities only between identical patterns, and deny wins over everything', () => {
    const a = acl(
      'path "secret/data/*" { capabilities = ["read"] }',
      'path "secret/data/*" { capabilities = ["list", "sudo"] }',
    );
    expect(caps(a, 'secret/data/x')).toEqual(['list', 'read', 'sudo']);
    const denied = acl(
      'path "secret/data/*" { capabilities = ["read", "sudo"] }',
      'path "secret/data/*" { capabilities = ["deny"] }',
    );
    expect(caps(denied, 'secret/data/x')).toEqual(['deny']);
    expect(denied.allows('secret/data/x', 'read', false)).toBe(false);
  });

  it('prefers an exact rule over any glob, and for lists also tries the path without its slash', () => {
    const a = acl(
      'path "secret/*" { capabilities = ["deny"] }\npath "secret/metadata/app" { capabilities = ["list"] }',
    );
    expect(a.allows('secret/metadata/app/', 'list', false)).toBe(true);
    expect(a.allows('secret/metadata/other/', 'list', false)).toBe(false);
  });

  it('for lists, tries the glob rules on the full path before the path without its slash (OpenBao 2.7)', () => {
    // Found by the random differential test: secret/* (list) must not win over secret/metadata/x/* (patch).
    const a = acl(
      'path "secret/metadata/x/*" { capabilities = ["patch"] }\npath "secret/*" { capabilities = ["list"] }',
    );
    expect(a.allows('secret/metadata/x/', 'list', false)).toBe(false);
    expect(caps(a, 'secret/metadata/x', 'list')).toEqual(['list']);
  });

  it('denies by default and maps operations to capabilities (create vs update, sudo)', () => {
    const a = acl(
      'path "secret/data/app/*" { capabilities = ["update"] }\npath "sys/auth/*" { capabilities = ["create", "update"] }',
    );
    expect(a.allows('secret/data/app/x', 'update', false)).toBe(true);
    expect(a.allows('secret/data/app/x', 'create', false)).toBe(false);
    expect(a.allows('secret/data/other', 'read', false)).toBe(false);
    expect(a.allows('sys/auth/approle', 'update', true)).toBe(false);
    expect(
      acl('path "sys/auth/*" { capabilities = ["update", "sudo"] }').allows('sys/auth/approle', 'update', true),
    ).toBe(true);
  });

  it('lets the root policy do everything', () => {
    const root = new Acl([{ name: 'root', rules: [] }]);
    expect(root.allows('sys/audit/file', 'update', true)).toBe(true);
    expect(root.root).toBe(true);
  });

  it('names the policies that granted a request: those giving the capability asked for (audit policy_results)', () => {
    const a = new Acl([
      parsePolicy('app', 'path "secret/*" { capabilities = ["read"] }'),
      parsePolicy('ops', 'path "secret/*" { capabilities = ["list"] }'),
      parsePolicy('both', 'path "secret/*" { capabilities = ["read", "list"] }'),
    ]);
    expect(a.granting('secret/x', 'read')).toEqual(['app', 'both']);
    expect(a.granting('secret/x', 'list')).toEqual(['ops', 'both']);
  });
});

describe('policy parsing', () => {
  it('accepts HCL and the same policy as JSON', () => {
    const hcl = parsePolicy('p', '# comment\npath "secret/data/*" {\n  capabilities = ["read", "list"]\n}\n');
    const json = parsePolicy('p', JSON.stringify({ path: { 'secret/data/*': { capabilities: ['read', 'list'] } } }));
    expect(json.rules).toEqual(hcl.rules);
  });

  it('expands legacy policy words', () => {
    expect(capabilityNames(parsePolicy('p', 'path "a" { policy = "write" }').rules[0]!.capabilities)).toEqual([
      'create',
      'delete',
      'list',
      'read',
      'update',
    ]);
    expect(capabilityNames(parsePolicy('p', 'path "a" { policy = "read" }').rules[0]!.capabilities)).toEqual([
      'list',
      'read',
    ]);
  });

  it('strips a leading slash and rejects +*', () => {
    expect(parsePolicy('p', 'path "/secret/*" { capabilities = ["read"] }').rules[0]!.path).toBe('secret/');
    expect(() => parsePolicy('p', 'path "a/+*" { capabilities = ["read"] }')).toThrow(
      `invalid use of wildcards ('+*' is forbidden)`,
    );
  });

  it('reports errors like OpenBao', () => {
    expect(() => parsePolicy('p', 'path "a" { capabilities = ["fly"] }')).toThrow(
      'path "a": path "a": invalid capability "fly"',
    );
    expect(() => parsePolicy('p', 'foo "x" {}')).toThrow('invalid key "foo" on line 0');
    expect(() => parsePolicy('p', 'path "a" {')).toThrow('At 1:12: object expected closing RBRACE got: EOF');
    expect(() => parsePolicy('p', 'path "a" { capabilities = ["read"')).toThrow(
      'At 1:34: error parsing list, expected comma or list end, got: EOF',
    );
    expect(() => parsePolicy('p', 'path "a" { capabilities = "read" }')).toThrow(
      'At 1:27: unknown slice type: *ast.LiteralType',
    );
  });
});

describe('parameter constraints (allowed, denied, required)', () => {
  const acl = new Acl([
    parsePolicy(
      'p',
      `path "kv/opts" {
  capabilities = ["create", "update", "read"]
  allowed_parameters = { "options" = [] }
}
path "kv/vals" {
  capabilities = ["update"]
  allowed_parameters = { "*" = [], "color" = ["red", "b*", "*een"] }
  denied_parameters = { "size" = [] }
}
path "kv/req" {
  capabilities = ["update", "read"]
  required_parameters = ["name"]
}
path "kv/none" {
  capabilities = ["update"]
  denied_parameters = { "*" = [] }
}`,
    ),
  ]);
  it.each([
    ['kv/opts', { options: {} }, true],
    ['kv/opts', { data: { a: 1 } }, false],
    ['kv/opts', { data: {}, options: {} }, false],
    ['kv/opts', {}, true],
    ['kv/vals', { color: 'red', other: 1 }, true],
    ['kv/vals', { color: 'blue' }, true],
    ['kv/vals', { color: 'green' }, true],
    ['kv/vals', { color: 'pink' }, false],
    ['kv/vals', { size: 1 }, false],
    ['kv/req', { name: 'x' }, true],
    ['kv/req', { other: 'x' }, false],
    ['kv/req', null, false],
    ['kv/none', { a: 1 }, false],
    ['kv/none', null, true],
  ])('%s with %j: %s', (path, data, allowed) => {
    expect(acl.allows(path, 'update', false, data as Record<string, unknown> | null)).toBe(allowed);
  });

  it('merges two policies on one path: value lists add up, an empty list allows any value', () => {
    const merged = new Acl([
      parsePolicy('a', 'path "kv/x" { capabilities = ["update"]\n allowed_parameters = { "k" = ["1"] } }'),
      parsePolicy('b', 'path "kv/x" { capabilities = ["update"]\n allowed_parameters = { "k" = ["2"] } }'),
    ]);
    expect(merged.allows('kv/x', 'update', false, { k: '2' })).toBe(true);
    expect(merged.allows('kv/x', 'update', false, { k: '3' })).toBe(false);
    const open = new Acl([
      parsePolicy('a', 'path "kv/x" { capabilities = ["update"]\n allowed_parameters = { "k" = ["1"] } }'),
      parsePolicy('b', 'path "kv/x" { capabilities = ["update"]\n allowed_parameters = { "k" = [] } }'),
    ]);
    expect(open.allows('kv/x', 'update', false, { k: '3' })).toBe(true);
  });
});
