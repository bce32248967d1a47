/**
 * Where the classroom keeps things in the class Vault. One KV v2 mount (`secret/`, as in the
 * course) and the `approle/` auth mount:
 *
 *   secret/students/<id>/...          the student's own workspace (their app's secrets)
 *   secret/results/<id>/<challenge>   the student's submitted result (one KV version per submission)
 *   secret/classroom/students/<id>    the instructor's record of the student (name, email, status)
 *
 *   policy  student-<id>              the student's policy (see studentPolicy)
 *   role    auth/approle/role/student-<id>
 *
 * Results sit outside the workspace on purpose: the student may create and update their result but
 * not delete or destroy it, while the workspace is theirs to manage completely.
 */
export const KV_MOUNT = 'secret';
export const APPROLE_MOUNT = 'approle';
export const STUDENT_PREFIX = 'student-';

export const studentPolicyName = (id: string): string => `${STUDENT_PREFIX}${id}`;
export const studentRoleName = (id: string): string => `${STUDENT_PREFIX}${id}`;

/** The student id a role name belongs to, or undefined when it is not a student role. */
export function studentIdFromRole(role: string | undefined): string | undefined {
  return role?.startsWith(STUDENT_PREFIX) ? role.slice(STUDENT_PREFIX.length) : undefined;
}

/** KV paths relative to the mount (for VaultAdmin.kvGet/kvPut). */
export const workspacePath = (id: string): string => `students/${id}`;
export const resultsFolder = (id: string): string => `results/${id}`;
export const resultPath = (id: string, challenge: string): string => `results/${id}/${challenge}`;
export const registryFolder = 'classroom/students';
export const registryPath = (id: string): string => `${registryFolder}/${id}`;

/** Token lifetimes for a student's app: short-lived tokens, renewable up to a working day. */
export const STUDENT_TOKEN_TTL = '1h';
export const STUDENT_TOKEN_MAX_TTL = '8h';

/**
 * The student's policy: everything on their own workspace, create/read/update (never delete) on
 * their own results, and nothing else — not another student's paths, not a listing of the class,
 * not the class records, not sys/policies. Ids are validated to `[a-z0-9_-]` before they get here,
 * so they cannot smuggle a glob (`*`, `+`) or a path separator into a rule.
 */
export function studentPolicy(id: string): string {
  if (!/^[a-z0-9][a-z0-9_-]*$/.test(id)) throw new Error(`unsafe student id for a policy: ${JSON.stringify(id)}`);
  const m = KV_MOUNT;
  return `# secrets-workbook classroom: policy of student "${id}" (least privilege: own paths only)

# The student's workspace: their app's secrets.
path "${m}/data/students/${id}/*" {
  capabilities = ["create", "read", "update", "patch", "delete"]
}
path "${m}/metadata/students/${id}/*" {
  capabilities = ["read", "list", "delete"]
}
path "${m}/metadata/students/${id}" {
  capabilities = ["list"]
}
path "${m}/subkeys/students/${id}/*" {
  capabilities = ["read"]
}
path "${m}/delete/students/${id}/*" {
  capabilities = ["update"]
}
path "${m}/undelete/students/${id}/*" {
  capabilities = ["update"]
}
path "${m}/destroy/students/${id}/*" {
  capabilities = ["update"]
}

# The student's results: submit (create/update) and read back, never delete or rewrite history.
path "${m}/data/results/${id}/*" {
  capabilities = ["create", "read", "update"]
}
path "${m}/metadata/results/${id}/*" {
  capabilities = ["read"]
}
path "${m}/metadata/results/${id}" {
  capabilities = ["list"]
}
`;
}

export const INSTRUCTOR_POLICY_NAME = 'classroom-instructor';

/**
 * What an instructor token needs for init-free classroom work (provision, report, revoke), so the
 * instructor need not keep using the root token: the class's own policies, roles and records,
 * read access to results, and the token-accessor listing revoke uses (which needs sudo).
 */
export function instructorPolicy(): string {
  const m = KV_MOUNT;
  return `# secrets-workbook classroom: the instructor (provision, report, revoke)

# Mount KV v2 at ${m}/ and AppRole at ${APPROLE_MOUNT}/ if they are missing.
path "sys/mounts" { capabilities = ["read"] }
path "sys/mounts/${m}" { capabilities = ["create", "update"] }
path "sys/auth" { capabilities = ["read"] }
path "sys/auth/${APPROLE_MOUNT}" { capabilities = ["create", "update", "sudo"] }

# Students' policies and AppRole roles (role_id, wrapped secret_ids, secret_id accessors).
path "sys/policies/acl/${STUDENT_PREFIX}*" { capabilities = ["create", "read", "update", "delete"] }
path "auth/${APPROLE_MOUNT}/role/${STUDENT_PREFIX}*" { capabilities = ["create", "read", "update", "delete", "list"] }

# The class records, and everyone's results (read only: results are the students' to write).
path "${m}/data/classroom/*" { capabilities = ["create", "read", "update"] }
path "${m}/metadata/classroom/*" { capabilities = ["read", "list"] }
path "${m}/data/results/*" { capabilities = ["read"] }
path "${m}/metadata/results/*" { capabilities = ["read", "list"] }

# revoke: find the tokens the students' roles issued, and revoke them.
path "auth/token/accessors" { capabilities = ["list", "sudo"] }
path "auth/token/lookup-accessor" { capabilities = ["update"] }
path "auth/token/revoke-accessor" { capabilities = ["update"] }
`;
}
