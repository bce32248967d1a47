import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import pMap from 'p-map';
import { parseHandout } from '../../../src/classroom/handout.js';
import { APPROLE_MOUNT, studentIdFromRole, studentRoleName } from '../../../src/classroom/layout.js';
import { readRegistry } from '../../../src/classroom/registry.js';
import type { VaultAdmin } from '../../../src/vault/admin-client.js';

/**
 * Does the class Vault match the instructor's records and the handouts folder exactly? Every
 * role belongs to a record; an active student has one secret_id (the one the record names) and
 * one non-empty handout for them, whose wrapping token is either still unused (and wraps that
 * student's secret_id) or used by a join; a revoked student has no secret_id; every moved-aside
 * handout is dead (its wrapping token no longer looks up). Problems are listed, not thrown.
 */
export interface ClassAudit {
  problems: string[];
  active: number;
  revoked: number;
  joined: number;
  movedAside: number;
}

export async function auditClass(admin: VaultAdmin, handoutDir: string): Promise<ClassAudit> {
  await admin.endpoints.discoverLeader();
  const problems: string[] = [];
  const records = await readRegistry(admin, { concurrency: 16 });
  const roles = await admin.list(`auth/${APPROLE_MOUNT}/role`);
  for (const role of roles) {
    const id = studentIdFromRole(role);
    if (!id || !records.has(id)) problems.push(`role ${role} has no record`);
  }
  const files = await readdir(handoutDir);
  const audit: ClassAudit = { problems, active: 0, revoked: 0, joined: 0, movedAside: 0 };
  await pMap(
    [...records.values()],
    async (record) => {
      const role = studentRoleName(record.id);
      if (!roles.includes(role)) problems.push(`${record.id}: no role`);
      const accessors = await admin.secretIdAccessors(role, APPROLE_MOUNT);
      if (record.status === 'revoked') {
        audit.revoked += 1;
        if (accessors.length > 0) problems.push(`${record.id}: revoked but ${accessors.length} secret_id(s) left`);
        return;
      }
      audit.active += 1;
      if (accessors.length !== 1 || accessors[0] !== record.secretIdAccessor)
        problems.push(`${record.id}: ${accessors.length} secret_id(s), not just the record's one`);
      const file = `${record.id}.txt`;
      if (!files.includes(file)) return void problems.push(`${record.id}: no handout`);
      const text = await readFile(join(handoutDir, file), 'utf8');
      if (text.trim() === '') return void problems.push(`${record.id}: empty handout`);
      const handout = parseHandout(text, file);
      if (handout.studentId !== record.id) problems.push(`${file}: names ${handout.studentId}`);
      const lookup = await admin.wrappingLookup(handout.wrappedSecretId).catch(() => undefined);
      if (!lookup) audit.joined += 1;
      else if (lookup.creation_path !== `auth/${APPROLE_MOUNT}/role/${role}/secret-id`)
        problems.push(`${file}: wraps ${lookup.creation_path}`);
    },
    { concurrency: 16 },
  );
  for (const file of files) {
    const id = /^(.+?)(\.replaced-.+)?\.txt$/.exec(file)?.[1];
    if (!id || !records.has(id)) problems.push(`${file}: a handout with no record`);
    if (!file.includes('.replaced-')) continue;
    audit.movedAside += 1;
    const text = await readFile(join(handoutDir, file), 'utf8');
    if (text.trim() === '') continue;
    const lookup = await admin.wrappingLookup(parseHandout(text, file).wrappedSecretId).catch(() => undefined);
    if (lookup) problems.push(`${file}: moved aside but its wrapping token still works`);
  }
  problems.sort();
  return audit;
}
