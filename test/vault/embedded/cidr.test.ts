import { describe, expect, it } from 'vitest';
import {
  belongsToCidrs,
  invalidCidr,
  parseSockAddr,
  remoteAddrIsOk,
  subsetBlocks,
} from '../../../src/vault/embedded/core/cidr.js';

describe('CIDR blocks as Go net.ParseCIDR reads them', () => {
  it.each([
    ['10.0.0.0/8', undefined],
    ['fe80::/10', undefined],
    ['127.0.0.1', 'invalid CIDR address: 127.0.0.1'],
    ['010.0.0.0/8', 'invalid CIDR address: 010.0.0.0/8'],
    ['10.0.0.0/33', 'invalid CIDR address: 10.0.0.0/33'],
    ['10.0.0.0/x', 'invalid CIDR address: 10.0.0.0/x'],
    ['notacidr', 'invalid CIDR address: notacidr'],
    ['', 'invalid CIDR address: '],
  ])('%j → %j', (block, error) => {
    expect(invalidCidr([block])).toBe(error);
  });

  it.each([
    ['127.0.0.1', ['127.0.0.1/32'], true],
    ['127.0.0.1', ['10.0.0.0/8'], false],
    ['10.200.3.4', ['10.1.2.3/8'], true],
    ['127.0.0.1', ['192.168.0.0/16', '127.0.0.0/8'], true],
    ['127.0.0.1', ['::1/128'], false],
  ])('%s in %j: %s', (ip, blocks, inside) => {
    expect(belongsToCidrs(ip, blocks)).toBe(inside);
  });
});

describe('token_bound_cidrs as go-sockaddr reads them', () => {
  it.each([
    ['127.0.0.1', '127.0.0.1'],
    ['127.0.0.1/32', '127.0.0.1'],
    ['10.1.2.3/8', '10.1.2.3/8'],
    ['::1/128', '::1'],
    ['FE80:0:0::1/64', 'fe80::1/64'],
    ['010.0.0.0/8', '"\\"010.0.0.0/8\\""'],
  ])('%s is stored as %s', (input, stored) => {
    expect(parseSockAddr(input)).toBe(stored);
  });

  it('refuses text that is no address', () => {
    expect(() => parseSockAddr('notacidr')).toThrow(
      'error parsing address "notacidr": Unable to convert "notacidr" to an IPv4 or IPv6 address, or a UNIX Socket',
    );
  });

  it.each([
    [[], true],
    [['127.0.0.1'], true],
    [['10.0.0.0/8'], false],
    [['10.0.0.0/8', '127.0.0.0/8'], true],
    [['"\\"010.0.0.0/8\\""'], false],
  ])('a token bound to %j may be used from 127.0.0.1: %s', (bound, ok) => {
    expect(remoteAddrIsOk('127.0.0.1', bound)).toBe(ok);
  });

  it.each([
    [['10.0.0.0/8'], ['10.1.0.0/16'], true],
    [['10.0.0.0/8'], ['10.0.0.0/8', '11.0.0.0/8'], false],
    [['10.1.0.0/16'], ['10.0.0.0/8'], false],
    [['0.0.0.0/0'], ['127.0.0.1/32'], true],
  ])('%j holds %j: %s', (outer, inner, subset) => {
    expect(subsetBlocks(outer, inner)).toBe(subset);
  });

  it('refuses a /0 on a non-zero address as not canonical', () => {
    expect(() => subsetBlocks(['1.2.3.4/0'], ['10.0.0.0/8'])).toThrow('not in its canonical form');
  });
});
