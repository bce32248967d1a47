import type { ChallengeDefinition } from '../../course/challenge-schema.js';
import type { ScenarioDefinition } from '../../course/scenario-schema.js';
import type { PlannedCheck } from '../checks.js';
import type { CheckResult } from '../report.js';
import type { SourceHints } from '../source-hints.js';
import { orchestratorScenario } from './orchestrator.js';
import { rotationScenario } from './rotation.js';
import type { Scenario, Verdict } from './types.js';

/**
 * The extension point between the grader core (../index.ts) and the scenarios: which scenario a
 * challenge has, where its checks go in the report, and how its verdicts and environment changes
 * are applied to what the core does anyway.
 */
const SCENARIOS: Record<ScenarioDefinition['type'], Scenario> = {
  rotation: rotationScenario,
  orchestrator: orchestratorScenario,
};

export function scenarioOf(definition: ChallengeDefinition): Scenario | undefined {
  return definition.scenario ? SCENARIOS[definition.scenario.type] : undefined;
}

/**
 * The standard checks with the scenario's inserted: before `login`, or after the last read. A
 * scenario check with a standard check's id retitles it in place (a long-running app's `exit`).
 */
export function withScenarioChecks(standard: PlannedCheck[], definition: ChallengeDefinition): PlannedCheck[] {
  const scenario = scenarioOf(definition);
  if (!scenario) return standard;
  const all = scenario.plannedChecks(definition);
  const retitled = new Map(
    all.filter((check) => standard.some((known) => known.id === check.id)).map((check) => [check.id, check.title]),
  );
  const extra = all.filter((check) => !retitled.has(check.id));
  standard = standard.map((check) => ({ id: check.id, title: retitled.get(check.id) ?? check.title }));
  const before = extra.filter((check) => check.position === 'before-login').map(({ id, title }) => ({ id, title }));
  const after = extra.filter((check) => check.position === 'after-reads').map(({ id, title }) => ({ id, title }));
  const readIds = new Set(definition.reads.map((read) => read.id));
  const lastRead = Math.max(...standard.map((check, index) => (readIds.has(check.id) ? index : -1)));
  const result: PlannedCheck[] = [];
  for (const [index, check] of standard.entries()) {
    if (check.id === 'login') result.push(...before);
    result.push(check);
    if (index === lastRead) result.push(...after);
  }
  return result;
}

/** The report's checks in planned order: the scenario's verdicts added, and replacing standard ones of the same id. */
export function applyScenarioVerdicts(
  standard: CheckResult[],
  planned: PlannedCheck[],
  verdicts: Map<string, Verdict>,
): CheckResult[] {
  const byId = new Map(standard.map((check) => [check.id, check]));
  return planned.map(({ id, title }) => {
    const verdict = verdicts.get(id);
    if (!verdict) {
      const known = byId.get(id);
      return known
        ? { ...known, title }
        : {
            id,
            title,
            passed: false,
            detail: 'the program did not run',
            hint: 'Fix what stopped it first (see the `exit` check).',
          };
    }
    const [passed, detail, hint = ''] = verdict;
    return { id, title, passed, detail, hint: passed ? '' : hint };
  });
}

/** The program's environment with the scenario's changes (`undefined` removes a variable). */
export function applyScenarioEnv(
  env: Record<string, string>,
  changes: Record<string, string | undefined>,
): Record<string, string> {
  const result = { ...env };
  for (const [name, value] of Object.entries(changes)) {
    if (value === undefined) delete result[name];
    else result[name] = value;
  }
  return result;
}

/** A variable the scenario sets is not a wrong variable name (VAULT_WRAPPED_SECRET_ID_FILE). */
export function withoutProvidedVariables(hints: SourceHints, changes: Record<string, string | undefined>): SourceHints {
  const provided = new Set(
    Object.entries(changes)
      .filter(([, value]) => value !== undefined)
      .map(([name]) => name),
  );
  return { ...hints, wrongVariables: hints.wrongVariables.filter((variable) => !provided.has(variable.name)) };
}

export type { Scenario, ScenarioRun } from './types.js';
