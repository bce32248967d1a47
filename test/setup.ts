// Ink switches to last-frame-only rendering when CI (or any CI_* variable) is set, and CI runs
// this suite with CI=true: remove them so component tests see every frame.
for (const name of Object.keys(process.env)) {
  if (name === 'CI' || name.startsWith('CI_')) delete process.env[name];
}

// Every test file gets its own config folder (progress, the shared playground record, caches):
// nothing is read from or written to the developer's, and parallel files and parallel runs on one
// machine do not see each other's playground. Tests that need a particular folder set their own.
if (!process.env.SECRETS_WORKBOOK_HOME) {
  const { mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  process.env.SECRETS_WORKBOOK_HOME = mkdtempSync(join(tmpdir(), 'sw-test-home-'));
}
