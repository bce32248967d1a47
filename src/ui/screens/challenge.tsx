import { Box, Text } from 'ink';
import { useKeys } from '../hooks/use-keys.js';
import { join } from 'node:path';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { challengeStatus, touchChallenge } from '../../course/course.js';
import type { SourceFile } from '../../course/challenge-files.js';
import type { ChallengeSummary, HandsOnStep, Language } from '../../course/model.js';
import { challengeEntry, statusLabel } from '../../course/progress.js';
import type { FolderWatch } from '../../course/watch-folder.js';
import { oneLine } from '../../util/errors.js';
import { useApp } from '../app-context.js';
import { challengeLines, type ChallengeSection as Section } from '../components/challenge-lines.js';
import {
  Header,
  KeyHints,
  keyHintLines,
  scrollPosition,
  tabLines,
  Tabs,
  Viewport,
  type KeyHint,
  type TabSpec,
} from '../components/layout.js';
import { useGrade } from '../hooks/use-grade.js';
import { usePlaygroundState } from '../hooks/use-playground.js';
import { useScroll } from '../hooks/use-scroll.js';
import { useSpinner } from '../hooks/use-spinner.js';
import { useStepChecks } from '../hooks/use-step-checks.js';
import { useSyncState } from '../hooks/use-sync-state.js';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import { useServices } from '../services.js';
import { chrome } from '../theme.js';

type Mode = { kind: 'normal' } | { kind: 'pick-language'; index: number } | { kind: 'confirm-reveal' };

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
  const services = useServices();
  const { theme, cwd } = services;
  const { state, dispatch, updateProgress } = useApp();
  // A progress file kept aside or a failed save is shown here too, not only on the home screen.
  const notice = state.notices.at(-1);
  const { columns, rows } = useTerminalSize();
  const entry = state.progress.challenges[challenge.id];
  const status = challengeStatus(challenge, state.progress);
  const workDir = entry?.workDir ?? join(cwd, challenge.id);
  const [section, setSection, sectionRef] = useSyncState<Section>('task');
  const [mode, setMode, modeRef] = useSyncState<Mode>({ kind: 'normal' });
  const [message, setMessage] = useState<string | undefined>();
  const [readme, setReadme] = useState<string>('');
  const [solution, setSolution] = useState<{ language: Language; files: SourceFile[] } | undefined>();
  const [watchMode, setWatchMode] = useState<FolderWatch['mode'] | undefined>();
  const watcher = useRef<FolderWatch | undefined>(undefined);
  const playground = usePlaygroundState();
  const { run, start } = useGrade(challenge, workDir);
  const spinner = useSpinner(run.running);

  useEffect(() => {
    void updateProgress((progress) => touchChallenge(progress, challenge));
    let cancelled = false;
    services.readReadme(challenge).then(
      (text) => !cancelled && setReadme(text),
      (error: unknown) => !cancelled && setReadme(`Could not read the task: ${oneLine(error)}`),
    );
    return () => {
      cancelled = true;
    };
  }, [challenge, services, updateProgress]);

  useEffect(() => () => watcher.current?.close(), []);

  const onSetupDone = useCallback(
    (step: HandsOnStep) => {
      setMessage(`${theme.symbols.pass} Setup step done: ${step.title}`);
      void updateProgress((progress) => {
        challengeEntry(progress, challenge.id).setup[step.id] = true;
      });
    },
    [challenge.id, theme, updateProgress],
  );
  const setupChecks = useStepChecks(challenge.setup, entry?.setup ?? {}, onSetupDone);
  const setupSpinner = useSpinner(setupChecks.checking);

  const sections: TabSpec[] = useMemo(() => {
    const list: TabSpec[] = [{ id: 'task', label: 'Task' }];
    if (challenge.setup.length > 0) {
      const done = challenge.setup.filter((step) => entry?.setup[step.id]).length;
      list.push({ id: 'setup', label: `Setup ${done}/${challenge.setup.length}` });
    }
    list.push({ id: 'grade', label: 'Grade' });
    if (challenge.hints.length > 0)
      list.push({
        id: 'hints',
        label: `Hints ${Math.min(entry?.hintsShown ?? 0, challenge.hints.length)}/${challenge.hints.length}`,
      });
    if (challenge.solutions.length > 0) list.push({ id: 'solution', label: 'Solution' });
    return list;
  }, [challenge, entry]);

  const solutionUnlocked = status === 'done' || entry?.solutionRevealed === true;
  const solutionLanguage = (solution?.language ??
    (entry?.language && challenge.solutions.includes(entry.language as Language)
      ? entry.language
      : challenge.solutions[0])) as Language | undefined;

  const loadSolution = useCallback(
    (language: Language) => {
      services.readSolution(challenge, language).then(
        (files) => setSolution({ language, files }),
        (error: unknown) => setMessage(`Could not read the solution: ${oneLine(error)}`),
      );
    },
    [challenge, services],
  );
  useEffect(() => {
    if (section === 'solution' && solutionUnlocked && solutionLanguage && solution?.language !== solutionLanguage)
      loadSolution(solutionLanguage);
  }, [section, solutionUnlocked, solutionLanguage, solution, loadSolution]);

  const hints = keyHintLines(CHALLENGE_KEYS, columns, theme);
  const tabs = tabLines(sections, section, columns, theme);
  const bodyHeight = Math.max(3, rows - 1 - 2 - tabs.length - hints.length);

  const lines = useMemo(
    () =>
      challengeLines(section, {
        challenge,
        entry,
        workDir,
        readme,
        setupDetails: setupChecks.details,
        playground,
        setupSpinner,
        watchMode,
        run,
        spinner,
        solutionUnlocked,
        solution,
        width: columns,
        theme,
      }),
    [
      section,
      entry,
      workDir,
      challenge,
      readme,
      theme,
      columns,
      setupChecks.details,
      playground,
      setupSpinner,
      watchMode,
      run,
      spinner,
      solutionUnlocked,
      solution,
    ],
  );

  const scroll = useScroll(lines.length, bodyHeight);
  useEffect(() => {
    scroll.scrollTo(0);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [section]);

  // A newly unlocked hint scrolls into view, from its heading.
  const hintsShown = entry?.hintsShown ?? 0;
  useEffect(() => {
    if (sectionRef.current !== 'hints' || hintsShown === 0) return;
    const heading = lines.findIndex((line) => line.includes(`Hint ${hintsShown} `));
    if (heading >= 0) scroll.scrollTo(heading);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [hintsShown]);

  const move = (delta: number) => {
    const index = sections.findIndex((item) => item.id === sectionRef.current);
    const next = sections[(index + delta + sections.length) % sections.length];
    if (next) setSection(next.id as Section);
  };

  const initStarter = (language: Language) => {
    setMode({ kind: 'normal' });
    const dir = join(cwd, challenge.id);
    services.initChallenge(challenge, language, dir).then(
      async (result) => {
        setMessage(`Created ${result.dir} (${language}): ${result.files.join(', ')}. Edit it, then press g.`);
        await updateProgress((progress) => {
          const record = challengeEntry(progress, challenge.id);
          record.workDir = result.dir;
          record.language = language;
          if (record.status === 'new') record.status = 'in-progress';
        });
      },
      (error: unknown) => setMessage(`Could not create the starter: ${oneLine(error)}`),
    );
  };

  const revealSolution = () => {
    setMode({ kind: 'normal' });
    setSection('solution');
    void updateProgress((progress) => {
      const record = challengeEntry(progress, challenge.id);
      if (!record.solutionRevealed) {
        record.solutionRevealed = true;
        record.solutionRevealedAt = new Date().toISOString();
      }
    });
  };

  const toggleWatch = () => {
    if (watcher.current) {
      watcher.current.close();
      watcher.current = undefined;
      setWatchMode(undefined);
      setMessage('Watch mode off.');
      return;
    }
    try {
      watcher.current = services.watchFolder(workDir, () => start());
      setWatchMode(watcher.current.mode);
      setSection('grade');
      setMessage(`Watching ${workDir}: saving a file grades again.`);
      start();
    } catch (error) {
      setMessage(`Could not watch ${workDir}: ${oneLine(error)}`);
    }
  };

  useKeys(
    (input, key) => {
      const mode = modeRef.current;
      const section = sectionRef.current;
      if (mode.kind === 'pick-language') {
        const count = challenge.starters.length;
        if (key.escape || input === 'q') setMode({ kind: 'normal' });
        else if (key.downArrow || input === 'j')
          setMode({ kind: 'pick-language', index: Math.min(count - 1, mode.index + 1) });
        else if (key.upArrow || input === 'k') setMode({ kind: 'pick-language', index: Math.max(0, mode.index - 1) });
        else if (key.return) {
          const language = challenge.starters[mode.index];
          if (language) initStarter(language);
        } else if (/^[1-9]$/.test(input) && Number(input) <= count) {
          const language = challenge.starters[Number(input) - 1];
          if (language) initStarter(language);
        }
        return;
      }
      if (mode.kind === 'confirm-reveal') {
        if (input === 'y' || input === 'Y') revealSolution();
        else setMode({ kind: 'normal' });
        return;
      }
      setMessage(undefined);
      if (key.escape || input === 'q') return dispatch({ type: 'back' });
      if (key.tab) return move(key.shift ? -1 : 1);
      if (key.rightArrow) return move(1);
      if (key.leftArrow) return move(-1);
      if (input === 'v') return dispatch({ type: 'open', screen: { name: 'playground' } });
      if (input === 'i') {
        if (challenge.starters.length === 0) return setMessage('This challenge has no starter.');
        return setMode({ kind: 'pick-language', index: 0 });
      }
      if (input === 'g') {
        setSection('grade');
        return start();
      }
      if (input === 'w') return toggleWatch();
      if (input === 'h' || (section === 'hints' && key.return)) {
        if (section !== 'hints' && (entry?.hintsShown ?? 0) > 0) return setSection('hints');
        setSection('hints');
        if ((entry?.hintsShown ?? 0) < challenge.hints.length) {
          void updateProgress((progress) => {
            const record = challengeEntry(progress, challenge.id);
            record.hintsShown = Math.min(challenge.hints.length, record.hintsShown + 1);
            if (record.status === 'new') record.status = 'in-progress';
          });
        }
        return;
      }
      if (input === 's') {
        if (challenge.solutions.length === 0) return setMessage('This challenge has no reference solution.');
        if (solutionUnlocked) return setSection('solution');
        setSection('solution');
        return setMode({ kind: 'confirm-reveal' });
      }
      if (input === 'l' && section === 'solution' && solutionUnlocked && challenge.solutions.length > 1) {
        const current = challenge.solutions.indexOf(solutionLanguage as Language);
        const next = challenge.solutions[(current + 1) % challenge.solutions.length];
        if (next) loadSolution(next);
        return;
      }
      scroll.handleKey(input, key);
    },
    { isActive: active },
  );

  const footer: string =
    message ?? (mode.kind === 'normal' ? scrollPosition(scroll.top, bodyHeight, lines.length, theme) : '');

  return (
    <Box flexDirection="column" width={columns}>
      <Header title={`Challenge: ${challenge.title}`} right={statusLabel(status)} />
      <Tabs lines={tabs} />
      {mode.kind === 'pick-language' ? (
        <Box flexDirection="column" height={bodyHeight}>
          <Text bold>Create {join(cwd, challenge.id)} from a starter in which language?</Text>
          {challenge.starters.map((language, i) => (
            <Text key={language} inverse={i === mode.index && theme.color} bold={i === mode.index}>
              {i === mode.index ? theme.symbols.pointer : ' '} {i + 1}. {language}
            </Text>
          ))}
          <Text color={theme.colors.muted}>
            {chrome(theme, 'enter choose · esc cancel · existing files are never overwritten')}
          </Text>
        </Box>
      ) : mode.kind === 'confirm-reveal' ? (
        <Box flexDirection="column" height={bodyHeight}>
          <Text color={theme.colors.warning} bold>
            Reveal the reference solution before your program passes?
          </Text>
          <Text>Trying the hints first usually teaches more. The reveal is recorded in your progress.</Text>
          <Text> </Text>
          <Text>{chrome(theme, 'y reveal · any other key cancel')}</Text>
        </Box>
      ) : (
        <Viewport lines={lines} top={scroll.top} height={bodyHeight} />
      )}
      <Text
        color={notice ? theme.colors.warning : message ? theme.colors.accent : theme.colors.muted}
        wrap="truncate-end"
      >
        {chrome(theme, notice ?? (footer || ' '))}
      </Text>
      <KeyHints lines={hints} />
    </Box>
  );
}
