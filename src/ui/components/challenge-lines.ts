import wrapAnsi from 'wrap-ansi';
import type { SourceFile } from '../../course/challenge-files.js';
import type { ChallengeSummary, Language } from '../../course/model.js';
import type { PlaygroundState } from '../../course/playground.js';
import type { ChallengeProgress } from '../../course/progress.js';
import type { FolderWatch } from '../../course/watch-folder.js';
import type { GradeRun } from '../hooks/use-grade.js';
import { renderMarkdown } from '../markdown/render.js';
import { chrome, type Theme } from '../theme.js';
import { gradeLines } from './grade-lines.js';
import { stepLines } from './steps.js';

export type ChallengeSection = 'task' | 'setup' | 'grade' | 'hints' | 'solution';

export interface ChallengeLinesInput {
  challenge: ChallengeSummary;
  entry: ChallengeProgress | undefined;
  workDir: string;
  readme: string;
  setupDetails: Record<string, string>;
  playground: PlaygroundState;
  setupSpinner: string;
  watchMode: FolderWatch['mode'] | undefined;
  run: GradeRun;
  spinner: string;
  solutionUnlocked: boolean;
  solution: { language: Language; files: SourceFile[] } | undefined;
  width: number;
  theme: Theme;
}

const LEVEL_LABEL: Record<string, string> = { nudge: 'Nudge', concept: 'Concept', 'near-solution': 'Near-solution' };

/** A challenge screen section as lines, for the paged viewport. */
export function challengeLines(section: ChallengeSection, input: ChallengeLinesInput): string[] {
  const {
    challenge,
    entry,
    workDir,
    readme,
    setupDetails,
    playground,
    setupSpinner,
    watchMode,
    run,
    spinner,
    solutionUnlocked,
    solution,
    width,
    theme,
  } = input;
  switch (section) {
    case 'task': {
      const folder = entry?.workDir
        ? `Work folder: ${entry.workDir}${entry.language ? ` (${entry.language})` : ''}`
        : `Work folder: ${workDir} — press i to create it from a starter (${challenge.starters.join(', ') || 'none'})`;
      return [
        ...wrapLines(theme.chalk.dim(chrome(theme, folder)), width),
        '',
        ...renderMarkdown(readme, { width, theme }),
      ];
    }
    case 'setup':
      return stepLines(challenge.setup, entry?.setup ?? {}, setupDetails, playground, setupSpinner, width, theme);
    case 'grade': {
      const watch = watchMode
        ? `watch: on (${watchMode === 'polling' ? 'polling: file events are not available here' : 'file events'})`
        : 'watch: off (w)';
      return [
        ...wrapLines(theme.chalk.dim(chrome(theme, `Folder: ${workDir} · ${watch}`)), width),
        '',
        ...gradeLines(run, spinner, width, theme),
      ];
    }
    case 'hints': {
      const shown = Math.min(entry?.hintsShown ?? 0, challenge.hints.length);
      const out: string[] = [];
      challenge.hints.slice(0, shown).forEach((hint, index) => {
        if (index > 0) out.push('');
        out.push(theme.chalk.bold(chrome(theme, `Hint ${index + 1} · ${LEVEL_LABEL[hint.level] ?? hint.level}`)));
        out.push(...renderMarkdown(hint.text, { width, theme }));
      });
      if (shown < challenge.hints.length) {
        if (out.length > 0) out.push('');
        const next = challenge.hints[shown];
        out.push(
          ...wrapLines(
            `${theme.symbols.locked} Press h or enter for hint ${shown + 1} (${LEVEL_LABEL[next?.level ?? ''] ?? next?.level}).`,
            width,
          ),
        );
      } else out.push('', theme.chalk.dim('That was the last hint.'));
      return out;
    }
    case 'solution': {
      if (!solutionUnlocked) {
        return wrapLines(
          'The reference solution unlocks when your program passes. Press s to reveal it now anyway (you will be asked to confirm; the reveal is recorded in your progress).',
          width,
        );
      }
      if (!solution) return [chrome(theme, 'Loading…')];
      const out = wrapLines(
        theme.chalk.dim(
          `Reference solution in ${solution.language}${challenge.solutions.length > 1 ? ` (l: next language of ${challenge.solutions.join(', ')})` : ''}`,
        ),
        width,
      );
      for (const file of solution.files) {
        const fence = file.path.split('.').pop() ?? '';
        out.push('', theme.chalk.bold(file.path));
        out.push(
          ...renderMarkdown(`\`\`\`${fenceFor(fence)}\n${file.content.replace(/\n$/, '')}\n\`\`\``, { width, theme }),
        );
      }
      return out;
    }
  }
}

function wrapLines(text: string, width: number): string[] {
  return wrapAnsi(text, Math.max(10, width), { hard: true }).split('\n');
}

function fenceFor(extension: string): string {
  const map: Record<string, string> = {
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
  return map[extension] ?? '';
}
