import { access, constants } from 'node:fs/promises';
import { delimiter, join } from 'node:path';

/**
 * Finding programs on PATH, the way a shell would: the first folder holding an executable file
 * of that name. Used by the Vault providers (`vault`, `bao`) and by the grader (`python3`, `go`).
 */
export async function findOnPath(name: string, path = process.env.PATH ?? ''): Promise<string | undefined> {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    if (await isExecutable(candidate)) return candidate;
  }
  return undefined;
}

export async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
