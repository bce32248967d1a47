import { describe, expect, it } from 'vitest';
import { HclError, parseHcl } from '../../../src/vault/embedded/acl/hcl.js';

describe('HCL 1 subset parser', () => {
  it('parses blocks with labels, assignments, lists, nested objects and all comment styles', () => {
    const body = parseHcl(`
      # hash comment
      // slash comment
      /* block
         comment */
      name = "x"
      path "secret/*" {
        capabilities = ["read", "list",]
        min_wrapping_ttl = 10
        allowed_parameters = { "a" = [] }
        flag = true
      }
    `);
    expect(body.items.map((item) => item.key)).toEqual(['name', 'path']);
    const path = body.items[1]!;
    expect(path.labels).toEqual(['secret/*']);
    const inner = path.value as { items: Array<{ key: string; value: unknown }> };
    expect(inner.items.map((item) => [item.key, item.value])).toEqual([
      ['capabilities', ['read', 'list']],
      ['min_wrapping_ttl', 10],
      ['allowed_parameters', { kind: 'object', items: [expect.objectContaining({ key: 'a', value: [] })] }],
      ['flag', true],
    ]);
  });

  it('decodes string escapes', () => {
    const body = parseHcl('a = "q\\"\\n\\t\\u0041"');
    expect(body.items[0]!.value).toBe('q"\n\tA');
  });

  it('reports positions of syntax errors', () => {
    expect(() => parseHcl('path "a" {\n  x = \n}')).toThrow(HclError);
    expect(() => parseHcl('a = "unterminated')).toThrow('At 1:5: literal not terminated');
    expect(() => parseHcl('}')).toThrow('At 1:1: expected: IDENT | STRING got: RBRACE');
  });
});
