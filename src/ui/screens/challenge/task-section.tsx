import { useEffect, useMemo, useState } from 'react';
import type { ChallengeSummary } from '../../../course/model.js';
import type { WorkFolder } from '../../../course/work-folder.js';
import { oneLine } from '../../../util/errors.js';
import { ScrolledLines } from '../../components/scrolled-lines.js';
import { wrapLines } from '../../lines/wrap.js';
import { renderMarkdown } from '../../markdown/render.js';
import { useServices } from '../../services.js';
import { chrome, type Theme } from '../../theme.js';
import { CHALLENGE_RESERVED_KEYS, type SectionProps } from './section-props.js';

interface TaskProps extends SectionProps {
  challenge: ChallengeSummary;
  folder: WorkFolder;
  language?: string;
}

/** The task (the challenge's README) under the folder that gets graded. */
export function TaskSection({ challenge, folder, language, ...box }: TaskProps) {
  const { readReadme, theme } = useServices();
  const [readme, setReadme] = useState('');
  useEffect(() => {
    let cancelled = false;
    readReadme(challenge).then(
      (text) => !cancelled && setReadme(text),
      (error: unknown) => !cancelled && setReadme(`Could not read the task: ${oneLine(error)}`),
    );
    return () => {
      cancelled = true;
    };
  }, [challenge, readReadme]);
  const lines = useMemo(
    () => taskLines(challenge, folder, language, readme, box.width, theme),
    [challenge, folder, language, readme, box.width, theme],
  );
  return <ScrolledLines lines={lines} reserved={CHALLENGE_RESERVED_KEYS} {...box} />;
}

export function taskLines(
  challenge: ChallengeSummary,
  folder: WorkFolder,
  language: string | undefined,
  readme: string,
  width: number,
  theme: Theme,
): string[] {
  return [
    ...wrapLines(theme.chalk.dim(chrome(theme, folderLine(challenge, folder, language))), width),
    '',
    ...renderMarkdown(readme, { width, theme }),
  ];
}

/** Which folder `g` grades, and where that comes from. */
export function folderLine(challenge: ChallengeSummary, folder: WorkFolder, language?: string): string {
  if (folder.recorded) return `Work folder: ${folder.dir}${language ? ` (${language})` : ''} — g grades it`;
  const starters = challenge.starters.join(', ') || 'none';
  return `Work folder: ${folder.dir} — press i to create it from a starter (${starters}), then g grades it`;
}
