import { readFile } from 'node:fs/promises';
import type { AgentScenarioDefinition } from '../../../course/scenario-schema.js';
import { oneLine } from '../../../util/errors.js';
import type { OutputStream } from '../../program/run-program.js';
import type { RunWatcher } from '../vault-app/app-run.js';
import type { AppSetup } from '../vault-app/app-setup.js';
import { fingerprintOf } from '../log-scrubbing/log-lines.js';
import type { AgentProcess } from './agent-process.js';

/**
 * What the grader does while Agent and the app run, and what it saw (times in ms, this clock):
 * 1. Agent starts and renders the file (the app starts once it has, or after renderWithinSeconds).
 * 2. Once the app has printed the first URL's fingerprint (or 3 s after it started without one),
 *    the grader writes a new version of the secret.
 * 3. The file must hold the new URL within the window, and the app must print its fingerprint
 *    within the window after that; then the scenario is satisfied (the run stops the app after
 *    the grace period), or, when the windows are over, it stops the app itself.
 *
 * The file is polled, never watched: Agent replaces it by rename, which file watchers miss on
 * some systems. Its content is compared with the values, never kept or shown.
 */
export interface AgentTimeline {
  agentStart: number;
  /** When the file first held something, and whether that was the first URL. */
  firstRender?: { time: number; matches: boolean; empty: boolean; wrapped: boolean };
  /** The secret_id file existed when the file was first rendered (or when the app started). */
  secretIdFileAtStart?: boolean;
  appStart?: number;
  appFirst?: number;
  rotation?: { time: number; version: number };
  rotationError?: string;
  /** When the file first held the new URL. */
  renderRotated?: number;
  /** When the app first printed the new URL's fingerprint. */
  appRotated?: number;
  /** Fingerprints the app printed that matched neither URL. */
  otherFingerprints: number;
  fingerprintLines: number;
}

const FINGERPRINT = /\bfingerprint=([0-9A-Fa-f]{6,64})\b/;
const POLL_MS = 100;
const ROTATE_WITHOUT_OUTPUT_MS = 3_000;

export class AgentScenario implements RunWatcher {
  readonly timeline: AgentTimeline;
  readonly #stop = new AbortController();
  readonly #timers = new Set<NodeJS.Timeout>();
  readonly #pending: Record<OutputStream, string> = { stdout: '', stderr: '' };
  readonly #fingerprints: { first: Set<string>; next: Set<string> };
  readonly #rendered: string;
  #rotating: Promise<void> | undefined;
  #disposed = false;

  constructor(
    private readonly app: AppSetup,
    private readonly scenario: AgentScenarioDefinition,
    private readonly agent: AgentProcess | undefined,
    private readonly values: { first: string; next: string; nextData: Record<string, string> },
  ) {
    this.timeline = { agentStart: Date.now(), otherFingerprints: 0, fingerprintLines: 0 };
    this.#rendered = agent ? agent.file(scenario.destination) : '';
    const both = (value: string) => new Set([fingerprintOf(value), fingerprintOf(`${value}\n`)]);
    this.#fingerprints = { first: both(values.first), next: both(values.next) };
  }

  /** Where the app finds the rendered file. */
  get renderedFile(): string {
    return this.#rendered;
  }

  get stopSignal(): AbortSignal {
    return this.#stop.signal;
  }

  get satisfied(): boolean {
    return this.timeline.appRotated !== undefined;
  }

  /** Until Agent has rendered the file, it has exited, or renderWithinSeconds is over. */
  async waitForRender(): Promise<void> {
    const deadline = this.timeline.agentStart + this.scenario.renderWithinSeconds * 1000;
    while (!this.#disposed && Date.now() < deadline && !this.agent?.exit) {
      await this.#pollFile();
      if (this.timeline.firstRender) break;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    if (this.agent) this.timeline.secretIdFileAtStart = await this.agent.secretIdFileExists();
  }

  watch(): void {
    this.timeline.appStart = Date.now();
    if (!this.agent || this.agent.exit) {
      // No Agent, no file to follow: the app still runs briefly, to be judged on what it does.
      this.#after(1_000, () => this.#stop.abort());
      return;
    }
    this.#poll();
    this.#after(ROTATE_WITHOUT_OUTPUT_MS, () => this.#rotateOnceRendered());
  }

  /** Rotate once the file is there (a slow Agent on a loaded machine), or when the render window is over. */
  #rotateOnceRendered(): void {
    const renderOver = this.timeline.agentStart + this.scenario.renderWithinSeconds * 1000;
    if (this.timeline.firstRender || Date.now() > renderOver) this.#rotate();
    else this.#after(POLL_MS * 5, () => this.#rotateOnceRendered());
  }

  /** After an app that ended early: the file still gets its window to follow a rotation under way. */
  async settle(): Promise<void> {
    await this.#rotating;
    const rotation = this.timeline.rotation;
    if (!rotation || !this.agent) return;
    const deadline = rotation.time + this.scenario.windowSeconds * 1000;
    while (!this.#disposed && this.timeline.renderRotated === undefined && Date.now() < deadline && !this.agent.exit) {
      await this.#pollFile();
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  onOutput(stream: OutputStream, chunk: string): void {
    const lines = (this.#pending[stream] + chunk).split(/\r?\n/);
    this.#pending[stream] = lines.pop() ?? '';
    for (const line of lines) this.#onLine(line);
  }

  async dispose(): Promise<void> {
    this.#disposed = true;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    await this.#rotating;
  }

  #onLine(line: string): void {
    const fingerprint = FINGERPRINT.exec(line)?.[1]?.toLowerCase();
    if (!fingerprint) return;
    this.timeline.fingerprintLines++;
    const now = Date.now();
    if (this.#fingerprints.first.has(fingerprint)) {
      this.timeline.appFirst ??= now;
      this.#rotate();
    } else if (this.#fingerprints.next.has(fingerprint) && this.timeline.rotation) {
      if (this.timeline.appRotated !== undefined) return;
      this.timeline.appRotated = now;
      // Agent's reads came before the app started, so the run cannot tell it is done: say so here.
      this.#after(this.app.context.graceMs, () => this.#stop.abort());
    } else this.timeline.otherFingerprints++;
  }

  #poll(): void {
    this.#after(POLL_MS, () => {
      void this.#pollFile().then(() => this.#poll());
    });
  }

  async #pollFile(): Promise<void> {
    const content = await readFile(this.#rendered, 'utf8').catch(() => undefined);
    if (content === undefined) return;
    const now = Date.now();
    const value = content.trim();
    this.timeline.firstRender ??= {
      time: now,
      // A first look after the rotation (a slow Agent) may already see the new URL: that is a render too.
      matches: value === this.values.first || (this.timeline.rotation !== undefined && value === this.values.next),
      empty: value === '',
      wrapped: value !== this.values.first && content.includes(this.values.first),
    };
    if (this.timeline.rotation && value === this.values.next) this.timeline.renderRotated ??= now;
  }

  #rotate(): void {
    if (this.#rotating || this.#disposed) return;
    this.#rotating = (async () => {
      const path = `${this.app.definition.mount}/data/${this.scenario.path}`;
      try {
        const response = await this.app.vault.admin.write<{ version: number }>(path, { data: this.values.nextData });
        if (this.#disposed || !response) return;
        this.timeline.rotation = { time: Date.now(), version: response.data.version };
        this.#status(`rotated: wrote version ${response.data.version} of ${path}`);
        // The file has one window to follow, and the app one more after it (none if there is no file).
        const windows = this.timeline.firstRender ? 2 : 1;
        this.#after(this.scenario.windowSeconds * 1000 * windows, () => this.#stop.abort());
      } catch (error) {
        if (this.#disposed) return;
        this.timeline.rotationError = oneLine(error);
        this.#stop.abort();
      }
    })();
  }

  #status(message: string): void {
    this.app.context.emit({ type: 'status', message });
  }

  #after(ms: number, run: () => void): void {
    if (this.#disposed) return;
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      if (!this.#disposed) run();
    }, ms);
    timer.unref();
    this.#timers.add(timer);
  }
}
