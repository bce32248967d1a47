import * as z from 'zod';
import { checkProject, PROJECT_CHECK_IDS, projectSchema } from './project-schema.js';
import { checkScenario, SCENARIO_CHECK_IDS, scenarioSchema } from './scenario-schema.js';
import { stepCheckSchema } from './step-check-schema.js';

/**
 * The shape of challenges/<id>/challenge.yaml. Everything the grader provisions comes from here:
 * the secrets (as generators — values are made fresh on every grade, never stored), the
 * least-privilege policy, the AppRole role and the reads the learner's program must make.
 */
export const identifier = z.string().regex(/^[a-z][a-z0-9-]*$/, 'lower-case letters, digits and dashes');
/** A KV path under the mount, without the `data/` segment (`database/backend`). */
const kvPath = z
  .string()
  .regex(/^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/, 'a KV path like database/backend (no leading slash, no data/)');

const generator = z.discriminatedUnion('generator', [
  /** `symbols` mixes in regex metacharacters and URL/JSON specials (`( + $ \\ . * ? [ " % &`…): hard to redact naively. */
  z.object({
    generator: z.literal('password'),
    length: z.number().int().min(16).max(128).default(32),
    alphabet: z.enum(['base62', 'symbols']).default('base62'),
  }),
  z.object({
    generator: z.literal('api-key'),
    prefix: z
      .string()
      .regex(/^[a-z0-9_]*$/)
      .default(''),
    length: z.number().int().min(16).max(128).default(40),
  }),
  z.object({
    generator: z.literal('database-url'),
    scheme: z.string().default('postgres'),
    user: z.string().regex(/^[a-z0-9_]+$/),
    host: z.string().regex(/^[a-z0-9.-]+$/),
    port: z.number().int().positive().default(5432),
    database: z.string().regex(/^[a-z0-9_]+$/),
  }),
  /** A fresh self-signed certificate; its key goes in the same secret's `tls-private-key` field. */
  z.object({
    generator: z.literal('tls-certificate'),
    commonName: z.string().regex(/^[a-z0-9.-]+$/),
    days: z.number().int().positive().default(90),
  }),
  z.object({ generator: z.literal('tls-private-key') }),
  /** Another key of the same secret (listed before it) followed by `length` fresh characters: one value starts with the other. */
  z.object({
    generator: z.literal('extends'),
    key: z.string(),
    length: z.number().int().min(16).max(128).default(24),
    alphabet: z.enum(['base62', 'symbols']).default('base62'),
  }),
]);

const secretField = generator.and(
  z.object({
    /** False for values that are not secret by themselves (a certificate): printing them is not a leak. */
    sensitive: z.boolean().default(true),
  }),
);

const secretSchema = z.object({
  path: kvPath,
  data: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/), secretField),
  /** How many times the data is written: the program then reads this version (same values in each). */
  versions: z.number().int().min(1).max(10).default(1),
});

const readSchema = z.object({
  /** The check id in reports (`read-password`). */
  id: identifier,
  /** KV path under the mount (`database/backend`); the program reads `<mount>/data/<path>`. */
  path: kvPath,
  title: z.string().min(1),
  /** What the program is meant to get from it, for hints ("the database password"). */
  what: z.string().min(1),
});

export const hintSchema = z.object({
  level: z.enum(['nudge', 'concept', 'near-solution']),
  text: z.string().min(1),
});

export const setupStepSchema = z.object({
  id: identifier,
  title: z.string().min(1),
  instructions: z.string().min(1),
  check: stepCheckSchema,
});

export const challengeSchema = z
  .object({
    id: identifier,
    title: z.string().min(1),
    order: z.number().int().nonnegative(),
    summary: z.string().min(1),
    /** KV v2 mount the secrets live under. */
    mount: z
      .string()
      .regex(/^[a-z][a-z0-9-]*$/)
      .default('secret'),
    secrets: z.array(secretSchema).min(1),
    policy: z.object({ name: identifier, rules: z.string().min(1) }),
    role: z.object({
      name: identifier,
      tokenTtl: z.string().default('10m'),
      tokenMaxTtl: z.string().default('30m'),
      secretIdTtl: z.string().default('30m'),
      /** Logins one secret_id allows (0 or absent = unlimited). */
      secretIdNumUses: z.number().int().nonnegative().optional(),
    }),
    reads: z.array(readSchema).min(1),
    /** The checks that the starter of each language still fails (the README says so); an author check. */
    starter: z.object({ failing: z.array(identifier).min(1) }),
    hints: z.array(hintSchema).min(1),
    setup: z.array(setupStepSchema).default([]),
    /**
     * What the program must log (the log-scrubbing challenge): one `loaded <name> version=<v>
     * fingerprint=<hex>` line per secret key, and at least `requestLines` `request <n>` lines.
     */
    logs: z.object({ requestLines: z.number().int().min(1).max(20).default(3) }).optional(),
    /** What the grader does while the program runs (rotation, orchestrator); see scenario-schema.ts. */
    scenario: scenarioSchema.optional(),
    /** The learner's setup script and their app on top of it (the mini project); see project-schema.ts. */
    project: projectSchema.optional(),
  })
  .superRefine((challenge, context) => {
    const secretPaths = new Set(challenge.secrets.map((secret) => secret.path));
    for (const [index, read] of challenge.reads.entries()) {
      if (!secretPaths.has(read.path)) {
        context.addIssue({
          code: 'custom',
          path: ['reads', index, 'path'],
          message: `no secret is provisioned at ${read.path}`,
        });
      }
      if (!challenge.policy.rules.includes(`"${challenge.mount}/data/${read.path}"`)) {
        context.addIssue({
          code: 'custom',
          path: ['policy', 'rules'],
          message: `the policy does not name ${challenge.mount}/data/${read.path}`,
        });
      }
    }
    for (const [index, secret] of challenge.secrets.entries()) {
      const kinds = Object.values(secret.data).map((field) => field.generator);
      if (kinds.includes('tls-private-key') !== kinds.includes('tls-certificate')) {
        context.addIssue({
          code: 'custom',
          path: ['secrets', index],
          message: 'a tls-private-key needs a tls-certificate in the same secret, and the reverse',
        });
      }
      const keys = Object.keys(secret.data);
      for (const [position, [key, field]] of Object.entries(secret.data).entries()) {
        if (field.generator === 'extends' && !keys.slice(0, position).includes(field.key)) {
          context.addIssue({
            code: 'custom',
            path: ['secrets', index, 'data', key, 'key'],
            message: `extends needs a key listed before it in the same secret, not "${field.key}"`,
          });
        }
      }
    }
    const checkIds = new Set([
      ...FIXED_CHECK_IDS,
      ...challenge.reads.map((read) => read.id),
      ...(challenge.logs ? LOG_CHECK_IDS : []),
      ...(challenge.scenario ? SCENARIO_CHECK_IDS[challenge.scenario.type] : []),
      ...(challenge.project ? [...PROJECT_CHECK_IDS, ...challenge.setup.map((step) => step.id)] : []),
    ]);
    for (const [index, id] of challenge.starter.failing.entries()) {
      if (!checkIds.has(id))
        context.addIssue({ code: 'custom', path: ['starter', 'failing', index], message: `no check is called ${id}` });
    }
    checkScenario(challenge, context);
    checkProject(challenge, context);
    const kinds = (['logs', 'scenario', 'project'] as const).filter((key) => challenge[key] !== undefined);
    if (kinds.length > 1)
      context.addIssue({
        code: 'custom',
        path: [kinds[0]!],
        message: `a challenge has logs, a scenario or a project, not ${kinds.join(' and ')}: each is its own kind of grade`,
      });
    requireEveryHintLevel(challenge, context);
  });

/** Every kind of challenge gives at least one hint of each level. */
export function requireEveryHintLevel(challenge: { hints: { level: string }[] }, context: z.RefinementCtx): void {
  const levels = challenge.hints.map((hint) => hint.level);
  if (!(['nudge', 'concept', 'near-solution'] as const).every((level) => levels.includes(level))) {
    context.addIssue({
      code: 'custom',
      path: ['hints'],
      message: 'give at least one hint of each level: nudge, concept, near-solution',
    });
  }
}

/** Check ids every challenge has, besides one `read-…` check per required read. */
export const FIXED_CHECK_IDS = ['login', 'exit', 'no-leak', 'no-hardcoded-secret', 'no-committed-env'] as const;
/** Check ids of a challenge with `logs` (src/grader/kinds/log-scrubbing/log-lines.ts). */
export const LOG_CHECK_IDS = ['startup-lines', 'request-lines'] as const;

export type ChallengeDefinition = z.infer<typeof challengeSchema>;
export type ReadDefinition = ChallengeDefinition['reads'][number];
export type SecretField = z.infer<typeof secretField>;
