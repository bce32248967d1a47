import type { PolicyStore } from '../acl/store.js';
import type { AuditBroker } from '../audit/broker.js';
import type { TokenStore } from '../auth/token/store.js';
import type { ServerClock } from '../core/clock.js';
import type { Core } from '../core/core.js';
import type { Backend } from '../core/logical.js';
import type { MountTable } from '../core/mounts.js';

/**
 * Creates the backend of a newly enabled engine, or of one whose options changed (`previous`, the
 * backend it replaces, whose data it takes over); undefined for a type this server lacks.
 */
export type BackendFactory = (
  cls: 'secret' | 'auth',
  type: string,
  options: Record<string, string>,
  previous?: Backend,
) => Backend | undefined;

/** What the system backend manages. */
export interface SysContext {
  clock: ServerClock;
  mounts: MountTable;
  tokens: TokenStore;
  policies: PolicyStore;
  audit: AuditBroker;
  core: () => Core;
  createBackend: BackendFactory;
}
