import * as z from 'zod';

/**
 * The optional `project:` of a challenge.yaml (the mini project): the learner brings both halves
 * of a deployment. Part 1, their own setup script, configures a fresh Vault with a token that may
 * do what the task needs and no more; it is judged by the state it leaves, through the challenge's
 * `setup` steps' checks (the same checks that tick the hands-on part in the playground). Part 2,
 * their app, runs on top of that state and serves HTTPS with the certificate Vault holds.
 * Graded by src/grader/kinds/project/.
 */
const kvPath = z
  .string()
  .regex(/^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/, 'a KV path like mini/tls (no leading slash, no data/)');

export const projectSchema = z.object({
  /** The policy (HCL) of the token the setup script gets: the task's configuration, nothing more. */
  setupPolicy: z.string().min(1),
  /** The app serves HTTPS on 127.0.0.1:$PORT with the certificate at `path`/`certificate`, for `serverName`. */
  tls: z.object({
    path: kvPath,
    certificate: z.string().regex(/^[a-z][a-z0-9_]*$/),
    serverName: z.string().regex(/^[a-z0-9.-]+$/),
  }),
});

export type ProjectDefinition = z.infer<typeof projectSchema>;

/** The checks a project adds besides its setup steps' (ids usable in `starter.failing`). */
export const PROJECT_CHECK_IDS = ['setup-exit', 'setup-no-leak', 'setup-no-hardcoded-secret', 'serves-tls'] as const;

interface ProjectContext {
  addIssue(issue: { code: 'custom'; path: (string | number)[]; message: string }): void;
}

/** Cross-field rules of a project (called from the challenge schema's superRefine). */
export function checkProject(
  challenge: {
    secrets: ReadonlyArray<{ path: string; data: Record<string, unknown> }>;
    setup: ReadonlyArray<{ id: string; check: { type: string } }>;
    project?: ProjectDefinition;
  },
  context: ProjectContext,
): void {
  const project = challenge.project;
  if (!project) return;
  if (challenge.setup.length === 0)
    context.addIssue({
      code: 'custom',
      path: ['setup'],
      message: 'a project judges its setup script by the setup steps: give at least one',
    });
  const clash = challenge.setup.find((step) => (PROJECT_CHECK_IDS as readonly string[]).includes(step.id));
  if (clash)
    context.addIssue({ code: 'custom', path: ['setup'], message: `a setup step may not be called ${clash.id}` });
  for (const [index, step] of challenge.setup.entries()) {
    if (step.check.type === 'git-ignored' || step.check.type === 'hook-blocks-secret')
      context.addIssue({
        code: 'custom',
        path: ['setup', index, 'check'],
        message: `a project's setup steps judge a Vault: ${step.check.type} is about the learner's folder`,
      });
  }
  const secret = challenge.secrets.find((candidate) => candidate.path === project.tls.path);
  if (!secret || !(project.tls.certificate in secret.data))
    context.addIssue({
      code: 'custom',
      path: ['project', 'tls'],
      message: `no secret is provisioned at ${project.tls.path} with a ${project.tls.certificate} key`,
    });
}
