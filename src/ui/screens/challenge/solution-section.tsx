import { useEffect, useMemo, useState } from 'react';
import type { SourceFile } from '../../../course/challenge-files.js';
import type { ChallengeSummary, Language } from '../../../course/model.js';
import { oneLine } from '../../../util/errors.js';
import { ScrolledLines } from '../../components/scrolled-lines.js';
import { wrapLines } from '../../lines/wrap.js';
import { renderMarkdown } from '../../markdown/render.js';
import { useServices } from '../../services.js';
import { chrome, type Theme } from '../../theme.js';
import { CHALLENGE_RESERVED_KEYS, type SectionProps } from './section-props.js';

interface SolutionProps extends SectionProps {
  challenge: ChallengeSummary;
  unlocked: boolean;
  language: Language | undefined;
}

type Loaded = { language: Language; files: SourceFile[] } | { language: Language; error: string };

/** The reference solution in `language`, once unlocked (a pass, or a confirmed reveal). */
export function SolutionSection({ challenge, unlocked, language, ...box }: SolutionProps) {
  const { readSolution, theme } = useServices();
  const [loaded, setLoaded] = useState<Loaded | undefined>();
  useEffect(() => {
    if (!unlocked || !language) return;
    let cancelled = false;
    readSolution(challenge, language).then(
      (files) => !cancelled && setLoaded({ language, files }),
      (error: unknown) => !cancelled && setLoaded({ language, error: oneLine(error) }),
    );
    return () => {
      cancelled = true;
    };
  }, [challenge, language, unlocked, readSolution]);
  const current = loaded?.language === language ? loaded : undefined;
  const lines = useMemo(
    () => solutionLines(challenge, unlocked, current, box.width, theme),
    [challenge, unlocked, current, box.width, theme],
  );
  return <ScrolledLines lines={lines} reserved={CHALLENGE_RESERVED_KEYS} {...box} />;
}

export function solutionLines(
  challenge: ChallengeSummary,
  unlocked: boolean,
  loaded: Loaded | undefined,
  width: number,
  theme: Theme,
): string[] {
  if (!unlocked)
    return wrapLines(
      'The reference solution unlocks when your program passes. Press s to reveal it now anyway (you will be asked to confirm; the reveal is recorded in your progress).',
      width,
    );
  if (!loaded) return [chrome(theme, 'Loading…')];
  if ('error' in loaded) return wrapLines(`Could not read the solution: ${loaded.error}`, width);
  const others = challenge.solutions.length > 1 ? ` (l: next language of ${challenge.solutions.join(', ')})` : '';
  const out = wrapLines(theme.chalk.dim(`Reference solution in ${loaded.language}${others}`), width);
  for (const file of loaded.files) {
    const fence = FENCES[file.path.split('.').pop() ?? ''] ?? '';
    out.push('', theme.chalk.bold(file.path));
    out.push(...renderMarkdown(`\`\`\`${fence}\n${file.content.replace(/\n$/, '')}\n\`\`\``, { width, theme }));
  }
  return out;
}

const FENCES: Record<string, string> = {
  py: 'python',
  js: 'javascript',
  mjs: 'javascript',
  ts: 'typescript',
  go: 'go',
  sh: 'bash',
  json: 'json',
  yaml: 'yaml',
  yml: 'yaml',
};
