import { RoutedBackend } from '../core/routes.js';
import { auditRoutes } from './audit.js';
import { capabilityRoutes } from './capabilities.js';
import type { SysContext } from './context.js';
import { internalUiRoutes } from './internal-ui.js';
import { mountRoutes } from './mounts.js';
import { policyRoutes } from './policies.js';
import { tuneRoutes } from './tune.js';
import { wrappingRoutes } from './wrapping.js';

const UNAUTHENTICATED = [
  /^wrapping\/lookup$/,
  /^internal\/ui\/mounts(\/.*)?$/,
  /^seal-status$/,
  /^health$/,
  /^leader$/,
];
const ROOT_PROTECTED = [
  /^auth\/.+/,
  /^audit$/,
  /^audit\/.*/,
  /^remount/,
  /^rotate/,
  /^raw/,
  /^config\/cors$/,
  /^config\/auditing\//,
  /^leases\/lookup\//,
  /^leases$/,
];

/** The `sys/` mount: the system backend, with the sudo and unauthenticated path lists of OpenBao. */
export function systemBackend(ctx: SysContext): RoutedBackend {
  return new RoutedBackend(
    'system',
    [
      ...tuneRoutes(ctx),
      ...mountRoutes(ctx),
      ...policyRoutes(ctx),
      ...auditRoutes(ctx),
      ...internalUiRoutes(ctx),
      ...wrappingRoutes(ctx),
      ...capabilityRoutes(ctx),
    ],
    {
      unauthenticated: (path) => UNAUTHENTICATED.some((pattern) => pattern.test(path)),
      root: (path) => ROOT_PROTECTED.some((pattern) => pattern.test(path)),
    },
  );
}
