/**
 * Runs a scripted scenario of HTTP requests against one Vault-compatible server and records
 * what came back, so two servers (real `bao server -dev` and the embedded one) can be compared
 * request by request.
 */
export type Vars = Record<string, string>;

export interface Step {
  name: string;
  method: string;
  /** Relative to /v1/ unless it starts with `/`. */
  path: string | ((vars: Vars) => string);
  /** JSON body (serialised), or `raw` for exact bytes. */
  body?: unknown | ((vars: Vars) => unknown);
  raw?: string;
  headers?: Record<string, string> | ((vars: Vars) => Record<string, string>);
  /** Token to send: 'root' (default), null for none, or a variable name / function. */
  token?: string | null | ((vars: Vars) => string | null);
  /** Keep values from the response for later steps. */
  save?: (body: any, vars: Vars) => void;
  /** Keys whose values are compared by type and length only (e.g. lists of random accessors). */
  loose?: string[];
}

export interface Pause {
  /** Seconds of time that must pass (real sleep on a real server, clock.advance on embedded). */
  pause: number;
  name: string;
}

/**
 * Waits until background work a step started on the server has finished (a real server tidies
 * in the background; asking again too early is answered "already in progress"). Polled with the
 * root token; nothing is recorded, so it compares nothing.
 */
export interface Settle {
  settle: string;
  name: string;
  ready(status: number, body: any): boolean;
  timeoutMs?: number;
}

export type ScenarioItem = Step | Pause | Settle;

async function settle(item: Settle, target: Target): Promise<void> {
  const deadline = Date.now() + (item.timeoutMs ?? 15_000);
  for (;;) {
    const response = await fetch(`${target.address}/v1/${item.settle}`, {
      headers: { 'X-Vault-Token': target.rootToken },
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // Not JSON: handed over as text.
    }
    if (item.ready(response.status, body)) return;
    if (Date.now() > deadline) throw new Error(`${item.name}: not ready after ${item.timeoutMs ?? 15_000} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export interface Target {
  address: string;
  rootToken: string;
  advance(seconds: number): Promise<void>;
}

export interface Observed {
  name: string;
  status: number;
  contentType: string | null;
  cacheControl: string | null;
  body: unknown;
  loose?: string[];
}

export async function runScenario(items: ScenarioItem[], target: Target): Promise<Observed[]> {
  const vars: Vars = { root: target.rootToken };
  const results: Observed[] = [];
  for (const item of items) {
    if ('pause' in item) {
      await target.advance(item.pause);
      continue;
    }
    if ('settle' in item) {
      await settle(item, target);
      continue;
    }
    const path = typeof item.path === 'function' ? item.path(vars) : item.path;
    const url = path.startsWith('/') ? `${target.address}${path}` : `${target.address}/v1/${path}`;
    const tokenSpec =
      item.token === undefined ? 'root' : typeof item.token === 'function' ? item.token(vars) : item.token;
    const headers: Record<string, string> = {};
    if (tokenSpec !== null) headers['X-Vault-Token'] = vars[tokenSpec] ?? tokenSpec;
    let body: string | undefined;
    if (item.raw !== undefined) body = item.raw;
    else if (item.body !== undefined)
      body = JSON.stringify(typeof item.body === 'function' ? (item.body as (v: Vars) => unknown)(vars) : item.body);
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    Object.assign(headers, typeof item.headers === 'function' ? item.headers(vars) : item.headers);
    const response = await fetch(url, { method: item.method, headers, body, redirect: 'manual' });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text === '' ? '' : JSON.parse(text);
    } catch {
      // Not JSON: compared as text.
    }
    try {
      item.save?.(parsed, vars);
    } catch (error) {
      throw new Error(
        `step "${item.name}": could not read the response (${(error as Error).message}): ${text.slice(0, 300)}`,
        { cause: error },
      );
    }
    results.push({
      name: item.name,
      status: response.status,
      contentType: response.headers.get('content-type'),
      cacheControl: response.headers.get('cache-control'),
      body: parsed,
      loose: item.loose,
    });
  }
  return results;
}
