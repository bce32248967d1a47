/**
 * Where the classroom keeps things in the class Vault. One KV v2 mount (`secret/`, as in the
 * course) and an AppRole mount of the class's own (`classroom/`), whose every role is a student:
 *
 *   secret/students/<id>/...          the student's own workspace (their app's secrets)
 *   secret/results/<id>/<challenge>   the student's submitted result (one KV version per submission)
 *   secret/classroom/students/<id>    the instructor's record of the student (name, email, status)
 *
 *   role    auth/classroom/role/<id>  token_policies = classroom-student, nothing else
 *   policy  classroom-student         one templated policy for every student (see studentPolicy)
 *
 * Results sit outside the workspace on purpose: the student may create and update their result but
 * not delete or destroy it, while the workspace is theirs to manage completely.
 */
export const KV_MOUNT = 'secret';
export const APPROLE_MOUNT = 'classroom';
export const STUDENT_POLICY_NAME = 'classroom-student';
const ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/** A student's AppRole role is named after the student: the mount holds nothing else. */
export const studentRoleName = (id: string): string => id;

/** The student id a role name belongs to, or undefined when it cannot be one. */
export function studentIdFromRole(role: string | undefined): string | undefined {
  return role !== undefined && ID.test(role) ? role : undefined;
}

/** KV paths relative to the mount (for VaultAdmin.kvGet/kvPut). */
export const workspacePath = (id: string): string => `students/${id}`;
export const resultsFolder = (id: string): string => `results/${id}`;
export const resultPath = (id: string, challenge: string): string => `results/${id}/${challenge}`;
/** Results the instructor's grade-all wrote (students' policies do not reach classroom/). */
export const verifiedFolder = (id: string): string => `classroom/verified/${id}`;
export const verifiedPath = (id: string, challenge: string): string => `${verifiedFolder(id)}/${challenge}`;
export const registryFolder = 'classroom/students';
export const registryPath = (id: string): string => `${registryFolder}/${id}`;

/** Token lifetimes for a student's app: short-lived tokens, renewable up to a working day. */
export const STUDENT_TOKEN_TTL = '1h';
export const STUDENT_TOKEN_MAX_TTL = '8h';

/**
 * The students' policy, one for the whole class: Vault fills in `{{…}}` from the logged-in
 * token's entity, here the name of the AppRole role it logged in with (the student id), so each
 * student gets their own workspace and results and nothing else — not another student's paths,
 * not a listing of the class, not the class records, not sys/policies. One fixed policy, written
 * once with the root token, is what lets the instructor's token create students without being
 * able to write policies (see instructorPolicy). `approleAccessor` is the classroom/ mount's.
 */
export function studentPolicy(approleAccessor: string): string {
  if (!/^[a-z0-9_]+$/.test(approleAccessor)) throw new Error(`unexpected mount accessor ${approleAccessor}`);
  const m = KV_MOUNT;
  const id = `{{identity.entity.aliases.${approleAccessor}.metadata.role_name}}`;
  return `# secrets-workbook classroom: every student's policy (least privilege: own paths only)

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
 * What an instructor token needs for provision, report and revoke, so the root token can stay
 * locked away, and nothing that would let it become root: it writes no policy at all, and
 * `allowed_parameters` pins every student role to the one student policy (a role bound to any
 * other policy, or without a secret_id, is refused), the class's AppRole mount to the approle
 * type, and the KV mount to kv. It can read results and records, revoke an unused handout, and
 * disable a student's login identity (never enable one, never change anything else about it).
 */
export function instructorPolicy(): string {
  const m = KV_MOUNT;
  const a = APPROLE_MOUNT;
  return `# secrets-workbook classroom: the instructor (provision, report, revoke, remove)

# Mount KV v2 at ${m}/ and the class's AppRole at ${a}/ if they are missing: those types only.
path "sys/mounts" { capabilities = ["read"] }
path "sys/mounts/${m}" {
  capabilities = ["create", "update"]
  allowed_parameters = {
    "type" = ["kv"]
    "options" = []
  }
}
path "sys/auth" { capabilities = ["read"] }
path "sys/auth/${a}" {
  capabilities = ["create", "update", "sudo"]
  allowed_parameters = {
    "type" = ["approle"]
    "description" = []
  }
}
path "sys/policies/acl/${STUDENT_POLICY_NAME}" { capabilities = ["read"] }

# Students' roles: bound to the student policy and to a secret_id, whatever else is sent.
path "auth/${a}/role/*" {
  capabilities = ["create", "read", "update", "delete", "list"]
  allowed_parameters = {
    "token_policies" = ["${STUDENT_POLICY_NAME}"]
    "bind_secret_id" = [true]
    "token_ttl" = []
    "token_max_ttl" = []
    "secret_id_ttl" = []
    "secret_id_num_uses" = []
    "secret_id_accessor" = []
  }
}
path "auth/${a}/role" { capabilities = ["list"] }

# The class records, and everyone's results (read only: results are the students' to write).
path "${m}/data/classroom/*" { capabilities = ["create", "read", "update"] }
path "${m}/metadata/classroom/*" { capabilities = ["read", "list", "delete"] }
path "${m}/data/results/*" { capabilities = ["read"] }
path "${m}/metadata/results/*" { capabilities = ["read", "list"] }

# revoke: revoke an unused handout (by the accessor in the record), and disable a student's login
# identity so that every token of theirs is refused. Only ever to disabled: never to enabled, and
# nothing else about an entity (its policies, its metadata).
path "auth/token/revoke-accessor" { capabilities = ["update"] }
# report: whether an unused handout still works (a lookup by accessor never uses the token).
path "auth/token/lookup-accessor" { capabilities = ["update"] }
path "identity/lookup/entity" {
  capabilities = ["update"]
  allowed_parameters = {
    "alias_name" = []
    "alias_mount_accessor" = []
  }
}
path "identity/entity/id/*" {
  capabilities = ["update"]
  allowed_parameters = {
    "disabled" = [true]
  }
}
`;
}
