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
    // A body is a stream of values: the first is the data, the rest must still be JSON.
    ['{"a":1} nul', 'unexpected EOF'],
    ['{"a":1} {', 'unexpected EOF'],
    ['{"a":1} 1 x', "invalid character 'x' looking for beginning of value"],
    ['{"a":1}}', "invalid character '}' looking for beginning of value"],
    ['x', "invalid character 'x' looking for beginning of value"],
    ['"s"', 'json: cannot unmarshal string into Go value of type map[string]interface {}'],
    ['1', 'json: cannot unmarshal number into Go value of type map[string]interface {}'],
    ['true', 'json: cannot unmarshal bool into Go value of type map[string]interface {}'],
    // Numbers a float64 cannot hold, wherever they are.
    ['{"data":{"a":1e400}}', 'json: cannot unmarshal number 1e400 into Go value of type float64'],
    ['{"a":-1E+400}', 'json: cannot unmarshal number -1E+400 into Go value of type float64'],
    ['{"a":"b"} 1e400', 'json: cannot unmarshal number 1e400 into Go value of type float64'],
  ])('%j → %s', (body, message) => {
    expect(error(body)).toBe(`failed to decode JSON input: ${message}`);
  });

  it.each(['', '   ', 'null', '{"a":"b"} {"x":1}', '{"a":"b"} 1 2', '{"a":1e-400}', '{"a":"1e400"}'])(
    '%j is accepted (no data or the first object)',
    (body) => {
      expect(decodeJsonBody(body).ok).toBe(true);
    },
  );

  it('keeps the text of numbers not written as plain integers (Go reads json.Number)', () => {
    const result = decodeJsonBody('{"a":1e20,"b":1.0,"c":"2e5","d":12,"e":12345678901234567}');
    expect(result.ok && [...(result.literals ?? [])]).toEqual([
      [1e20, '1e20'],
      [1, '1.0'],
      [Number('12345678901234567'), '12345678901234567'],
    ]);
    expect(decodeJsonBody('{"a":12}').ok && decodeJsonBody('{"a":12}')).toEqual({ ok: true, data: { a: 12 } });
  });

  it('handles deep nesting without overflowing the stack', () => {
    const deep = `{"a":${'['.repeat(100_000)}`;
    expect(error(deep)).toBe('failed to decode JSON input: unexpected EOF');
  });
});
