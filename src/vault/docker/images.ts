import { DockerApiError, type DockerEngine, errorMessage } from './engine.js';

/** `registry/repo:tag` → the `fromImage` and `tag` of a pull (a digest reference is pulled as is). */
export function splitReference(reference: string): { fromImage: string; tag?: string } {
  if (reference.includes('@')) return { fromImage: reference };
  const slash = reference.lastIndexOf('/');
  const colon = reference.lastIndexOf(':');
  if (colon > slash) return { fromImage: reference.slice(0, colon), tag: reference.slice(colon + 1) };
  return { fromImage: reference, tag: 'latest' };
}

/** Size in bytes when the image is present locally, undefined when it is not. */
export async function localImageSize(engine: DockerEngine, reference: string, timeoutMs: number) {
  try {
    const image = await engine.call<{ Size?: number }>('GET', `/images/${encodeURIComponent(reference)}/json`, {
      timeoutMs,
    });
    return image?.Size ?? 0;
  } catch (error) {
    if (error instanceof DockerApiError && error.status === 404) return undefined;
    throw error;
  }
}

/**
 * Can the engine reach the image's registry? Asks the engine (so its proxy and mirror settings
 * count) for the image's manifest descriptor; answers the reason when it cannot.
 */
export async function probeRegistry(
  engine: DockerEngine,
  reference: string,
  timeoutMs: number,
): Promise<{ reachable: true } | { reachable: false; reason: string }> {
  try {
    await engine.call('GET', `/distribution/${reference}/json`, { timeoutMs });
    return { reachable: true };
  } catch (error) {
    return { reachable: false, reason: describePullError(error) };
  }
}

/** Engine messages about registries, shortened to what a learner can act on. */
export function describePullError(error: unknown): string {
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
  if (/no such host|server misbehaving|network is unreachable|i\/o timeout|connection refused|dial tcp/i.test(message))
    // 'Get "https://registry-1.docker.io/v2/": dial tcp: …' → 'https://registry-1.docker.io/v2/: dial tcp: …'
    return `registry unreachable (${message.replace(/^Get "([^"]*)"/, '$1').slice(0, 140)})`;
  if (/toomanyrequests|rate limit/i.test(message))
    return `registry refused: pull rate limit reached (${message.slice(0, 100)})`;
  if (/manifest unknown|not found|pull access denied|repository does not exist/i.test(message))
    return `no such image in the registry (${message.slice(0, 140)})`;
  return message.slice(0, 200);
}

interface PullEvent {
  id?: string;
  status?: string;
  error?: string;
  errorDetail?: { message?: string };
  progressDetail?: { current?: number; total?: number };
}

/** Adds up the engine's pull events into "layers done of all, bytes of total". */
export class PullProgress {
  readonly #layers = new Map<string, { current: number; total: number; done: boolean }>();

  feed(event: PullEvent): void {
    const { id, status = '' } = event;
    if (!id || /^Pulling from /.test(status) || id.includes(':')) return;
    const layer = this.#layers.get(id) ?? { current: 0, total: 0, done: false };
    this.#layers.set(id, layer);
    if (status === 'Downloading' && event.progressDetail) {
      layer.current = event.progressDetail.current ?? layer.current;
      layer.total = event.progressDetail.total ?? layer.total;
    }
    if (/^(Download complete|Pull complete|Already exists)/.test(status)) {
      layer.done = true;
      if (layer.total) layer.current = layer.total;
    }
  }

  summary(): string {
    const layers = [...this.#layers.values()];
    const done = layers.filter((layer) => layer.done).length;
    const current = layers.reduce((sum, layer) => sum + layer.current, 0);
    const total = layers.reduce((sum, layer) => sum + layer.total, 0);
    const bytes = total ? `, ${formatMegabytes(current)} of ${formatMegabytes(total)}` : '';
    return `${done} of ${layers.length} layers${bytes}`;
  }
}

export function formatMegabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(bytes >= 10_000_000 ? 0 : 1)} MB`;
}

export interface PullOptions {
  /** Called at most every `reportEveryMs` with "pulling …: 2 of 5 layers, 12 MB of 48 MB". */
  onProgress?: (line: string) => void;
  /** Give up when the engine has said nothing for this long (a stalled registry). */
  stallTimeoutMs: number;
  reportEveryMs?: number;
  signal?: AbortSignal;
}

/** Pull an image, following the engine's progress stream; an error in the stream is thrown. */
export async function pullImage(engine: DockerEngine, reference: string, options: PullOptions): Promise<void> {
  const { fromImage, tag } = splitReference(reference);
  const query = new URLSearchParams({ fromImage, ...(tag ? { tag } : {}) });
  const response = await engine.open('POST', `/images/create?${query}`, {
    timeoutMs: options.stallTimeoutMs,
    signal: options.signal,
  });
  const progress = new PullProgress();
  let lastReport = 0;
  let stallTimer: NodeJS.Timeout | undefined;
  const armStall = () => {
    clearTimeout(stallTimer);
    stallTimer = setTimeout(
      () =>
        response.destroy(
          new Error(`the pull of ${reference} stalled (no progress for ${options.stallTimeoutMs / 1000} s)`),
        ),
      options.stallTimeoutMs,
    );
    stallTimer.unref();
  };
  const onAbort = () => response.destroy(new Error('aborted'));
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    armStall();
    let pending = '';
    let body = '';
    for await (const chunk of response) {
      armStall();
      const text = (chunk as Buffer).toString('utf8');
      if ((response.statusCode ?? 500) >= 400) {
        body += text;
        continue;
      }
      pending += text;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const event = parseEvent(line);
        if (!event) continue;
        if (event.error || event.errorDetail?.message) throw new Error(event.errorDetail?.message ?? event.error);
        progress.feed(event);
        if (options.onProgress && Date.now() - lastReport >= (options.reportEveryMs ?? 500)) {
          lastReport = Date.now();
          options.onProgress(`pulling ${reference}: ${progress.summary()}`);
        }
      }
    }
    if ((response.statusCode ?? 500) >= 400) throw new DockerApiError(response.statusCode ?? 500, errorMessage(body));
    options.onProgress?.(`pulled ${reference}: ${progress.summary()}`);
  } finally {
    clearTimeout(stallTimer);
    options.signal?.removeEventListener('abort', onAbort);
    response.destroy();
  }
}

function parseEvent(line: string): PullEvent | undefined {
  if (!line.trim()) return undefined;
  try {
    return JSON.parse(line) as PullEvent;
  } catch {
    return undefined;
  }
}
