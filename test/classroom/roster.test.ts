import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRoster, readRoster, sanitizeId } from '../../src/classroom/roster.js';
import { studentIdFromRole, studentPolicy } from '../../src/classroom/layout.js';
import { UserError } from '../../src/util/errors.js';

function rosterError(text: string): UserError {
  try {
    parseRoster(text, 'roster.csv');
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).exitCode).toBe(2);
    return error as UserError;
  }
  throw new Error('expected the roster to be rejected');
}

describe('parseRoster', () => {
  it('reads id, name, email in any column order, with quotes, a BOM, extra columns and blank lines', () => {
    const students = parseRoster(
      '\uFEFFEmail,ID,Name,seat\nada@example.org,Ada,"Lovelace, Ada",1\n\n,grace.hopper,Grace Hopper,2\n',
      'r.csv',
    );
    expect(students).toEqual([
      { id: 'ada', name: 'Lovelace, Ada', email: 'ada@example.org', line: 2 },
      { id: 'grace-hopper', name: 'Grace Hopper', email: '', line: 4 },
    ]);
  });

  it('rejects an empty file', () => {
    expect(rosterError('').message).toMatch(/roster\.csv is empty/);
    expect(rosterError('\n  \n').message).toMatch(/is empty/);
  });

  it('rejects a header without students', () => {
    expect(rosterError('id,name,email\n').message).toMatch(/header but no students/);
  });

  it('names the missing column and the line of the header', () => {
    const error = rosterError('id,name\nada,Ada\n');
    expect(error.message).toMatch(/roster\.csv line 1: missing column "email"/);
  });

  it('names both lines of a duplicate id, also when only case or dots differ', () => {
    expect(rosterError('id,name,email\nada,Ada,\nbob,Bob,\nAda,Ada again,\n').message).toMatch(
      /line 4: duplicate id "ada" \(already on line 2\)/,
    );
    expect(rosterError('id,name,email\nj.doe,J,\nJ Doe,J,\n').message).toMatch(/line 3: duplicate id "j-doe"/);
  });

  it('rejects ids that cannot be a path segment, with the line number', () => {
    for (const bad of ['a/b', '../x', 'a*', 'a+b', 'é', '-lead', 'x'.repeat(65)]) {
      const error = rosterError(`id,name,email\nok,Ok,\n"${bad}",Bad,\n`);
      expect(error.message).toMatch(/roster\.csv line 3: the id .* has characters other than/);
    }
  });

  it('rejects an empty id, an empty name, a bad email, and ragged rows', () => {
    expect(rosterError('id,name,email\n,Ada,\n').message).toMatch(/line 2: the id is empty/);
    expect(rosterError('id,name,email\nada,,\n').message).toMatch(/line 2: the name of "ada" is empty/);
    expect(rosterError('id,name,email\nada,Ada,not-an-email\n').message).toMatch(
      /line 2: "not-an-email" is not an email address/,
    );
    expect(rosterError('id,name,email\nada,Ada\n').message).toMatch(/roster\.csv line 2: not valid CSV/);
  });

  it('reports the count of further problems in one line', () => {
    const message = rosterError('id,name,email\na/1,A,\nb/2,B,\nc/3,C,\n').message;
    expect(message).toMatch(/line 2: .*and 2 more problems: line 3: .*; line 4: /);
    expect(message.split('\n')).toHaveLength(1);
  });

  it('readRoster says when the file is missing', async () => {
    await expect(readRoster('/nonexistent/roster.csv')).rejects.toThrow(/roster file not found/);
    const dir = await mkdtemp(join(tmpdir(), 'roster-'));
    await writeFile(join(dir, 'class.csv'), 'id,name,email\nada,Ada,ada@example.org\n');
    expect(await readRoster(join(dir, 'class.csv'))).toHaveLength(1);
  });
});

describe('sanitizeId', () => {
  it('always yields a safe path segment or nothing, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (raw) => {
        const id = sanitizeId(raw);
        if (id === undefined) return;
        expect(id).toMatch(/^[a-z0-9][a-z0-9_-]{0,63}$/);
        // The id is the AppRole role name the templated student policy is filled with.
        expect(studentIdFromRole(id)).toBe(id);
      }),
    );
  });
});

describe('studentPolicy', () => {
  it("grants only the student's own workspace and results (templated on the role name), never delete on results", () => {
    const policy = studentPolicy('auth_approle_1a2b3c4d');
    const id = '{{identity.entity.aliases.auth_approle_1a2b3c4d.metadata.role_name}}';
    const paths = [...policy.matchAll(/path "([^"]+)"/g)].map((match) => match[1]);
    expect(paths.length).toBeGreaterThan(5);
    for (const path of paths)
      expect(path!.replace(id, 'ID')).toMatch(
        /^secret\/(data|metadata|subkeys|delete|undelete|destroy)\/(students|results)\/ID(\/\*)?$/,
      );
    const results = policy.slice(policy.indexOf(`secret/data/results/${id}/*`));
    expect(results.split('}')[0]).not.toMatch(/delete/);
    expect(() => studentPolicy('a/*')).toThrow();
  });
});
