import type { AgentScenarioDefinition } from '../../../course/scenario-schema.js';
import type { Verdict } from '../../planned-checks.js';
import type { RunResult } from '../../program/run-program.js';
import type { LeakFinding } from '../../scanner-port.js';
import type { ProgramOutcome } from '../vault-app/checks.js';
import type { Evidence } from '../vault-app/evidence.js';
import type { AgentTimeline } from './agent-scenario.js';
import type { ForeignConnection } from './agent-proxy.js';

/**
 * The agent scenario's verdicts, from what the grader saw of Agent (its exit, its last output
 * line, the files in its folder), of the app (its fingerprint lines) and of Vault (the audit
 * trail, against what came through Agent's proxy). Details never hold a value: names, times,
 * counts and redacted lines only.
 */
export const FILE_VARIABLE = 'DATABASE_URL_FILE';
const FINGERPRINT_LINE = 'database url fingerprint=<the first 12 hex digits of sha256(url)>';

export interface AgentInputs {
  scenario: AgentScenarioDefinition;
  /** Why Agent could not be started (no config, no binary), if it was not. */
  notStarted?: string;
  binaryName: string;
  agentExit?: RunResult;
  agentLastLine?: string;
  agentLeaks: LeakFinding[];
  timeline: AgentTimeline;
  secretIdFileAtEnd: boolean;
  evidence: Evidence;
  outcome: ProgramOutcome;
  /** Requests of the program side (Agent and app) in the audit trail, and how many came through Agent's proxy. */
  audited: { responses: number; around: { path: string; extra: number }[]; foreignTokens: number };
  foreign: readonly ForeignConnection[];
  /** The read check's id. */
  readId: string;
}

export function agentVerdicts(input: AgentInputs): Map<string, Verdict> {
  const verdicts = new Map<string, Verdict>([
    ['agent-runs', agentRuns(input)],
    ['secret-id-removed', secretIdRemoved(input)],
    ['renders', renders(input)],
    ['render-follows', renderFollows(input)],
    ['app-follows', appFollows(input)],
    ['only-agent', onlyAgent(input)],
  ]);
  const loggedIn = input.evidence.logins.some((login) => login.success && login.issuedRole);
  if (!loggedIn) verdicts.set('login', login(input));
  if (loggedIn && !input.evidence.reads.has(input.readId)) verdicts.set(input.readId, read(input));
  if (input.outcome.kind === 'ran') verdicts.set('exit', appExit(input.outcome.result, input.timeline));
  if (input.agentLeaks.length > 0) verdicts.set('no-leak', agentLeak(input.agentLeaks));
  return verdicts;
}

function said(line: string | undefined): string {
  return line ? `; its last output line: "${line}"` : '';
}

function agentRuns({ notStarted, agentExit, agentLastLine, binaryName, scenario }: AgentInputs): Verdict {
  if (notStarted) return [false, notStarted, `Write ${scenario.config} in your folder: the README shows its parts.`];
  if (!agentExit || agentExit.stoppedByGrader)
    return [true, `${binaryName} agent ran with your ${scenario.config} until the grader stopped it`];
  const how =
    agentExit.exitCode !== undefined ? `with status ${agentExit.exitCode}` : `(${agentExit.signal ?? 'ended'})`;
  return [
    false,
    `${binaryName} agent exited ${how} before the grader was done${said(agentLastLine)}`,
    `Run \`${binaryName} agent -config=${scenario.config}\` yourself in a folder holding role-id and secret-id (with VAULT_ADDR set): it says which line of the configuration it cannot use.`,
  ];
}

function login({ notStarted, agentLastLine, evidence }: AgentInputs): Verdict {
  if (notStarted) return [false, 'Agent did not run', 'Fix `agent-runs` first.'];
  const refused = evidence.logins.find((attempt) => !attempt.success);
  return [
    false,
    refused
      ? `Agent's AppRole login was refused (${refused.error ?? 'an error'})`
      : `Agent never logged in with AppRole${said(agentLastLine)}`,
    'auto_auth { method "approle" { config = { role_id_file_path = "role-id", secret_id_file_path = "secret-id" } } }: the grader puts both files in the folder Agent runs in, and sets VAULT_ADDR (leave vault.address out).',
  ];
}

function read({ evidence, scenario }: AgentInputs): Verdict {
  const denied = evidence.requests.find((request) => !request.success && request.withLoginToken);
  return [
    false,
    denied
      ? `Agent asked for ${denied.path} and Vault refused (${denied.error ?? 'an error'})`
      : 'Agent logged in but never read the secret: no template asks for it',
    `A KV v2 secret is read at <mount>/data/<path>: {{ with secret "secret/data/${scenario.path}" }}{{ .Data.data.${scenario.field} }}{{ end }}.`,
  ];
}

function secretIdRemoved({ notStarted, timeline, secretIdFileAtEnd, evidence }: AgentInputs): Verdict {
  if (notStarted) return [false, 'Agent did not run', 'Fix `agent-runs` first.'];
  if (!evidence.logins.some((attempt) => attempt.success))
    return [false, 'Agent never logged in, so it never read the secret_id', 'Fix `login` first.'];
  if (timeline.secretIdFileAtStart || secretIdFileAtEnd)
    return [
      false,
      `the secret-id file was still there ${timeline.secretIdFileAtStart ? 'after Agent had logged in' : 'at the end'}: anything that can read the folder can log in as your app`,
      'Leave remove_secret_id_file_after_reading at its default, true (or say so): Agent keeps the secret_id in memory for its next login and deletes the file.',
    ];
  return [true, 'the secret-id file was gone once Agent had logged in (Agent keeps the secret_id in memory)'];
}

function renders({ notStarted, timeline, scenario, agentLastLine }: AgentInputs): Verdict {
  const file = scenario.destination;
  if (notStarted) return [false, 'Agent did not run', 'Fix `agent-runs` first.'];
  const render = timeline.firstRender;
  const template = `template { destination = "${file}" contents = "{{ with secret \\"secret/data/${scenario.path}\\" }}{{ .Data.data.${scenario.field} }}{{ end }}" }`;
  if (!render)
    return [
      false,
      `Agent did not render ${file} within ${scenario.renderWithinSeconds} s${said(agentLastLine)}`,
      `Give Agent a template whose destination is "${file}" (relative: Agent runs in its own folder): ${template}.`,
    ];
  const after = `${seconds(render.time - timeline.agentStart)} s after Agent started`;
  if (render.matches) return [true, `${file} held the database URL ${after}`];
  if (render.empty) return [false, `${file} was empty ${after}`, `The template rendered nothing: ${template}.`];
  if (render.wrapped)
    return [
      false,
      `${file} held the database URL with other text around it`,
      'Render the value alone: the app reads the whole file as the URL (a trailing newline is fine).',
    ];
  return [false, `${file} held something other than the database URL ${after}`, `Render the url field: ${template}.`];
}

function renderFollows({ timeline, scenario }: AgentInputs): Verdict {
  const rotation = timeline.rotation;
  if (!rotation)
    return [
      false,
      timeline.rotationError
        ? `the grader could not rotate: ${timeline.rotationError}`
        : 'the grader did not get to rotate the secret',
      'Fix the checks above first.',
    ];
  const rendered = timeline.renderRotated;
  if (rendered !== undefined && rendered - rotation.time <= scenario.windowSeconds * 1000)
    return [
      true,
      `${scenario.destination} held version ${rotation.version} ${seconds(rendered - rotation.time)} s after the rotation`,
    ];
  return [
    false,
    rendered === undefined
      ? `${scenario.destination} never held the new URL after the rotation to version ${rotation.version}`
      : `${scenario.destination} took ${seconds(rendered - rotation.time)} s to follow the rotation (the window: ${scenario.windowSeconds} s)`,
    'Agent re-reads a static (KV) secret only every static_secret_render_interval, 5 minutes by default: template_config { static_secret_render_interval = "1s" } (a real deployment picks something like a minute).',
  ];
}

function appFollows({ timeline, scenario }: AgentInputs): Verdict {
  const format = `Print "${FINGERPRINT_LINE}" each time you load the URL, never the URL itself.`;
  if (timeline.appFirst === undefined) {
    return [
      false,
      timeline.fingerprintLines > 0
        ? `it printed ${timeline.fingerprintLines} fingerprint line(s), none of the URL in ${scenario.destination}`
        : 'it printed no fingerprint line',
      `Read the file named by ${FILE_VARIABLE} and use its content (trimmed) as the database URL. ${format}`,
    ];
  }
  if (timeline.appRotated !== undefined && timeline.renderRotated !== undefined)
    return [
      true,
      `it printed the new URL's fingerprint ${seconds(timeline.appRotated - timeline.renderRotated)} s after the file changed`,
    ];
  if (timeline.renderRotated === undefined)
    return [
      false,
      "it printed the first URL's fingerprint; the file never changed, so there was nothing to follow",
      'Fix `render-follows` first.',
    ];
  return [
    false,
    `the file changed, and the app never printed the new URL's fingerprint within ${scenario.windowSeconds} s`,
    `Read the file again every second or so (or watch it) and switch when its content changes: Agent replaces it on every rotation. ${format}`,
  ];
}

function onlyAgent({ foreign, audited }: AgentInputs): Verdict {
  if (foreign.length > 0) {
    const who = foreign
      .map((process) =>
        process.pid ? `pid ${process.pid}${process.command ? ` (${process.command})` : ''}` : 'a process',
      )
      .join(', ');
    return [
      false,
      `${who}, not Agent, connected to Agent's Vault address`,
      `The app never talks to Vault: it reads the file named by ${FILE_VARIABLE}. No token, no login, no VAULT_ADDR.`,
    ];
  }
  if (audited.around.length > 0 || audited.foreignTokens > 0) {
    const extra = audited.around.reduce((sum, { extra: count }) => sum + count, 0);
    const paths = audited.around
      .slice(0, 3)
      .map(({ path }) => path)
      .join(', ');
    return [
      false,
      extra > 0
        ? `${extra} request(s) reached Vault without going through Agent (${paths})`
        : `${audited.foreignTokens} request(s) used a token that did not come from Agent's AppRole login`,
      `The app never talks to Vault: it reads the file named by ${FILE_VARIABLE}. Agent holds the only token.`,
    ];
  }
  return [
    true,
    `all ${audited.responses} audited requests came from Agent, with Agent's token; the app had no address and no token`,
  ];
}

function appExit(result: RunResult, timeline: AgentTimeline): Verdict {
  if (result.stoppedByGrader || (result.timedOut && timeline.appRotated !== undefined))
    return [true, 'it kept running until the grader stopped it'];
  const how = result.exitCode !== undefined ? `with status ${result.exitCode}` : `(${result.signal ?? 'ended'})`;
  return [
    false,
    `it exited ${how} after ${seconds(result.durationMs)} s, before the grader was done`,
    'The app is long-running: keep re-reading the file until you are stopped (Agent renders it again after each rotation).',
  ];
}

function agentLeak(leaks: readonly LeakFinding[]): Verdict {
  const described = leaks.slice(0, 3).map((leak) => `${leak.secret} (${leak.form === 'raw' ? 'as is' : leak.form})`);
  return [
    false,
    `Agent's output held ${described.join('; ')}`,
    'Agent prints no secret by itself: did a template write to stdout, or an exec/command stanza print the file?',
  ];
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(1);
}
