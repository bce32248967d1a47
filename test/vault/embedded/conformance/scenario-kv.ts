import type { ScenarioItem, Step } from './runner.js';

/**
 * KV v2 beyond the basics: field validation as the framework reports it, the bare roots of
 * `data/`, `metadata/` and `subkeys/`, metadata PATCH (JSON merge patch), and
 * `delete_version_after` (the mount's and a key's) running out.
 */
const merge = { 'Content-Type': 'application/merge-patch+json' };

const kv = (name: string, method: string, path: string, body?: unknown, headers?: Record<string, string>): Step => ({
  name: `kv2: ${name}`,
  method,
  path,
  ...(body === undefined ? {} : { body }),
  ...(headers ? { headers } : {}),
});

const fields: Step[] = [
  kv('write a key for field checks', 'POST', 'secret/data/fields/k', { data: { a: '1', nested: { b: 2 } } }),
  kv('read version -1 (the latest)', 'GET', 'secret/data/fields/k?version=-1'),
  kv('read version abc', 'GET', 'secret/data/fields/k?version=abc'),
  kv('read version 1.5', 'GET', 'secret/data/fields/k?version=1.5'),
  kv('subkeys version -1', 'GET', 'secret/subkeys/fields/k?version=-1'),
  kv('subkeys depth x', 'GET', 'secret/subkeys/fields/k?depth=x'),
  kv('delete versions "x"', 'POST', 'secret/delete/fields/k', { versions: 'x' }),
  kv('delete versions "1, 2" (no trimming)', 'POST', 'secret/delete/fields/k', { versions: '1, 2' }),
  kv('delete versions two bad items', 'POST', 'secret/delete/fields/k', { versions: ['x', 'y'] }),
  kv('delete versions an object', 'POST', 'secret/delete/fields/k', { versions: { a: 1 } }),
  kv('delete versions empty string', 'POST', 'secret/delete/fields/k', { versions: '' }),
  kv('destroy versions "x"', 'POST', 'secret/destroy/fields/k', { versions: 'x' }),
  kv('undelete versions [true] (weakly 1)', 'POST', 'secret/undelete/fields/k', { versions: [true] }),
  kv('write with version "x" (existence check, no prefix)', 'POST', 'secret/data/fields/k', {
    data: { a: 1 },
    version: 'x',
  }),
  kv('write with options "x"', 'POST', 'secret/data/fields/k', { data: { a: 1 }, options: 'x' }),
  kv('config with max_versions "x"', 'POST', 'secret/config', { max_versions: 'x' }),
  kv('config with delete_version_after "x"', 'POST', 'secret/config', { delete_version_after: 'x' }),
  kv('metadata with negative delete_version_after', 'POST', 'secret/metadata/fields/k', {
    delete_version_after: -1,
  }),
];

const roots: Step[] = [
  kv('GET data/ root', 'GET', 'secret/data/'),
  kv('GET metadata/ root', 'GET', 'secret/metadata/'),
  kv('GET subkeys/ root', 'GET', 'secret/subkeys/'),
  kv('DELETE data/ root', 'DELETE', 'secret/data/'),
  kv('DELETE subkeys/ root', 'DELETE', 'secret/subkeys/'),
  kv('GET delete/ root', 'GET', 'secret/delete/'),
  kv('GET bare subkeys', 'GET', 'secret/subkeys'),
  kv('LIST bare data', 'LIST', 'secret/data'),
  kv('PATCH data/ root', 'PATCH', 'secret/data/', { data: { a: 1 } }, merge),
];

const metadataPatch: Step[] = [
  kv('write a key to patch', 'POST', 'secret/data/mp/k', { data: { a: '1' } }),
  kv(
    'metadata PATCH',
    'PATCH',
    'secret/metadata/mp/k',
    { max_versions: 5, custom_metadata: { owner: 'ops', team: 'a<b&c' }, delete_version_after: '1h' },
    merge,
  ),
  kv('metadata after PATCH', 'GET', 'secret/metadata/mp/k'),
  kv(
    'metadata PATCH nulls',
    'PATCH',
    'secret/metadata/mp/k',
    { max_versions: null, custom_metadata: { owner: null }, delete_version_after: null },
    merge,
  ),
  kv('metadata after PATCH nulls', 'GET', 'secret/metadata/mp/k'),
  kv(
    'metadata PATCH last custom entry away',
    'PATCH',
    'secret/metadata/mp/k',
    { custom_metadata: { team: null } },
    merge,
  ),
  kv('data shows the patched custom metadata', 'GET', 'secret/data/mp/k'),
  kv('metadata PATCH a missing key', 'PATCH', 'secret/metadata/mp/nope', { max_versions: 3 }, merge),
  kv('metadata PATCH without settings', 'PATCH', 'secret/metadata/mp/nope', { other: 3 }, merge),
  kv('metadata PATCH with a bad field', 'PATCH', 'secret/metadata/mp/k', { max_versions: 'x' }, merge),
  kv(
    'metadata PATCH with an empty custom key',
    'PATCH',
    'secret/metadata/mp/k',
    { custom_metadata: { '': 'x' } },
    merge,
  ),
  kv('metadata PATCH without merge-patch type', 'PATCH', 'secret/metadata/mp/k', { max_versions: 3 }),
  kv('metadata write with an empty custom key and value', 'POST', 'secret/metadata/mp/k', {
    // One entry: OpenBao checks a map in random order, so two bad entries would come back in any order.
    custom_metadata: { '': '' },
  }),
  kv('metadata write of nothing', 'POST', 'secret/metadata/mp/empty', { other: 1 }),
  kv('metadata write of nothing stores nothing', 'GET', 'secret/metadata/mp/empty'),
];

/** `delete_version_after`: created + TTL, the smaller of the mount's and the key's, checked after it ran out. */
const deleteVersionAfter: ScenarioItem[] = [
  kv('enable a KV v2 mount for deletion times', 'POST', 'sys/mounts/kvdva', { type: 'kv', options: { version: '2' } }),
  kv('mount delete_version_after', 'POST', 'kvdva/config', { delete_version_after: '2s', cas_required: true }),
  kv('config shows delete_version_after', 'GET', 'kvdva/config'),
  kv('metadata with cas_required while the mount requires it', 'POST', 'kvdva/metadata/w', { cas_required: false }),
  kv('key setting longer than the mount', 'POST', 'kvdva/metadata/long', { delete_version_after: '1h' }),
  kv('key setting shorter than the mount', 'POST', 'kvdva/metadata/short', { delete_version_after: '1s' }),
  kv('write under the mount setting', 'POST', 'kvdva/data/plain', { data: { a: '1' }, options: { cas: 0 } }),
  kv('write under the longer key setting', 'POST', 'kvdva/data/long', { data: { a: '1' }, options: { cas: 0 } }),
  kv('write under the shorter key setting', 'POST', 'kvdva/data/short', { data: { a: '1' }, options: { cas: 0 } }),
  kv('read before the deletion time', 'GET', 'kvdva/data/plain'),
  kv('metadata with a pending deletion time', 'GET', 'kvdva/metadata/short'),
  { pause: 3.5, name: 'let delete_version_after run out' },
  kv('read after the mount deletion time', 'GET', 'kvdva/data/plain'),
  kv('read after the key deletion time', 'GET', 'kvdva/data/short'),
  kv('mount setting wins over a longer key setting', 'GET', 'kvdva/data/long'),
  kv('subkeys after the deletion time', 'GET', 'kvdva/subkeys/plain'),
  kv('PATCH after the deletion time', 'PATCH', 'kvdva/data/plain', { data: { b: '2' }, options: { cas: 1 } }, merge),
  kv('delete of an already deleted version', 'POST', 'kvdva/delete/plain', { versions: [1] }),
  kv('undelete restarts the clock', 'POST', 'kvdva/undelete/plain', { versions: [1] }),
  kv('read after undelete', 'GET', 'kvdva/data/plain'),
  kv('delete a version whose deletion is pending', 'POST', 'kvdva/delete/plain', { versions: [1] }),
  kv('read after delete', 'GET', 'kvdva/data/plain'),
  kv('disable delete_version_after on the mount', 'POST', 'kvdva/config', { delete_version_after: -5 }),
  kv('config shows it disabled', 'GET', 'kvdva/config'),
  kv('write with it disabled', 'POST', 'kvdva/data/short', { data: { a: '2' }, options: { cas: 1 } }),
  kv('reset it', 'POST', 'kvdva/config', { delete_version_after: 0, cas_required: false }),
  kv('write with only the key setting', 'POST', 'kvdva/data/long', { data: { a: '2' } }),
];

/** KV v1: a secret's own `ttl` (else `lease`) field is the lease duration its reads report. */
const v1Ttl: Step[] = [
  kv('enable KV v1 for ttl fields', 'POST', 'sys/mounts/kv1ttl', { type: 'kv' }),
  ...(
    [
      ['1h', { x: '1', ttl: '1h' }],
      ['seconds as text', { x: '1', ttl: '90' }],
      ['a number', { x: '1', ttl: 120 }],
      ['lease', { x: '1', lease: '2h' }],
      ['days', { x: '1', ttl: '2d' }],
      ['negative', { x: '1', ttl: '-5s' }],
      ['zero', { x: '1', ttl: '0' }],
      ['null', { x: '1', ttl: null }],
      ['not a duration', { x: '1', ttl: 'abc' }],
      ['beyond the max TTL', { x: '1', ttl: '9999h' }],
      ['a float', { x: '1', ttl: 1.5 }],
    ] as const
  ).flatMap(([name, body], i): Step[] => [
    kv(`v1 write with ttl ${name}`, 'POST', `kv1ttl/t${i}`, body),
    kv(`v1 read with ttl ${name}`, 'GET', `kv1ttl/t${i}`),
  ]),
];

/** Fields outside a path's schema: the framework's warning on the answer. */
const unknownFields: Step[] = [
  kv('write with an unknown field', 'POST', 'secret/data/fields/extra', { data: { a: 1 }, zeta: 1, alpha: 2 }),
  kv('read with an unknown query field', 'GET', 'secret/data/fields/extra?foo=1'),
  kv('metadata write with an unknown field (no answer, no warning)', 'POST', 'secret/metadata/fields/extra', {
    max_versions: 3,
    foo: 1,
  }),
];

/** KV v1 tuned to version 2 (`bao kv enable-versioning`): each value becomes version 1 of its key. */
const upgradeBefore: Step[] = [
  kv('enable KV v1 to upgrade', 'POST', 'sys/mounts/kvup', { type: 'kv' }),
  kv('v1 value to upgrade', 'POST', 'kvup/a', { x: '1', ttl: '1h' }),
  kv('v1 value in a folder to upgrade', 'POST', 'kvup/dir/b', { y: 2 }),
  kv('tune to version 2', 'POST', 'sys/mounts/kvup/tune', { options: { version: '2' } }),
];
// Read after the deletion-time pause: OpenBao upgrades in the background (briefly refusing requests).
const upgradeAfter: Step[] = [
  kv('upgraded value', 'GET', 'kvup/data/a'),
  kv('upgraded metadata', 'GET', 'kvup/metadata/a'),
  kv('upgraded keys', 'LIST', 'kvup/metadata'),
  kv('upgraded value in a folder', 'GET', 'kvup/data/dir/b'),
  kv('v1 path after the upgrade', 'GET', 'kvup/a'),
  kv('write after the upgrade', 'POST', 'kvup/data/a', { data: { z: 1 } }),
  kv('metadata after a write on the upgraded key', 'GET', 'kvup/metadata/a'),
  kv('mount after the upgrade', 'GET', 'sys/mounts/kvup'),
];

export const KV_STEPS: ScenarioItem[] = [
  ...fields,
  ...roots,
  ...metadataPatch,
  ...v1Ttl,
  ...unknownFields,
  ...upgradeBefore,
  ...deleteVersionAfter,
  ...upgradeAfter,
];
