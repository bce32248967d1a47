import { describe, expect, it } from 'vitest';
import { decodeJsonBody } from '../../../src/vault/embedded/http/json-body.js';

/** Error texts observed from `bao server -dev` 2.7.2 for these exact bodies. */
describe('request body decoding (OpenBao texts)', () => {
  const error = (body: string) => {
    const result = decodeJsonBody(body);
    return result.ok ? undefined : result.error;
  };
  it.each([
    ['{"a":1} x', "invalid character 'x' looking for beginning of value"],
    ['[1]', 'json: cannot unmarshal array into Go value of type map[string]interface {}'],
    ['{"a":', 'unexpected EOF'],
    ['{"a" 1}', "invalid character '1' after object key"],
    ['{"a":tru}', "invalid character '}' in literal true (expecting 'e')"],
    ['{"a":1,}', "invalid character ',' looking for beginning of value"],
    ['{"a":"\\x"}', 'invalid escape sequence `\\x` in string'],
    ['{"a":01}', "invalid character '1' after object key:value pair"],
    ['{"a":[1,]}', "invalid character ',' looking for beginning of value"],
    ['{"a":"x\ny"}', "invalid character '\\n' in string"],
    ['{"a":-x}', "invalid character 'x' in numeric literal"],
    ['{"a":1.}', "invalid character '}' in numeric literal"],
    ['{"a":"\\u12"}', 'invalid escape sequence `\\u12"}` in string'],
    ['{,}', "invalid character ',' looking for beginning of value"],
    ['{"a":1 "b":2}', "invalid character '\"' after object key:value pair"],
    ['{bad', "invalid character 'b' looking for beginning of value"],
  ])('%j → %s', (body, message) => {
    expect(error(body)).toBe(`failed to decode JSON input: ${message}`);
  });

  it.each(['', '   ', 'null', '"s"', '1', 'x', '{"a":"b"}{'])(
    '%j is accepted (no data or the first object)',
    (body) => {
      expect(decodeJsonBody(body).ok).toBe(true);
    },
  );

  it('handles deep nesting without overflowing the stack', () => {
    const deep = `{"a":${'['.repeat(100_000)}`;
    expect(error(deep)).toBe('failed to decode JSON input: unexpected EOF');
  });
});
