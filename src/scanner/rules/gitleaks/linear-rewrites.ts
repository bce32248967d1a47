/**
 * gitleaks' regular expressions (MIT, config/gitleaks.toml; see rules.json) that backtrack
 * polynomially in JavaScript's backtracking engine, where Go's RE2 never backtracks: each is
 * replaced by one that matches the same strings (test/scanner/regex-rewrites.test.ts compares
 * them) and is linear. Keyed by gitleaks' Go source: a new gitleaks release that changes a regex
 * drops its rewrite, and the ReDoS audit (bench/scanner/regex-audit.ts) judges the new one.
 */
export const LINEAR_REWRITES: Record<string, { regex: string; reason: string }> = {
  // Global allowlist: a template placeholder `{{ .Values.password }}`.
  '^\\{\\{[ \\t]*[\\w ().|]+[ \\t]*}}$': {
    regex: '^\\{\\{(?:[ \\t]*[\\w().|](?:[ ]*[\\w().|])*|\\t* )[ \\t]*}}$',
    reason:
      'the blanks before and after the name could be split between `[ \\t]*` and `[\\w ().|]+` in every way (cubic); now a space belongs to the name only between two of its characters',
  },
  // Global allowlist: a GitHub Actions expression `${{ secrets.TOKEN }}`.
  '^\\$\\{\\{[ \\t]*(?:(?:env|github|secrets|vars)(?:\\.[A-Za-z]\\w+)+[\\w "\'&./=|]*)[ \\t]*}}$': {
    regex: '^\\$\\{\\{[ \\t]*(?:env|github|secrets|vars)\\.[A-Za-z]\\w[\\w "\'&./=|]*(?:\\t[ \\t]*)?}}$',
    reason:
      'the repeated `.name` parts, the characters after them and the trailing blanks all take dots, letters or spaces (cubic); the repetition is the same set of strings as the class after it',
  },
  // aws-access-token's allowlist: a documentation key ending in EXAMPLE.
  '.+EXAMPLE$': {
    regex: '[^\\n]EXAMPLE$',
    reason:
      'only tested (never extracted): one character before EXAMPLE at the end is the same condition, without running `.+` to the end from every character of a long line (quadratic)',
  },
  // nuget-config-password: `<add key="Password" value="…"/>` in a NuGet.config.
  '(?i)<add key=\\"(?:(?:ClearText)?Password)\\"\\s*value=\\"(.{8,})\\"\\s*/>': {
    regex:
      '(?i)<add key=\\"(?:(?:ClearText)?Password)\\"\\s*value=\\"((?:(?!<add key=\\"(?:(?:ClearText)?Password)\\"\\s*value=\\").){8,})\\"\\s*/>',
    reason:
      'the value ran to the end of the line and back from every `<add key="password" value="` on it (quadratic on a line of them); now it stops at the next one, which is then a match of its own (a value that held a whole second entry is no longer reported as one)',
  },
};
