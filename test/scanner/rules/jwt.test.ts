import { describe, expect, test } from 'vitest';
import { scanText } from '../../../src/scanner/scan-text.js';
import { pick, randomBytes, randomInt } from '../../../src/scanner/corpus/random.js';
import { seedEachTest } from '../../helpers/seeded.js';

seedEachTest();

const part = (json: string) => Buffer.from(json).toString('base64url');
const sub = () => randomBytes(6).toString('hex');

describe('JWT structure', () => {
  test('a header with only `typ` is a JWT header', () => {
    const token = `${part('{"typ":"JWT"}')}.${part(`{"sub":"${sub()}"}`)}.${randomBytes(32).toString('base64url')}`;
    expect(scanText(`token = ${token}`, { file: 'a.txt' }).map((f) => f.ruleId)).toEqual(['jwt']);
  });

  test('a short signature counts when header and payload are whole JSON', () => {
    const token = `${part('{"alg":"HS256","typ":"JWT"}')}.${part(`{"sub":"${sub()}"}`)}.c2ln`;
    expect(scanText(`Authorization: Bearer ${token}`, { file: 'a.http' }).map((f) => f.ruleId)).toEqual(['jwt']);
  });

  test('a short signature does not, when the parts are damaged JSON', () => {
    const damaged = `${part('{"alg":"HS256"').slice(0, -2)}.${part(`{"sub":"${sub()}"`)}.c2ln`;
    expect(scanText(`v = ${damaged}`, { file: 'a.txt' }).filter((f) => f.ruleId === 'jwt')).toEqual([]);
  });

  test('a header without alg or typ is not a JWT header', () => {
    const token = `${part('{"name":"x"}')}.${part(`{"sub":"${sub()}"}`)}.${randomBytes(32).toString('base64url')}`;
    expect(scanText(`v = ${token}`, { file: 'a.txt' }).filter((f) => f.ruleId === 'jwt')).toEqual([]);
  });

  test('a header naming another registered parameter (kid, cty, zip, x5t, jku, p2c, iv, epk) is a JWT header, wrapped or not', () => {
    for (let i = 0; i < 20; i++) {
      const header = pick([
        `{"kid":"${sub()}"}`,
        '{"cty":"json"}',
        '{"zip":"DEF"}',
        `{"x5t":"${randomBytes(20).toString('base64url')}"}`,
        `{"jku":"https://${sub()}.example.com/jwks.json"}`,
        `{"p2c":${randomInt(1000, 9000)}}`,
        `{"iv":"${randomBytes(12).toString('base64url')}"}`,
        `{"epk":{"kty":"OKP","crv":"X25519","x":"${randomBytes(32).toString('base64url')}"}}`,
      ]);
      const token = `${part(header)}.${part(`{"iss":"${sub()}","exp":${randomInt(1e9, 2e9)}}`)}.${randomBytes(32).toString('base64url')}`;
      expect(
        scanText(`token = ${token}`, { file: 'a.txt' }).map((f) => f.ruleId),
        header,
      ).toEqual(['jwt']);
      expect(
        scanText(Buffer.from(token).toString('base64'), { file: 'a.txt' }).map((f) => f.ruleId),
        header,
      ).toEqual(['jwt']);
    }
  });

  test('a header naming no registered parameter (a JWK field, a name) is not one', () => {
    for (const header of ['{"use":"enc"}', '{"kty":"RSA"}', `{"name":"${sub()}"}`, '{}', '[]']) {
      const token = `${part(header)}.${part(`{"sub":"${sub()}"}`)}.${randomBytes(32).toString('base64url')}`;
      expect(
        scanText(`v = ${token}`, { file: 'a.txt' }).filter((f) => f.ruleId === 'jwt'),
        header,
      ).toEqual([]);
    }
  });

  test('a payload that is not JSON counts behind a whole header with alg and before a long signature', () => {
    const token = `${part('{"alg":"HS256","typ":"JWT"}')}.${randomBytes(60).toString('base64url')}.${randomBytes(32).toString('base64url')}`;
    expect(scanText(`key := "${token}"`, { file: 'a.go' }).map((f) => f.ruleId)).toEqual(['jwt']);
  });

  test('an opaque payload does not, with a short signature or a header without alg', () => {
    const opaque = randomBytes(60).toString('base64url');
    const short = `${part('{"alg":"HS256"}')}.${opaque}.${randomBytes(6).toString('base64url')}`;
    const typOnly = `${part('{"typ":"JWT"}')}.${opaque}.${randomBytes(32).toString('base64url')}`;
    for (const token of [short, typOnly])
      expect(scanText(`v = "${token}"`, { file: 'a.txt' }).filter((f) => f.ruleId === 'jwt')).toEqual([]);
  });

  test('a token base64-encoded once more is found, as it is found in a Secret or a header', () => {
    const token = `${part('{"alg":"RS256","typ":"JWT"}')}.${part(`{"sub":"${sub()}","exp":1916239022}`)}.${randomBytes(64).toString('base64url')}`;
    const wrapped = Buffer.from(token).toString('base64');
    for (const [text, file] of [
      [`Authorization: bearer ${wrapped}`, 'a.http'],
      [`  id_token: ${wrapped}`, 'secret.yaml'],
    ])
      expect(scanText(text!, { file }).map((f) => f.ruleId)).toContain('jwt');
  });

  test('base64 of other text starting with `eyJ` is not', () => {
    const notToken = Buffer.from(`eyJ${randomBytes(40).toString('hex')} and more words`).toString('base64');
    expect(scanText(`data: ${notToken}`, { file: 'a.txt' }).filter((f) => f.ruleId === 'jwt')).toEqual([]);
  });

  test('an unsigned token counts when header and payload are whole JSON, not when the payload is damaged', () => {
    const header = part('{"alg":"HS256","typ":"JWT"}');
    const payload = part(`{"sub":"${sub()}","iat":1716239022}`);
    expect(scanText(`t = ${header}.${payload}.`, { file: 'a.txt' }).map((f) => f.ruleId)).toEqual(['jwt']);
    const damaged = payload.slice(0, -3);
    expect(scanText(`t = ${header}.${damaged}.`, { file: 'a.txt' }).filter((f) => f.ruleId === 'jwt')).toEqual([]);
  });

  test('an unsigned token written without its last dot counts when both parts are whole JSON', () => {
    for (let i = 0; i < 20; i++) {
      const header = part(randomInt(2) ? '{"alg":"none","typ":"JWT"}' : '{"typ":"JWT","alg":"none"}');
      const payload = part(`{"sub":"${sub()}","name":"${sub()}",\n"iat":${randomInt(1e9, 2e9)}}`);
      for (const [text, file] of [
        [`token = ${header}.${payload}`, 'a.txt'],
        [`curl -H "Authorization: Bearer ${header}.${payload}" https://api.test/x`, 'a.sh'],
        [`  id_token: ${header}.${payload}`, 'config.yaml'],
      ])
        expect(scanText(text!, { file }).map((f) => f.ruleId)).toEqual(['jwt']);
    }
  });

  test('two parts are not a token when the payload is damaged, not an object, or the header names no alg or typ', () => {
    const header = part('{"alg":"none"}');
    const payload = part(`{"sub":"${sub()}","iat":1716239022}`);
    for (const text of [
      `v = ${header}.${payload.slice(0, -3)}`,
      `v = ${header}.${part(`["${sub()}","${sub()}","${sub()}"]`)}`,
      `v = ${part('{"name":"x","kind":"y"}')}.${payload}`,
      `v = ${part('{"alg":"none"').slice(0, -2)}.${payload}`,
    ])
      expect(scanText(text, { file: 'a.txt' }).filter((f) => f.ruleId === 'jwt')).toEqual([]);
  });

  test('pieces of the header copied into the other parts are not a token', () => {
    const header = part('{"alg":"RS256","typ":"JWT"}');
    const piece = header.slice(20, 37);
    expect(scanText(`not detected: ${header}.${piece}.${piece}`, { file: 'a.txt' })).toEqual([]);
  });
});
