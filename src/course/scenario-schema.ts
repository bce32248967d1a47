import * as z from 'zod';

/**
 * The optional `scenario:` of a challenge.yaml: what the grader does while the learner's program
 * runs, beyond provisioning and watching (src/grader/kinds/rotation/ and kinds/orchestrator/).
 * Each scenario adds its own checks, listed here so the schema can validate `starter.failing`
 * without importing the grader.
 */
const kvPath = z
  .string()
  .regex(/^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/, 'a KV path like rotation/database (no leading slash, no data/)');

/**
 * `rotation`: once the program has read the secret, the grader writes a new version of it, and
 * the program's token runs out (the role's short token_ttl / token_max_ttl; on the embedded
 * server the grader fast-forwards the server's clock instead of waiting).
 */
export const rotationScenarioSchema = z.object({
  type: z.literal('rotation'),
  /** The secret that is rotated (one of the challenge's secrets) and the field that changes. */
  path: kvPath,
  field: z.string().regex(/^[a-z][a-z0-9_]*$/),
  /** Seconds after the program's first successful read when the new version is written. */
  rotateAfterSeconds: z.number().positive().max(60).default(1),
  /** The new version must be read within this many seconds of the rotation, and a working token found again within as long after expiry. */
  windowSeconds: z.number().positive().max(120).default(5),
  /** How often the README asks the program to re-read (for messages only). */
  rereadSeconds: z.number().positive().max(60).default(2),
});

/**
 * `orchestrator`: the grader is the trusted orchestrator. The program gets no VAULT_SECRET_ID but
 * a file (0600, in a private temp folder) holding a single-use wrapping token of its secret_id.
 */
export const orchestratorScenarioSchema = z.object({
  type: z.literal('orchestrator'),
  /** The wrapping token's TTL, seconds: the program must unwrap within it. */
  wrapTtlSeconds: z.number().int().min(5).max(3600).default(30),
});

/**
 * `agent`: the learner writes a Vault Agent configuration and an app that reads only the file
 * Agent renders. The grader runs `bao agent` (or `vault agent`) with that configuration in a
 * private folder holding `role-id` and `secret-id`, rotates the secret, and follows the file and
 * the app (src/grader/kinds/vault-agent/).
 */
export const agentScenarioSchema = z.object({
  type: z.literal('agent'),
  /** The secret Agent's template renders (one of the challenge's secrets) and the field that changes. */
  path: kvPath,
  field: z.string().regex(/^[a-z][a-z0-9_]*$/),
  /** The learner's Agent configuration, in their folder. */
  config: z
    .string()
    .regex(/^[A-Za-z0-9._-]+$/)
    .default('agent.hcl'),
  /** The file the template renders, relative to Agent's working folder. */
  destination: z
    .string()
    .regex(/^[A-Za-z0-9._-]+$/)
    .default('database-url'),
  /** Agent must have rendered the file this many seconds after it started. */
  renderWithinSeconds: z.number().positive().max(60).default(10),
  /** The file, then the app, must follow a rotation within this many seconds. */
  windowSeconds: z.number().positive().max(120).default(6),
});

/**
 * `pki`: the app gets its TLS certificate from Vault's PKI engine at start (`<mount>/issue/<role>`
 * with its AppRole token), serves HTTPS on PORT, and issues a new one before the first expires.
 * The grader mounts the engine, makes a root CA for this grade and the role, and watches the
 * certificate the app serves (src/grader/kinds/dynamic-tls/).
 */
export const pkiScenarioSchema = z.object({
  type: z.literal('pki'),
  mount: z
    .string()
    .regex(/^[a-z][a-z0-9-]*$/)
    .default('pki'),
  role: z
    .string()
    .regex(/^[a-z][a-z0-9-]*$/)
    .default('web'),
  /** The name the app's certificate is for (the role allows it and nothing else). */
  commonName: z
    .string()
    .regex(/^[a-z0-9.-]+$/)
    .default('localhost'),
  /** The role's ttl and max_ttl, seconds: short, so that a re-issue happens within the grade. */
  ttlSeconds: z.number().int().min(5).max(300).default(20),
  maxTtlSeconds: z.number().int().min(5).max(300).default(30),
});

export const scenarioSchema = z.discriminatedUnion('type', [
  rotationScenarioSchema,
  orchestratorScenarioSchema,
  agentScenarioSchema,
  pkiScenarioSchema,
]);

export type ScenarioDefinition = z.infer<typeof scenarioSchema>;
export type RotationScenarioDefinition = z.infer<typeof rotationScenarioSchema>;
export type OrchestratorScenarioDefinition = z.infer<typeof orchestratorScenarioSchema>;
export type AgentScenarioDefinition = z.infer<typeof agentScenarioSchema>;
export type PkiScenarioDefinition = z.infer<typeof pkiScenarioSchema>;

/** The checks each scenario adds to a grade (ids usable in `starter.failing`). */
export const SCENARIO_CHECK_IDS: Record<ScenarioDefinition['type'], readonly string[]> = {
  rotation: ['read-rotated', 'token-renewed', 'expired-token-recovered'],
  orchestrator: ['unwrap', 'unwrap-once'],
  agent: ['agent-runs', 'secret-id-removed', 'renders', 'render-follows', 'app-follows', 'only-agent'],
  pki: ['issues-certificate', 'serves-issued-certificate', 'lifetime-within-role', 'reissues-before-expiry'],
};

interface ScenarioContext {
  addIssue(issue: { code: 'custom'; path: (string | number)[]; message: string }): void;
}

/** Cross-field rules of a scenario (called from the challenge schema's superRefine). */
export function checkScenario(
  challenge: {
    secrets: ReadonlyArray<{ path: string; data: Record<string, unknown> }>;
    reads: ReadonlyArray<{ path: string }>;
    scenario?: ScenarioDefinition;
  },
  context: ScenarioContext,
): void {
  const scenario = challenge.scenario;
  if (scenario?.type !== 'rotation' && scenario?.type !== 'agent') return;
  const secret = challenge.secrets.find((candidate) => candidate.path === scenario.path);
  if (!secret)
    context.addIssue({
      code: 'custom',
      path: ['scenario', 'path'],
      message: `no secret is provisioned at ${scenario.path}`,
    });
  else if (!(scenario.field in secret.data))
    context.addIssue({
      code: 'custom',
      path: ['scenario', 'field'],
      message: `${scenario.path} has no field ${scenario.field}`,
    });
  if (!challenge.reads.some((read) => read.path === scenario.path)) {
    context.addIssue({
      code: 'custom',
      path: ['scenario', 'path'],
      message: `the ${scenario.type === 'agent' ? 'rendered' : 'rotated'} secret ${scenario.path} must be one of the reads`,
    });
  }
}
