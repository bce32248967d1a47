import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultCredentialsFile, loadClassroomCredentials, saveCredentials } from '../../src/classroom/credentials.js';
import { parseHandout, renderHandout, type Handout } from '../../src/classroom/handout.js';
import { parseGradeReport } from '../../src/classroom/grade-report-file.js';
import { randomBase62 } from '../../src/util/random.js';

const handout: Handout = {
  studentId: 'ada',
  name: 'Ada Lovelace (the first)',
  address: 'https://vault.class.example:8200',
  roleId: '0b6e3c5e-1111-2222-3333-444455556666',
  // Made at run time: a wrapping token's shape, never a literal one in the repository.
  wrappedSecretId: `hvs.${randomBase62(24)}`,
  expiresAt: '2026-12-01T09:00:00.000Z',
};

describe('handout', () => {
  it('round-trips through the text the student receives', () => {
    const text = renderHandout(handout);
    expect(parseHandout(text)).toEqual(handout);
    expect(text).toContain('npx secrets-workbook classroom join ada.txt');
    expect(text).toContain('creation_path must be auth/classroom/role/ada/secret-id');
    expect(text).toContain('secret/students/ada/*');
  });

  it("a cluster's handout lists every node; shell lines use the first and name the others", () => {
    const nodes = 'http://10.0.0.11:8200,http://10.0.0.12:8200,http://10.0.0.13:8200';
    const text = renderHandout({ ...handout, address: nodes });
    expect(parseHandout(text)).toEqual({ ...handout, address: nodes });
    expect(text).toContain('export VAULT_ADDR=http://10.0.0.11:8200\n');
    expect(text).toContain('#   http://10.0.0.12:8200 http://10.0.0.13:8200');
    expect(text).toContain(`export SECRETS_WORKBOOK_CLASS_ADDR=${nodes}`);
    const tampered = text.replace(nodes, `${nodes},file:///etc/passwd`);
    expect(() => parseHandout(tampered, 'ada.txt')).toThrow(/ada\.txt: the Vault address .* is not an http\(s\) URL/);
  });

  it('says clearly when a file is not a handout', () => {
    expect(() => parseHandout('hello\n', 'notes.txt')).toThrow(
      /notes\.txt is not a secrets-workbook classroom handout \(no "Student:", "Vault address:", "Role ID:", "Wrapped secret ID:" line\)/,
    );
    const broken = renderHandout(handout).replace('https://vault.class.example:8200', 'vault.class.example');
    expect(() => parseHandout(broken, 'ada.txt')).toThrow(/is not an http\(s\) URL/);
  });
});

describe('classroom credentials', () => {
  const saved = {
    version: 1 as const,
    address: 'http://127.0.0.1:8200',
    studentId: 'ada',
    roleId: 'role-1',
    secretId: 'secret-1',
    joinedAt: '2026-11-28T09:00:00Z',
  };

  it('live next to the progress file, 0600', async () => {
    const home = await mkdtemp(join(tmpdir(), 'creds-'));
    const file = defaultCredentialsFile({ SECRETS_WORKBOOK_HOME: home });
    expect(file).toBe(join(home, 'classroom.json'));
    await saveCredentials(file, saved);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await loadClassroomCredentials({ env: { SECRETS_WORKBOOK_HOME: home } })).toEqual({
      address: saved.address,
      roleId: 'role-1',
      secretId: 'secret-1',
      source: file,
    });
  });

  it('the environment wins over the file; a half-set environment is an error', async () => {
    const home = await mkdtemp(join(tmpdir(), 'creds-'));
    await saveCredentials(join(home, 'classroom.json'), saved);
    const env = {
      SECRETS_WORKBOOK_HOME: home,
      SECRETS_WORKBOOK_CLASS_ADDR: 'http://class:8200/',
      SECRETS_WORKBOOK_CLASS_ROLE_ID: 'r',
      SECRETS_WORKBOOK_CLASS_SECRET_ID: 's',
    };
    expect(await loadClassroomCredentials({ env })).toEqual({
      address: 'http://class:8200',
      roleId: 'r',
      secretId: 's',
      source: 'the environment',
    });
    await expect(loadClassroomCredentials({ env: { ...env, SECRETS_WORKBOOK_CLASS_SECRET_ID: '' } })).rejects.toThrow(
      /set SECRETS_WORKBOOK_CLASS_SECRET_ID too/,
    );
  });

  it('without a join: tells the student what to run', async () => {
    const home = await mkdtemp(join(tmpdir(), 'creds-'));
    await expect(loadClassroomCredentials({ env: { SECRETS_WORKBOOK_HOME: home } })).rejects.toThrow(
      /run "secrets-workbook classroom join HANDOUT"/,
    );
    await writeFile(join(home, 'classroom.json'), '{"version":1}');
    await expect(loadClassroomCredentials({ env: { SECRETS_WORKBOOK_HOME: home } })).rejects.toThrow(/is damaged/);
    expect(await readFile(join(home, 'classroom.json'), 'utf8')).toBe('{"version":1}');
  });
});

describe('parseGradeReport', () => {
  it('accepts grade --json output and rejects anything else with the reason', () => {
    const report = {
      challenge: 'approle',
      passed: true,
      vault: 'binary',
      durationMs: 10,
      checks: [{ id: 'login', title: 'Login', passed: true, detail: '', hint: '' }],
    };
    expect(parseGradeReport(JSON.stringify(report), 'r.json')).toEqual(report);
    expect(() => parseGradeReport('nope', 'r.json')).toThrow(/r\.json is not JSON/);
    expect(() => parseGradeReport('{"challenge":"approle"}', 'r.json')).toThrow(
      /r\.json is not a grade report \(passed:/,
    );
  });
});
