import type { ScenarioItem, Step, Vars } from './runner.js';

/**
 * The PKI secrets engine as short-lived TLS certificates use it: a mount, a root CA, config/urls,
 * roles with allowed domains, localhost, IP SANs, TTLs and key types, issue (with every way a
 * request is refused or capped), certificates read back by serial with and without a token,
 * ca/pem, revoke and tidy. Certificates are compared by their properties (pki-view.ts).
 */
const issue = (name: string, body: unknown, role = 'web', mount = 'pki'): Step => ({
  name: `issue: ${name}`,
  method: 'POST',
  path: `${mount}/issue/${role}`,
  body,
});

const roleWrite = (name: string, role: string, body: unknown, mount = 'pki'): Step => ({
  name: `role: ${name}`,
  method: 'POST',
  path: `${mount}/roles/${role}`,
  body,
});

export function pkiScenario(): ScenarioItem[] {
  return [
    // The audit comparison starts at the first sys/mounts request (a dev server audits its own start).
    { name: 'mounts', method: 'GET', path: 'sys/mounts' },
    {
      name: 'pki enable',
      method: 'POST',
      path: 'sys/mounts/pki',
      body: { type: 'pki', config: { max_lease_ttl: '87600h' } },
    },
    { name: 'pki mount', method: 'GET', path: 'sys/mounts/pki' },
    { name: 'ca/pem before any CA', method: 'GET', path: 'pki/ca/pem', token: null },
    { name: 'cert/ca before any CA', method: 'GET', path: 'pki/cert/ca' },
    roleWrite('written before any CA', 'early', { allowed_domains: 'example.com', allow_subdomains: true }),
    issue('before any CA', { common_name: 'a.example.com' }, 'early'),
    { name: 'config/urls default', method: 'GET', path: 'pki/config/urls' },
    {
      name: 'config/urls write',
      method: 'POST',
      path: 'pki/config/urls',
      body: {
        issuing_certificates: 'http://127.0.0.1:8200/v1/pki/ca',
        crl_distribution_points: ['http://127.0.0.1:8200/v1/pki/crl'],
      },
    },
    { name: 'config/urls read', method: 'GET', path: 'pki/config/urls' },
    { name: 'root: unknown type', method: 'POST', path: 'pki/root/generate/foo', body: { common_name: 'x' } },
    {
      name: 'root: generate internal',
      method: 'POST',
      path: 'pki/root/generate/internal',
      body: { common_name: 'Workbook Root CA', ttl: '8760h' },
      save: (body: { data: Vars }, vars: Vars) => {
        vars.caSerial = body.data.serial_number!;
      },
    },
    { name: 'ca/pem', method: 'GET', path: 'pki/ca/pem', token: null },
    { name: 'cert/ca', method: 'GET', path: 'pki/cert/ca', token: null },
    roleWrite('unknown key type', 'bad', { key_type: 'dsa' }),
    roleWrite('RSA too short', 'bad', { key_type: 'rsa', key_bits: 1000 }),
    roleWrite('RSA odd size', 'bad', { key_bits: 2000 }),
    roleWrite('EC size', 'bad', { key_type: 'ec', key_bits: 2048 }),
    roleWrite('ttl above max_ttl', 'bad', { ttl: '2h', max_ttl: '1h' }),
    roleWrite('ttl not a duration', 'bad', { ttl: 'soon' }),
    roleWrite('web', 'web', {
      allowed_domains: 'example.com',
      allow_subdomains: true,
      max_ttl: '72h',
      key_type: 'ec',
    }),
    { name: 'role read', method: 'GET', path: 'pki/roles/web' },
    { name: 'role read: missing', method: 'GET', path: 'pki/roles/missing' },
    { name: 'roles list', method: 'LIST', path: 'pki/roles' },
    issue('a subdomain, 1h', { common_name: 'app.example.com', ttl: '1h' }),
    issue('ttl above max_ttl: capped', { common_name: 'app.example.com', ttl: '100h' }),
    issue('no ttl: the mount default, capped', { common_name: 'app.example.com' }),
    issue('ttl in seconds', { common_name: 'app.example.com', ttl: 90 }),
    issue('another domain', { common_name: 'app.evil.com' }),
    issue('the bare domain', { common_name: 'example.com' }),
    issue('a suffix that is not a subdomain', { common_name: 'badexample.com' }),
    issue('localhost with an IP SAN and alt names', {
      common_name: 'localhost',
      ip_sans: '127.0.0.1,::1',
      alt_names: 'a.example.com,b.example.com',
    }),
    issue('an alt name outside the domains', { common_name: 'app.example.com', alt_names: 'x.other.org' }),
    issue('not an IP address', { common_name: 'app.example.com', ip_sans: 'nonsense' }),
    issue('a wildcard', { common_name: '*.example.com' }),
    issue('not a hostname', { common_name: 'app_1.example.com' }),
    issue('no common_name', {}),
    issue('ttl not a duration', { common_name: 'app.example.com', ttl: 'abc' }),
    issue('unknown role', { common_name: 'app.example.com' }, 'nope'),
    { ...issue('without a token', { common_name: 'app.example.com' }), token: null },
    roleWrite('strict', 'strict', {
      allowed_domains: ['example.com'],
      allow_bare_domains: true,
      allow_localhost: false,
      allow_ip_sans: false,
      key_type: 'ec',
      key_bits: 384,
      ttl: '30s',
      max_ttl: '1m',
    }),
    issue('strict: the role ttl', { common_name: 'example.com' }, 'strict'),
    issue('strict: above max_ttl', { common_name: 'example.com', ttl: '2h' }, 'strict'),
    issue('strict: localhost refused', { common_name: 'localhost' }, 'strict'),
    issue('strict: IP SANs refused', { common_name: 'example.com', ip_sans: '127.0.0.1' }, 'strict'),
    roleWrite('rsa defaults', 'rsa', { allowed_domains: 'example.com', allow_subdomains: true, ttl: '10m' }),
    {
      ...issue('rsa', { common_name: 'api.example.com' }, 'rsa'),
      save: (body: { data: Vars }, vars: Vars) => {
        vars.serial = body.data.serial_number!;
      },
    },
    { name: 'cert by serial', method: 'GET', path: (vars: Vars) => `pki/cert/${vars.serial}` },
    { name: 'cert by serial, no token', method: 'GET', path: (vars: Vars) => `pki/cert/${vars.serial}`, token: null },
    {
      name: 'cert by serial with dashes',
      method: 'GET',
      path: (vars: Vars) => `pki/cert/${vars.serial!.replaceAll(':', '-')}`,
      token: null,
    },
    { name: 'cert: unknown serial', method: 'GET', path: 'pki/cert/00:11', token: null },
    { name: 'certs list', method: 'LIST', path: 'pki/certs' },
    { name: 'revoke: no serial', method: 'POST', path: 'pki/revoke', body: {} },
    { name: 'revoke: unknown serial', method: 'POST', path: 'pki/revoke', body: { serial_number: '11:22' } },
    {
      name: 'revoke: the CA itself',
      method: 'POST',
      path: 'pki/revoke',
      body: (vars: Vars) => ({ serial_number: vars.caSerial }),
    },
    { name: 'revoke', method: 'POST', path: 'pki/revoke', body: (vars: Vars) => ({ serial_number: vars.serial }) },
    {
      name: 'revoke again',
      method: 'POST',
      path: 'pki/revoke',
      body: (vars: Vars) => ({ serial_number: vars.serial }),
    },
    { name: 'cert after revoke', method: 'GET', path: (vars: Vars) => `pki/cert/${vars.serial}` },
    { name: 'tidy', method: 'POST', path: 'pki/tidy', body: { tidy_cert_store: true } },
    {
      // The embedded engine tidies before it answers and has no status endpoint (404); a real
      // server tidies in the background and refuses a second tidy until the first has finished.
      name: 'the first tidy has finished',
      settle: 'pki/tidy-status',
      ready: (status, body) => status === 404 || (status === 200 && body?.data?.state !== 'Running'),
    },
    // Found by the route fuzz: a tidy asked for nothing, serials that are not hex, a root's IP SANs.
    { name: 'tidy with no operation set', method: 'POST', path: 'pki/tidy', body: { tidy_cert_store: false } },
    { name: 'cert: a name, not a serial', method: 'GET', path: 'pki/cert/nope' },
    { name: 'cert: written to', method: 'POST', path: 'pki/cert/00:11', body: {} },
    { name: 'cert: LIST a name', method: 'LIST', path: 'pki/cert/nope' },
    {
      name: 'root: an IP SAN that is not an address',
      method: 'POST',
      path: 'pki/root/generate/internal',
      body: { common_name: 'x', ip_sans: 'example.com' },
    },
    { name: 'role delete', method: 'DELETE', path: 'pki/roles/rsa' },
    issue('deleted role', { common_name: 'api.example.com' }, 'rsa'),
    // A CA that ends in an hour: nothing it signs may outlive it.
    { name: 'short enable', method: 'POST', path: 'sys/mounts/short', body: { type: 'pki' } },
    {
      name: 'short: root exported (EC)',
      method: 'POST',
      path: 'short/root/generate/exported',
      body: { common_name: 'Short CA', key_type: 'ec', ttl: '1h' },
    },
    roleWrite('short', 'svc', { allowed_domains: 'example.com', allow_subdomains: true, max_ttl: '5h' }, 'short'),
    issue('beyond the CA', { common_name: 'a.example.com', ttl: '5h' }, 'svc', 'short'),
    issue('within the CA', { common_name: 'a.example.com', ttl: '10m' }, 'svc', 'short'),
    {
      name: 'short: root ttl above the mount max',
      method: 'POST',
      path: 'short/root/generate/internal',
      body: { common_name: 'Second', ttl: '1000h' },
    },
    { name: 'short: ca/pem is still the first', method: 'GET', path: 'short/ca/pem', token: null },
  ];
}
