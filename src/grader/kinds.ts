import type { ChallengeDefinition } from '../course/challenge-schema.js';
import {
  isIdentityChallenge,
  isLeakChallenge,
  isScannerChallenge,
  type AnyChallengeDefinition,
} from '../course/scanner-challenge-schema.js';
import type { ChallengeKind, ChallengeKindFactory, GradeContext } from './challenge-kind.js';
import { leakKind, leakPlan } from './kinds/leak/kind.js';
import { identityKind, identityPlan } from './kinds/workload-identity/kind.js';
import { logScrubbingKind, logScrubbingPlan } from './kinds/log-scrubbing/kind.js';
import { orchestratorKind, orchestratorPlan } from './kinds/orchestrator/kind.js';
import { projectKind, projectPlan } from './kinds/project/kind.js';
import { rotationKind, rotationPlan } from './kinds/rotation/kind.js';
import { scannerChallengeKind } from './kinds/scanner-challenge/kind.js';
import { SCANNER_CHECKS } from './kinds/scanner-challenge/scanner-checks.js';
import { plannedChecks } from './kinds/vault-app/checks.js';
import { vaultAppKind } from './kinds/vault-app/kind.js';
import { agentPlan, vaultAgentKind } from './kinds/vault-agent/kind.js';
import { dynamicTlsKind, dynamicTlsPlan } from './kinds/dynamic-tls/kind.js';
import type { PlannedCheck } from './planned-checks.js';

/**
 * Which kind grades a challenge, from its challenge.yaml: `kind: scanner` is the scanner
 * challenge, `kind: leak` a leak to answer (kinds/leak/), `kind: workload-identity` a CI job's
 * identity (kinds/workload-identity/); otherwise its `scenario` (rotation, orchestrator, agent, pki), else `logs` (log scrubbing), else
 * `project` (the learner's setup script, then their app on its state), else a plain Vault app.
 * The schema allows a challenge one of these, not two.
 */
interface VaultKind {
  /** The report's checks, in order (the kind's `plannedChecks`). */
  plan(definition: ChallengeDefinition): PlannedCheck[];
  create: ChallengeKindFactory<ChallengeDefinition>;
}

const VAULT_KINDS = {
  'vault-app': { plan: plannedChecks, create: vaultAppKind },
  'log-scrubbing': { plan: logScrubbingPlan, create: logScrubbingKind },
  rotation: { plan: rotationPlan, create: rotationKind },
  orchestrator: { plan: orchestratorPlan, create: orchestratorKind },
  project: { plan: projectPlan, create: projectKind },
  agent: { plan: agentPlan, create: vaultAgentKind },
  pki: { plan: dynamicTlsPlan, create: dynamicTlsKind },
} satisfies Record<string, VaultKind>;

export function kindFor(definition: AnyChallengeDefinition, context: GradeContext): ChallengeKind {
  if (isScannerChallenge(definition)) return scannerChallengeKind(definition, context);
  if (isLeakChallenge(definition)) return leakKind(definition, context);
  if (isIdentityChallenge(definition)) return identityKind(definition, context);
  return VAULT_KINDS[vaultKindName(definition)].create(definition, context);
}

/** The checks a challenge's grade reports, in order, without grading (the author checks in tests). */
export function plannedChecksFor(definition: AnyChallengeDefinition): PlannedCheck[] {
  if (isScannerChallenge(definition)) return [...SCANNER_CHECKS];
  if (isLeakChallenge(definition)) return leakPlan(definition);
  if (isIdentityChallenge(definition)) return identityPlan(definition);
  return VAULT_KINDS[vaultKindName(definition)].plan(definition);
}

function vaultKindName(definition: ChallengeDefinition): keyof typeof VAULT_KINDS {
  if (definition.scenario) return definition.scenario.type;
  if (definition.logs) return 'log-scrubbing';
  return definition.project ? 'project' : 'vault-app';
}
