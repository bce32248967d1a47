import type { ServerClock } from '../core/clock.js';
import { VaultError } from '../core/errors.js';
import { getBool, getStringList, has } from '../core/fields.js';
import type { Handler, Request, Response, Route } from '../core/logical.js';
import { RoutedBackend } from '../core/routes.js';
import { generateRoot, issueCertificate } from './issue.js';
import { badRequest, parseRole, roleView, type PkiRole } from './roles.js';
import { certificateRoutes } from './certificates.js';
import { PkiStore, type UrlConfig } from './store.js';

/** framework.GenericNameRegex: role names are case-sensitive here, unlike auth methods'. */
const NAME = '(\\w(?:[\\w.-]*\\w)?)';
const NO_DEFAULT_ISSUER =
  'Issuing Certificate was set to default, but no default issuing certificate (configurable at /config/issuers) is currently set';

/**
 * The PKI secrets engine (builtin `pki`), one instance per mount, for what short-lived TLS
 * certificates need: a root CA (`root/generate/internal|exported`), `config/urls`, roles, `issue`,
 * certificates read back by serial, `ca/pem`, `revoke` and `tidy`. Certificates are real X.509
 * (x509.ts), their lifetimes read from the server's clock, so a test can move past an expiry.
 */
export function pkiBackend(clock: ServerClock): RoutedBackend {
  const store = new PkiStore();
  const roles = new Map<string, PkiRole>();

  const writeRole = (request: Request, match: RegExpExecArray): Response => {
    const role = parseRole(request, roles.get(match[1]!));
    roles.set(match[1]!, role);
    return { data: role, warnings: store.defaultIssuer ? undefined : [NO_DEFAULT_ISSUER] };
  };

  const routes: Route[] = [
    {
      pattern: /^root\/generate\/([^/]+)$/,
      operations: {
        update: (request, match) => {
          const type = match[1]!;
          if (type === 'existing' || type === 'kms')
            throw badRequest(`the built-in server generates only "internal" or "exported" roots, not "${type}"`);
          if (type !== 'internal' && type !== 'exported')
            throw badRequest('the "exported" path parameter must be "internal", "existing", exported" or "kms"');
          return generateRoot(request, clock, store, type === 'exported');
        },
      },
    },
    {
      pattern: /^config\/urls$/,
      operations: {
        read: () => ({ data: { ...store.urls } }),
        update: (request) => {
          store.urls = parseUrls(request, store.urls);
          return { data: { ...store.urls } };
        },
      },
    },
    { pattern: /^roles\/?$/, operations: { list: () => ({ data: { keys: [...roles.keys()].sort() } }) } },
    {
      pattern: new RegExp(`^roles/${NAME}$`),
      operations: {
        read: (_request, match) => {
          const role = roles.get(match[1]!);
          return role ? { data: role } : null;
        },
        // No existence check in path_roles.go: every write is an update, in the audit log too.
        update: writeRole,
        delete: (_request, match) => {
          roles.delete(match[1]!);
          return null;
        },
      },
    },
    {
      pattern: new RegExp(`^issue/${NAME}$`),
      operations: {
        update: (request, match) => {
          const role = roles.get(match[1]!);
          if (!role) throw badRequest(`unknown role: ${match[1]}`);
          return issueCertificate(request, clock, store, roleView(role));
        },
      },
    },
    ...certificateRoutes(clock, store),
  ];

  for (const route of routes)
    for (const [operation, handler] of Object.entries(route.operations))
      route.operations[operation as keyof Route['operations']] = validated(handler);
  return new RoutedBackend('pki', routes, {
    unauthenticated: (path) => path === 'ca/pem' || path.startsWith('cert/'),
  });
}

/** The engine validates its fields up front (framework's Validate): a bad value's error says so. */
function validated(handler: Handler): Handler {
  return (request, match) => {
    try {
      return handler(request, match);
    } catch (error) {
      if (error instanceof VaultError && error.errors[0]?.startsWith('error converting input for field'))
        throw new VaultError(error.status, [`Field validation failed: ${error.errors[0]}`], {
          error: null,
          data: true,
        });
      throw error;
    }
  };
}

function parseUrls(request: Request, existing: UrlConfig): UrlConfig {
  const data = request.data;
  const list = (field: keyof UrlConfig) =>
    has(data, field) ? (getStringList(data, field) ?? []) : (existing[field] as string[]);
  return {
    issuing_certificates: list('issuing_certificates'),
    crl_distribution_points: list('crl_distribution_points'),
    ocsp_servers: list('ocsp_servers'),
    delta_crl_distribution_points: list('delta_crl_distribution_points'),
    enable_templating: has(data, 'enable_templating') ? getBool(data, 'enable_templating') : existing.enable_templating,
  };
}
