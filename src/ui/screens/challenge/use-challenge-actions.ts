import { useCallback } from 'react';
import type { ChallengeSummary, Language } from '../../../course/model.js';
import { starterFolder } from '../../../course/work-folder.js';
import { oneLine } from '../../../util/errors.js';
import { useAppState } from '../../app-state.js';
import type { FolderWatch } from '../../hooks/use-folder-watch.js';
import { useServices } from '../../services.js';
import type { ChallengeAction } from './mode.js';

interface Effects {
  challenge: ChallengeSummary;
  /** The screen's own dispatch (messages, the section a watch shows). */
  dispatch: (action: ChallengeAction) => void;
  startGrade: () => void;
  watch: FolderWatch;
  nextLanguage: () => void;
}

/**
 * The effect of each action (challengeReducer has already applied its state): grading,
 * copying a starter, watching, and what goes into progress (through progress-rules.ts).
 */
export function useChallengeActions({ challenge, dispatch, startGrade, watch, nextLanguage }: Effects) {
  const { cwd, initChallenge } = useServices();
  const { dispatch: appDispatch, record } = useAppState();

  const createStarter = useCallback(
    (language: Language) => {
      initChallenge(challenge, language, starterFolder(challenge.id, cwd)).then(
        async (result) => {
          dispatch({
            type: 'message',
            text: `Created ${result.dir} (${language}): ${result.files.join(', ')}. Edit it, then press g.`,
          });
          await record({ type: 'starter-created', challengeId: challenge.id, dir: result.dir, language });
        },
        (error: unknown) => dispatch({ type: 'message', text: `Could not create the starter: ${oneLine(error)}` }),
      );
    },
    [challenge, cwd, dispatch, initChallenge, record],
  );

  const toggleWatch = useCallback(() => {
    void watch.toggle().then(({ watching, message }) => {
      if (watching) dispatch({ type: 'section', section: 'grade' });
      dispatch({ type: 'message', text: message });
      if (watching) startGrade();
    });
  }, [dispatch, startGrade, watch]);

  return useCallback(
    (action: ChallengeAction) => {
      switch (action.type) {
        case 'back':
          return appDispatch({ type: 'back' });
        case 'playground':
          return appDispatch({ type: 'open', screen: { name: 'playground' } });
        case 'init':
          return createStarter(action.language);
        case 'grade':
          return startGrade();
        case 'watch':
          return toggleWatch();
        case 'hint':
          if (action.unlock)
            void record({ type: 'hint-shown', challengeId: challenge.id, available: challenge.hints.length });
          return;
        case 'reveal':
          return void record({ type: 'solution-revealed', challengeId: challenge.id });
        case 'next-language':
          return nextLanguage();
      }
    },
    [appDispatch, challenge, createStarter, nextLanguage, record, startGrade, toggleWatch],
  );
}
