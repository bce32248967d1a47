import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { RawExample } from './scope.js';

interface SnapshotMessage {
  loc: { start: { line: number }; end: { line: number } };
}

/**
 * secretlint's rule snapshots: test/snapshots/<case>/input* with the expected output.json. A case
 * whose output reports something is a secret example, labelled at the reported lines (its other
 * lines are unlabelled: the snapshot says nothing about them); a case reporting nothing is a
 * benign example. Skipped: `ok.` cases that report something, `ng.` cases that report nothing, cases that depend on non-default rule options (.secretlintrc.json,
 * options.ts) and binary inputs (.p12).
 */
export async function secretlintExamples(dir: string, packagePaths: readonly string[]): Promise<RawExample[]> {
  const out: RawExample[] = [];
  for (const packagePath of packagePaths) {
    const snapshots = join(packagePath, 'snapshots');
    if (!existsSync(join(dir, snapshots))) continue;
    const cases = (await readdir(join(dir, snapshots), { withFileTypes: true })).filter((e) => e.isDirectory());
    for (const entry of cases.sort((a, b) => a.name.localeCompare(b.name))) {
      const caseDir = join(snapshots, entry.name);
      const files = await readdir(join(dir, caseDir));
      if (files.includes('.secretlintrc.json') || files.includes('options.ts')) continue;
      const input = files.find((f) => f.startsWith('input') && !f.endsWith('.p12'));
      if (!input || !files.includes('output.json')) continue;
      const text = await readFile(join(dir, caseDir, input), 'utf8');
      if (text.includes('\0')) continue;
      const output = JSON.parse(await readFile(join(dir, caseDir, 'output.json'), 'utf8')) as {
        messages: SnapshotMessage[];
      };
      const ranges = output.messages.map((m): [number, number] => [m.loc.start.line, m.loc.end.line]);
      // An `ok.` case that reports something, or an `ng.` case that reports nothing, is unclear.
      if (entry.name.startsWith('ok.') && ranges.length > 0) continue;
      if (entry.name.startsWith('ng.') && ranges.length === 0) continue;
      out.push({
        source: 'secretlint',
        path: `${caseDir}/${input}`,
        line: 1,
        unit: caseDir,
        label: ranges.length > 0 ? 'secret' : 'benign',
        text,
        name: input,
        ...(ranges.length > 0 ? { ranges } : {}),
      });
    }
  }
  return out;
}
