// Ink switches to last-frame-only rendering when CI (or any CI_* variable) is set, and CI runs
// this suite with CI=true: remove them so component tests see every frame.
for (const name of Object.keys(process.env)) {
  if (name === 'CI' || name.startsWith('CI_')) delete process.env[name];
}
