import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '../../src/util/net.js';

/**
 * A real OpenBao raft cluster on 127.0.0.1: several `bao server` processes side by side, each with
 * its own raft folder, API port and cluster port, joining each other through `retry_join`. They
 * start uninitialised and sealed, as a fresh cluster does; a test initialises one node (through
 * `classroom init`, or `initAndUnseal`) and unseals the others, which then join it.
 * A node can be killed (SIGKILL, a crash) and started again on the same folder and ports.
 */
export interface ClusterNode {
  name: string;
  address: string;
  ports: { api: number; cluster: number };
  /** The server is running (not killed or stopped). */
  readonly running: boolean;
  kill(signal?: NodeJS.Signals): Promise<void>;
  start(): Promise<void>;
  output(): string;
}

export interface BaoCluster {
  nodes: ClusterNode[];
  /** Every node's address, comma-separated: what VAULT_ADDR holds for a class on this cluster. */
  addressList: string;
  dir: string;
  /** The node that is active now (asks each running node's `sys/leader`), waiting up to `timeoutMs`. */
  leader(timeoutMs?: number): Promise<ClusterNode>;
  followers(): Promise<ClusterNode[]>;
  /** Init through `node` (default the first), unseal every node, wait for all to be in the cluster. */
  initAndUnseal(node?: ClusterNode): Promise<{ rootToken: string; unsealKeys: string[] }>;
  unseal(node: ClusterNode, keys: string[]): Promise<void>;
  /** Raft peers as the leader sees them, once `count` voters are there and autopilot calls each healthy. */
  waitForPeers(token: string, count: number, timeoutMs?: number): Promise<string[]>;
  stop(): Promise<void>;
}

export async function startBaoCluster(size = 3, options: { binary?: string } = {}): Promise<BaoCluster> {
  const binary = options.binary ?? 'bao';
  const dir = await mkdtemp(join(tmpdir(), 'sw-bao-cluster-'));
  const ports = [];
  for (let index = 0; index < size; index++) ports.push({ api: await freePort(), cluster: await freePort() });
  const apiAddress = (port: number) => `http://127.0.0.1:${port}`;
  const nodes: ClusterNode[] = [];
  for (const [index, nodePorts] of ports.entries()) {
    const name = `node${index + 1}`;
    const dataDir = join(dir, name, 'raft');
    await mkdir(dataDir, { recursive: true });
    const config = {
      storage: {
        raft: {
          path: dataDir,
          node_id: name,
          retry_join: ports
            .filter((other) => other !== nodePorts)
            .map((other) => ({
              leader_api_addr: apiAddress(other.api),
            })),
        },
      },
      listener: [
        {
          tcp: {
            address: `127.0.0.1:${nodePorts.api}`,
            cluster_address: `127.0.0.1:${nodePorts.cluster}`,
            tls_disable: true,
          },
        },
      ],
      api_addr: apiAddress(nodePorts.api),
      cluster_addr: `http://127.0.0.1:${nodePorts.cluster}`,
      disable_mlock: true,
      ui: false,
      log_level: 'info',
    };
    const configFile = join(dir, name, 'server.json');
    await writeFile(configFile, JSON.stringify(config));
    nodes.push(clusterNode(binary, name, apiAddress(nodePorts.api), nodePorts, configFile, join(dir, name)));
  }
  await Promise.all(nodes.map((node) => node.start()));

  const cluster: BaoCluster = {
    nodes,
    addressList: nodes.map((node) => node.address).join(','),
    dir,
    async leader(timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        for (const node of nodes.filter((candidate) => candidate.running)) {
          const leader = await getJson<{ is_self?: boolean }>(`${node.address}/v1/sys/leader`);
          if (leader?.is_self) return node;
        }
        if (Date.now() > deadline) throw new Error(`no active node in the cluster within ${timeoutMs} ms`);
        await sleep(200);
      }
    },
    async followers() {
      const leader = await cluster.leader();
      return nodes.filter((node) => node !== leader && node.running);
    },
    async unseal(node, keys) {
      for (const key of keys) {
        const status = await postJson<{ sealed: boolean }>(`${node.address}/v1/sys/unseal`, { key });
        if (!status.sealed) return;
      }
    },
    async initAndUnseal(first = nodes[0]!) {
      const init = await postJson<{ keys_base64: string[]; root_token: string }>(`${first.address}/v1/sys/init`, {
        secret_shares: 1,
        secret_threshold: 1,
      });
      await cluster.unseal(first, init.keys_base64);
      await cluster.leader();
      for (const node of nodes) if (node !== first) await unsealWhenJoined(cluster, node, init.keys_base64);
      await cluster.waitForPeers(init.root_token, nodes.length);
      return { rootToken: init.root_token, unsealKeys: init.keys_base64 };
    },
    async waitForPeers(token, count, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const leader = await cluster.leader();
        const config = await getJson<{ data?: { config?: { servers?: { node_id: string; voter: boolean }[] } } }>(
          `${leader.address}/v1/sys/storage/raft/configuration`,
          token,
        );
        const voters = config?.data?.config?.servers?.filter((server) => server.voter).map((server) => server.node_id);
        // A node restarted after a kill is still a voter in the configuration before it has caught up; killing
        // the leader then leaves no quorum, and no election ends. Autopilot says when every voter is healthy.
        if (voters && voters.length >= count && (await healthyVoters(leader.address, token)) >= count)
          return voters.sort();
        if (Date.now() > deadline)
          throw new Error(`the cluster has ${voters?.length ?? 0} voters, not ${count}, after ${timeoutMs} ms`);
        await sleep(250);
      }
    },
    async stop() {
      await Promise.all(nodes.map((node) => node.kill('SIGTERM')));
      await rm(dir, { recursive: true, force: true });
    },
  };
  return cluster;
}

/** A joining node asks the leader for the raft challenge first; unsealing before that answers "not joined". */
async function unsealWhenJoined(cluster: BaoCluster, node: ClusterNode, keys: string[]): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      await cluster.unseal(node, keys);
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(500);
    }
  }
}

function clusterNode(
  binary: string,
  name: string,
  address: string,
  ports: { api: number; cluster: number },
  configFile: string,
  home: string,
): ClusterNode {
  let child: ChildProcess | undefined;
  let log = '';
  const alive = () => Boolean(child && child.exitCode === null && child.signalCode === null);
  return {
    name,
    address,
    ports,
    get running() {
      return alive();
    },
    output: () => log,
    async start() {
      if (alive()) return;
      const started = spawn(binary, ['server', `-config=${configFile}`], {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { PATH: process.env.PATH!, HOME: home },
      });
      child = started;
      const keep = (chunk: Buffer) => void (log = (log + chunk.toString()).slice(-20_000));
      started.stdout!.on('data', keep);
      started.stderr!.on('data', keep);
      const deadline = Date.now() + 20_000;
      // Any answer from sys/health (501 uninitialised, 503 sealed, 429 standby) means the listener is up.
      while (
        !(await fetch(`${address}/v1/sys/health`).then(
          () => true,
          () => false,
        ))
      ) {
        if (started.exitCode !== null || Date.now() > deadline) {
          started.kill('SIGKILL');
          throw new Error(`bao ${name} did not start: ${log.slice(-2000)}`);
        }
        await sleep(100);
      }
    },
    async kill(signal: NodeJS.Signals = 'SIGKILL') {
      const running = child;
      if (!running || !alive()) return;
      const exited = new Promise((resolve) => running.once('exit', resolve));
      running.kill(signal);
      const timer = setTimeout(() => running.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

interface AutopilotState {
  data?: { healthy?: boolean; servers?: Record<string, { status?: string; healthy?: boolean }> };
}

async function healthyVoters(address: string, token: string): Promise<number> {
  const state = await getJson<AutopilotState>(`${address}/v1/sys/storage/raft/autopilot/state`, token);
  if (!state?.data?.healthy) return 0;
  return Object.values(state.data.servers ?? {}).filter(
    (server) => (server.status === 'leader' || server.status === 'voter') && server.healthy,
  ).length;
}

async function getJson<T>(url: string, token?: string): Promise<T | undefined> {
  try {
    const response = await fetch(url, { headers: token ? { 'X-Vault-Token': token } : {} });
    return response.ok ? ((await response.json()) as T) : undefined;
  } catch {
    return undefined;
  }
}

async function postJson<T>(url: string, body: unknown): Promise<T> {
  const response = await fetch(url, { method: 'POST', body: JSON.stringify(body) });
  const text = await response.text();
  if (!response.ok) throw new Error(`${url} answered ${response.status}: ${text}`);
  return JSON.parse(text) as T;
}
