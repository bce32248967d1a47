import type { Key } from 'ink';
import type { Language } from '../../../course/model.js';

/**
 * The challenge screen's state machine, pure: which section shows, whether a dialog (the
 * starter's language, the solution's confirmation) has the keys, and the one-line message.
 * `challengeKeyAction` turns a key into an action; `challengeReducer` applies it; the screen runs
 * the action's effect (grade, init, record progress) next to it.
 */
export type ChallengeSection = 'task' | 'setup' | 'grade' | 'hints' | 'solution';

export type ChallengeMode = { kind: 'normal' } | { kind: 'pick-language'; index: number } | { kind: 'confirm-reveal' };

export interface ChallengeUi {
  section: ChallengeSection;
  mode: ChallengeMode;
  message?: string;
}

export type ChallengeAction =
  | { type: 'section'; section: ChallengeSection }
  | { type: 'mode'; mode: ChallengeMode }
  | { type: 'message'; text: string }
  | { type: 'back' }
  | { type: 'playground' }
  | { type: 'init'; language: Language }
  | { type: 'grade' }
  | { type: 'watch' }
  /** Show the hints; `unlock` the next one too. */
  | { type: 'hint'; unlock: boolean }
  | { type: 'ask-reveal' }
  | { type: 'reveal' }
  | { type: 'next-language' };

/** What the keys depend on, from the challenge and the learner's progress. */
export interface ChallengeFacts {
  sections: ChallengeSection[];
  starters: Language[];
  hasSolution: boolean;
  solutionUnlocked: boolean;
  solutionLanguages: number;
  hintsShown: number;
  hintsAvailable: number;
}

export const INITIAL_CHALLENGE_UI: ChallengeUi = { section: 'task', mode: { kind: 'normal' } };
const NORMAL: ChallengeMode = { kind: 'normal' };

export function challengeReducer(ui: ChallengeUi, action: ChallengeAction): ChallengeUi {
  // Whatever the learner does next replaces the last message.
  const next: ChallengeUi = { section: ui.section, mode: ui.mode };
  switch (action.type) {
    case 'message':
      return { ...ui, message: action.text };
    case 'section':
      return { ...next, section: action.section };
    case 'mode':
      return { ...next, mode: action.mode };
    case 'init':
      return { ...next, mode: NORMAL };
    case 'grade':
      return { ...next, section: 'grade' };
    case 'hint':
      return { ...next, section: 'hints' };
    case 'ask-reveal':
      return { section: 'solution', mode: { kind: 'confirm-reveal' } };
    case 'reveal':
      return { section: 'solution', mode: NORMAL };
    default:
      return next;
  }
}

/** The action a key asks for, or undefined when the key is not the screen's (scrolling keys go to the section). */
export function challengeKeyAction(
  ui: ChallengeUi,
  input: string,
  key: Key,
  facts: ChallengeFacts,
): ChallengeAction | undefined {
  if (ui.mode.kind === 'pick-language') return pickerKey(ui.mode.index, input, key, facts.starters);
  if (ui.mode.kind === 'confirm-reveal')
    return input === 'y' || input === 'Y' ? { type: 'reveal' } : { type: 'mode', mode: NORMAL };
  if (key.escape || input === 'q') return { type: 'back' };
  if (key.tab) return move(ui.section, key.shift ? -1 : 1, facts.sections);
  if (key.rightArrow) return move(ui.section, 1, facts.sections);
  if (key.leftArrow) return move(ui.section, -1, facts.sections);
  if (input === 'v') return { type: 'playground' };
  if (input === 'i')
    return facts.starters.length === 0
      ? { type: 'message', text: 'This challenge has no starter.' }
      : { type: 'mode', mode: { kind: 'pick-language', index: 0 } };
  if (input === 'g') return { type: 'grade' };
  if (input === 'w') return { type: 'watch' };
  if (input === 'h' || (ui.section === 'hints' && key.return)) {
    // From another section, h first shows the hints already unlocked.
    if (ui.section !== 'hints' && facts.hintsShown > 0) return { type: 'hint', unlock: false };
    return { type: 'hint', unlock: facts.hintsShown < facts.hintsAvailable };
  }
  if (input === 's') {
    if (!facts.hasSolution) return { type: 'message', text: 'This challenge has no reference solution.' };
    return facts.solutionUnlocked ? { type: 'section', section: 'solution' } : { type: 'ask-reveal' };
  }
  if (input === 'l' && ui.section === 'solution' && facts.solutionUnlocked && facts.solutionLanguages > 1)
    return { type: 'next-language' };
  return undefined;
}

function pickerKey(index: number, input: string, key: Key, starters: Language[]): ChallengeAction | undefined {
  if (key.escape || input === 'q') return { type: 'mode', mode: NORMAL };
  if (key.downArrow || input === 'j')
    return { type: 'mode', mode: { kind: 'pick-language', index: Math.min(starters.length - 1, index + 1) } };
  if (key.upArrow || input === 'k')
    return { type: 'mode', mode: { kind: 'pick-language', index: Math.max(0, index - 1) } };
  const picked = key.return ? starters[index] : /^[1-9]$/.test(input) ? starters[Number(input) - 1] : undefined;
  return picked ? { type: 'init', language: picked } : undefined;
}

function move(current: ChallengeSection, delta: number, sections: ChallengeSection[]): ChallengeAction {
  const index = sections.indexOf(current);
  const next = sections[(index + delta + sections.length) % sections.length] ?? current;
  return { type: 'section', section: next };
}
