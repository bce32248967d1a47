import { useMemo } from 'react';
import type { WorkFolder } from '../../../course/work-folder.js';
import { ScrolledLines } from '../../components/scrolled-lines.js';
import type { GradeRun } from '../../grade-run.js';
import type { FolderWatch } from '../../hooks/use-folder-watch.js';
import { useSpinner } from '../../hooks/use-spinner.js';
import { gradeLines } from '../../lines/grade-lines.js';
import { wrapLines } from '../../lines/wrap.js';
import { useTheme } from '../../services.js';
import { chrome } from '../../theme.js';
import { CHALLENGE_RESERVED_KEYS, type SectionProps } from './section-props.js';

interface GradeProps extends SectionProps {
  folder: WorkFolder;
  watchMode: FolderWatch['mode'];
  run: GradeRun;
}

/** The live checklist of the last grade, under the folder it grades and the watch mode. */
export function GradeSection({ folder, watchMode, run, ...box }: GradeProps) {
  const theme = useTheme();
  const spinner = useSpinner(run.running);
  const lines = useMemo(
    () => [
      ...wrapLines(theme.chalk.dim(chrome(theme, gradeHeader(folder, watchMode))), box.width),
      '',
      ...gradeLines(run, spinner, box.width, theme),
    ],
    [folder, watchMode, run, spinner, box.width, theme],
  );
  return <ScrolledLines lines={lines} reserved={CHALLENGE_RESERVED_KEYS} {...box} />;
}

export function gradeHeader(folder: WorkFolder, watchMode: FolderWatch['mode']): string {
  const watch =
    watchMode === undefined
      ? 'watch: off (w)'
      : watchMode === 'starting'
        ? 'watch: starting…'
        : `watch: on (${watchMode === 'polling' ? 'polling: file events are not available here' : 'file events'})`;
  return `Folder: ${folder.dir} · ${watch}`;
}
