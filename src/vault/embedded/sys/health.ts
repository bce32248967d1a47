import type { ServerClock } from '../core/clock.js';

export interface ServerInfo {
  version: string;
  clusterName: string;
  clusterId: string;
}

/** A dev server is always initialised, unsealed and active: 200, or `activecode` when given. */
export function healthStatus(query: URLSearchParams): number | undefined {
  const code = query.get('activecode');
  if (code === null) return 200;
  if (!/^\d+$/.test(code)) return undefined;
  return Number(code);
}

export function healthBody(clock: ServerClock, info: ServerInfo): string {
  return `${JSON.stringify({
    initialized: true,
    sealed: false,
    standby: false,
    replication_performance_mode: 'disabled',
    replication_dr_mode: 'disabled',
    server_time_utc: clock.unixSeconds(),
    version: info.version,
    cluster_name: info.clusterName,
    cluster_id: info.clusterId,
  })}\n`;
}

export function sealStatusBody(info: ServerInfo): string {
  return `${JSON.stringify({
    type: 'shamir',
    initialized: true,
    sealed: false,
    t: 1,
    n: 1,
    progress: 0,
    nonce: '',
    recovery_seal: false,
    version: info.version,
    commit_date: '2026-10-26T20:32:27Z',
    migration: false,
    cluster_name: info.clusterName,
    cluster_id: info.clusterId,
    storage_type: 'inmem',
  })}\n`;
}
