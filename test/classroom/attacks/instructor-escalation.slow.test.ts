import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPROLE_MOUNT } from '../../../src/classroom/layout.js';
import { VaultAdmin, VaultApiError } from '../../../src/vault/admin-client.js';
import { attackProviders, startClass, type Class } from './class-fixture.js';

/**
 * A hostile instructor token (stolen from the instructor, or an assistant given one) tries to
 * become root. Before: its policy could write any `student-*` policy and bind it to a new role:
 * `path "*" { capabilities = [… "sudo"] }` written as `student-zzz`, a role bound to it, a login,
 * and every student's secrets were readable. Now it writes no policy, and every role it writes is
 * pinned by allowed_parameters to the one templated student policy.
 *
 * The embedded server joins this list when its ACL enforces allowed_parameters (the server-side
 * rule itself is in src/classroom/layout.ts, instructorPolicy).
 */
const ENFORCES_ALLOWED_PARAMETERS = new Set(['binary', 'embedded', 'docker']);
const ROOT_LIKE = 'path "*" {\n  capabilities = ["create", "read", "update", "delete", "list", "sudo"]\n}\n';

async function denied(promise: Promise<unknown>): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error, 'expected Vault to refuse').toBeInstanceOf(VaultApiError);
  expect((error as VaultApiError).status).toBe(403);
}

for (const provider of (await attackProviders()).filter((name) => ENFORCES_ALLOWED_PARAMETERS.has(name))) {
  describe(`an instructor token cannot escalate (${provider})`, () => {
    let klass: Class;
    let instructor: VaultAdmin;

    beforeAll(async () => {
      klass = await startClass(provider, ['ada']);
      instructor = new VaultAdmin(klass.vault.address, klass.env.VAULT_TOKEN);
      const ada = await klass.login('ada');
      await ada.kvPut('secret', 'students/ada/app', { note: 'ada-only' });
    }, 120_000);
    afterAll(async () => klass?.stop());

    it('writes no policy: not a new student-* one, not the student policy, not its own', async () => {
      await denied(instructor.writePolicy('student-zzz', ROOT_LIKE));
      await denied(instructor.writePolicy('classroom-student', ROOT_LIKE));
      await denied(instructor.writePolicy('classroom-instructor', ROOT_LIKE));
      await denied(instructor.delete('sys/policies/acl/classroom-student'));
    });

    it('binds a role to the student policy only, and only with a secret_id', async () => {
      const role = `auth/${APPROLE_MOUNT}/role/zzz`;
      for (const token_policies of ['root', 'classroom-student,root', 'classroom-instructor', 'default'])
        await denied(instructor.write(role, { token_policies, bind_secret_id: true }));
      await denied(instructor.write(role, { token_policies: ['classroom-student', 'root'] }));
      await denied(instructor.write(role, { token_policies: 'classroom-student', policies: 'root' }));
      await denied(instructor.write(role, { token_policies: 'classroom-student', bind_secret_id: false }));
      await denied(
        instructor.write(role, { token_policies: 'classroom-student', token_type: 'batch', period: '8760h' }),
      );
      // A role of its own with a chosen secret_id, or another auth method at the class's mount.
      await denied(instructor.write(`${role}/custom-secret-id`, { secret_id: 'chosen-by-the-attacker' }));
      await denied(instructor.write('sys/auth/userpass-backdoor', { type: 'userpass' }));
      await denied(instructor.write(`sys/auth/${APPROLE_MOUNT}`, { type: 'userpass' }));
      expect(await klass.root.readIfExists(role)).toBeUndefined();
    });

    it('a student role it may create reaches that student name only, never another student', async () => {
      await instructor.write(`auth/${APPROLE_MOUNT}/role/zzz`, {
        token_policies: 'classroom-student',
        bind_secret_id: true,
      });
      const roleId = await instructor.roleId('zzz', APPROLE_MOUNT);
      const { secretId } = await instructor.newSecretId('zzz', APPROLE_MOUNT);
      const zzz = new VaultAdmin(klass.vault.address);
      const auth = await zzz.appRoleLogin(roleId, secretId, APPROLE_MOUNT);
      expect(auth.policies.sort()).toEqual(['classroom-student', 'default']);
      await zzz.kvPut('secret', 'students/zzz/mine', { ok: 'yes' });
      await denied(zzz.read('secret/data/students/ada/app'));
      await denied(zzz.read('sys/policies/acl'));
      // The instructor itself reads results and records, never a student's workspace.
      await denied(instructor.read('secret/data/students/ada/app'));
    });

    it("may only disable a student's login identity: never enable one, give it policies, or make one", async () => {
      const ada = await klass.login('ada');
      const roleId = await klass.root.roleId('ada', APPROLE_MOUNT);
      const accessor = (await klass.root.read<any>('sys/auth')).data[`${APPROLE_MOUNT}/`].accessor as string;
      const found = await instructor.write<{ id: string }>('identity/lookup/entity', {
        alias_name: roleId,
        alias_mount_accessor: accessor,
      });
      const entity = `identity/entity/id/${found!.data.id}`;
      await denied(instructor.write(entity, { policies: ['root'] }));
      await denied(instructor.write(entity, { disabled: true, policies: ['root'] }));
      await denied(instructor.write(entity, { disabled: true, metadata: { role_name: 'bob' } }));
      await denied(instructor.write('identity/entity', { name: 'backdoor', policies: ['root'] }));
      await denied(instructor.write('identity/entity-alias', { name: roleId, canonical_id: found!.data.id }));
      await denied(instructor.write('identity/group', { name: 'backdoor', policies: ['root'] }));
      await denied(instructor.read(entity));
      expect((await ada.read('secret/data/students/ada/app')).data).toMatchObject({ data: { note: 'ada-only' } });

      await instructor.write(entity, { disabled: true });
      await denied(ada.lookupSelf());
      await denied(instructor.write(entity, { disabled: false }));
      await denied(ada.lookupSelf());
    });
  });
}
