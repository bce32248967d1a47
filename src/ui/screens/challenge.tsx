import { Box, Text } from 'ink';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ChallengeSummary, HandsOnStep, Language } from '../../course/model.js';
import type { ChallengeProgress } from '../../course/progress.js';
import { statusLabel } from '../../course/progress.js';
import { challengeStatus } from '../../course/progress-rules.js';
import { starterFolder, workFolderFor } from '../../course/work-folder.js';
import { useAppState } from '../app-state.js';
import { Header, KeyHints, keyHintLines, tabLines, Tabs, type KeyHint, type TabSpec } from '../components/layout.js';
import { StatusLine, type StatusText } from '../components/scrolled-lines.js';
import { useFolderWatch } from '../hooks/use-folder-watch.js';
import { useGrade } from '../hooks/use-grade.js';
import { useKeys } from '../hooks/use-keys.js';
import { useStepChecks } from '../hooks/use-step-checks.js';
import { useSyncReducer } from '../hooks/use-sync-state.js';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import { useServices } from '../services.js';
import { LanguagePicker, RevealConfirm } from './challenge/dialogs.js';
import { GradeSection } from './challenge/grade-section.js';
import { HintsSection } from './challenge/hints-section.js';
import {
  challengeKeyAction,
  challengeReducer,
  INITIAL_CHALLENGE_UI,
  type ChallengeAction,
  type ChallengeFacts,
  type ChallengeSection,
} from './challenge/mode.js';
import { SetupSection } from './challenge/setup-section.js';
import { SolutionSection } from './challenge/solution-section.js';
import { TaskSection } from './challenge/task-section.js';
import { useChallengeActions } from './challenge/use-challenge-actions.js';

export const CHALLENGE_KEYS: KeyHint[] = [
  ['i', 'init starter'],
  ['g', 'grade'],
  ['w', 'watch'],
  ['h', 'hint'],
  ['s', 'solution'],
  ['←→', 'section'],
  ['?', 'help'],
  ['q', 'back'],
];

export function ChallengeScreen({ id, active }: { id: string; active: boolean }) {
  const { course } = useServices();
  const challenge = course.challenges.find((item) => item.id === id);
  if (!challenge) return <Text>No challenge called {id}.</Text>;
  return <ChallengeView challenge={challenge} active={active} />;
}

function ChallengeView({ challenge, active }: { challenge: ChallengeSummary; active: boolean }) {
  const { cwd, theme } = useServices();
  const { state, record } = useAppState();
  const { columns, rows } = useTerminalSize();
  const entry = state.progress.challenges[challenge.id];
  const [ui, dispatch, uiRef] = useSyncReducer(challengeReducer, INITIAL_CHALLENGE_UI);
  const workDir = entry?.workDir;
  const folder = useMemo(() => workFolderFor(challenge.id, workDir, cwd), [challenge.id, workDir, cwd]);
  const grade = useGrade(challenge.id, folder);
  const watch = useFolderWatch(folder.dir, grade.start);
  const [solutionLanguage, nextLanguage] = useSolutionLanguage(challenge, entry);
  const perform = useChallengeActions({ challenge, dispatch, startGrade: grade.start, watch, nextLanguage });

  useEffect(() => void record({ type: 'challenge-opened', challengeId: challenge.id }), [challenge.id, record]);
  const setup = useSetupChecks(challenge, entry, dispatch);

  const facts = challengeFacts(challenge, entry, challengeStatus(challenge, state.progress) === 'done');
  useKeys(
    (input, key) => {
      const action = challengeKeyAction(uiRef.current, input, key, facts);
      if (!action) return;
      dispatch(action);
      perform(action);
    },
    { isActive: active },
  );

  const hints = keyHintLines(CHALLENGE_KEYS, columns, theme);
  const tabs = tabLines(challengeTabs(challenge, entry), ui.section, columns, theme);
  const height = Math.max(3, rows - 1 - 2 - tabs.length - hints.length);
  // A progress file kept aside or a failed save is shown here too, not only on the home screen.
  const status: StatusText = { notice: state.notices.at(-1), message: ui.message };
  const box = { width: columns, height, active: active && ui.mode.kind === 'normal', status };
  const section = {
    task: <TaskSection challenge={challenge} folder={folder} language={entry?.language} {...box} />,
    setup: (
      <SetupSection
        steps={challenge.setup}
        done={entry?.setup ?? {}}
        details={setup.details}
        checking={setup.checking}
        {...box}
      />
    ),
    grade: <GradeSection folder={folder} watchMode={watch.mode} run={grade.run} {...box} />,
    hints: <HintsSection hints={challenge.hints} shown={entry?.hintsShown ?? 0} {...box} />,
    solution: (
      <SolutionSection challenge={challenge} unlocked={facts.solutionUnlocked} language={solutionLanguage} {...box} />
    ),
  } satisfies Record<ChallengeSection, unknown>;

  return (
    <Box flexDirection="column" width={columns}>
      <Header title={`Challenge: ${challenge.title}`} right={statusLabel(challengeStatus(challenge, state.progress))} />
      <Tabs lines={tabs} />
      {ui.mode.kind === 'normal' ? (
        <Box key={ui.section} flexDirection="column">
          {section[ui.section]}
        </Box>
      ) : null}
      {ui.mode.kind === 'pick-language' ? (
        <LanguagePicker
          dir={starterFolder(challenge.id, cwd)}
          starters={challenge.starters}
          index={ui.mode.index}
          height={height}
        />
      ) : null}
      {ui.mode.kind === 'confirm-reveal' ? <RevealConfirm height={height} /> : null}
      {ui.mode.kind !== 'normal' ? <StatusLine {...status} /> : null}
      <KeyHints lines={hints} />
    </Box>
  );
}

function challengeFacts(
  challenge: ChallengeSummary,
  entry: ChallengeProgress | undefined,
  passed: boolean,
): ChallengeFacts {
  return {
    sections: challengeTabs(challenge, entry).map((tab) => tab.id as ChallengeSection),
    starters: challenge.starters,
    hasSolution: challenge.solutions.length > 0,
    solutionUnlocked: passed || entry?.solutionRevealed === true,
    solutionLanguages: challenge.solutions.length,
    hintsShown: entry?.hintsShown ?? 0,
    hintsAvailable: challenge.hints.length,
  };
}

/** Task, then Setup, Grade, Hints and Solution where the challenge has them, with their counts. */
function challengeTabs(challenge: ChallengeSummary, entry: ChallengeProgress | undefined): TabSpec[] {
  const tabs: TabSpec[] = [{ id: 'task', label: 'Task' }];
  if (challenge.setup.length > 0) {
    const done = challenge.setup.filter((step) => entry?.setup[step.id]).length;
    tabs.push({ id: 'setup', label: `Setup ${done}/${challenge.setup.length}` });
  }
  tabs.push({ id: 'grade', label: 'Grade' });
  if (challenge.hints.length > 0) {
    const shown = Math.min(entry?.hintsShown ?? 0, challenge.hints.length);
    tabs.push({ id: 'hints', label: `Hints ${shown}/${challenge.hints.length}` });
  }
  if (challenge.solutions.length > 0) tabs.push({ id: 'solution', label: 'Solution' });
  return tabs;
}

/** The language the learner works in, when there is a solution in it; else the first one. */
function defaultSolutionLanguage(
  challenge: ChallengeSummary,
  entry: ChallengeProgress | undefined,
): Language | undefined {
  const own = challenge.solutions.find((language) => language === entry?.language);
  return own ?? challenge.solutions[0];
}

/** The reference solution's language, and `l`'s move to the next one. */
function useSolutionLanguage(challenge: ChallengeSummary, entry: ChallengeProgress | undefined) {
  const [chosen, setChosen] = useState<Language | undefined>();
  const language = chosen ?? defaultSolutionLanguage(challenge, entry);
  const next = useCallback(() => {
    const { solutions } = challenge;
    setChosen(solutions[(solutions.indexOf(language!) + 1) % solutions.length]);
  }, [challenge, language]);
  return [language, next] as const;
}

/** Setup steps are checked against the playground while the screen is open, whichever section shows. */
function useSetupChecks(
  challenge: ChallengeSummary,
  entry: ChallengeProgress | undefined,
  dispatch: (action: ChallengeAction) => void,
) {
  const { theme } = useServices();
  const { record } = useAppState();
  const onDone = useCallback(
    (step: HandsOnStep) => {
      dispatch({ type: 'message', text: `${theme.symbols.pass} Setup step done: ${step.title}` });
      void record({ type: 'setup-step-done', challengeId: challenge.id, stepId: step.id });
    },
    [challenge.id, dispatch, record, theme],
  );
  return useStepChecks(challenge.setup, entry?.setup ?? {}, onDone);
}
