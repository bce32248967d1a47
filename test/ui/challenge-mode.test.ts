import type { Key } from 'ink';
import { describe, expect, it } from 'vitest';
import { NO_KEY } from '../../src/ui/hooks/use-keys.js';
import {
  challengeKeyAction,
  challengeReducer,
  INITIAL_CHALLENGE_UI,
  type ChallengeFacts,
  type ChallengeUi,
} from '../../src/ui/screens/challenge/mode.js';

const facts: ChallengeFacts = {
  sections: ['task', 'setup', 'grade', 'hints', 'solution'],
  starters: ['python', 'node', 'go'],
  hasSolution: true,
  solutionUnlocked: false,
  solutionLanguages: 2,
  hintsShown: 0,
  hintsAvailable: 3,
};

/** Press keys in order, as the screen does: action from the state so far, then the reducer. */
function press(keys: Array<string | Partial<Key>>, given: ChallengeFacts = facts, start = INITIAL_CHALLENGE_UI) {
  let ui: ChallengeUi = start;
  const actions = [];
  for (const pressed of keys) {
    const [input, key] = typeof pressed === 'string' ? [pressed, NO_KEY] : ['', { ...NO_KEY, ...pressed }];
    const action = challengeKeyAction(ui, input, key, given);
    actions.push(action);
    if (action) ui = challengeReducer(ui, action);
  }
  return { ui, actions };
}

describe('challenge screen: modes and keys (pure)', () => {
  it('←/→ and tab go round the sections; g grades from any section; scrolling keys are left to the section', () => {
    expect(press([{ rightArrow: true }, { rightArrow: true }]).ui.section).toBe('grade');
    expect(press([{ leftArrow: true }]).ui.section).toBe('solution');
    expect(press([{ tab: true, shift: true }]).ui.section).toBe('solution');
    const graded = press([{ rightArrow: true }, 'g']);
    expect(graded.actions.at(-1)).toEqual({ type: 'grade' });
    expect(graded.ui.section).toBe('grade');
    for (const key of ['j', 'k', ' ', 'b', 'G', { downArrow: true }, { pageDown: true }, { end: true }])
      expect(press([key]).actions[0]).toBeUndefined();
  });

  it('i opens the language picker: ↓/j and ↑/k move within it, enter or a digit picks, esc cancels', () => {
    let result = press(['i', 'j', 'j', 'j']);
    expect(result.ui.mode).toEqual({ kind: 'pick-language', index: 2 });
    result = press(['i', { downArrow: true }, { return: true }]);
    expect(result.actions.at(-1)).toEqual({ type: 'init', language: 'node' });
    expect(result.ui.mode).toEqual({ kind: 'normal' });
    expect(press(['i', '3']).actions.at(-1)).toEqual({ type: 'init', language: 'go' });
    expect(press(['i', '9']).ui.mode.kind).toBe('pick-language');
    expect(press(['i', { escape: true }]).ui.mode).toEqual({ kind: 'normal' });
    // q in the picker cancels it; it does not leave the screen.
    expect(press(['i', 'q']).actions.at(-1)).toEqual({ type: 'mode', mode: { kind: 'normal' } });
    expect(press(['i'], { ...facts, starters: [] }).ui.message).toBe('This challenge has no starter.');
  });

  it('s before a pass asks first: y reveals, any other key cancels; after a pass it just shows the solution', () => {
    let result = press(['s']);
    expect(result.ui).toEqual({ section: 'solution', mode: { kind: 'confirm-reveal' } });
    result = press(['s', 'y']);
    expect(result.actions.at(-1)).toEqual({ type: 'reveal' });
    expect(result.ui).toEqual({ section: 'solution', mode: { kind: 'normal' } });
    expect(press(['s', 'n']).ui.mode).toEqual({ kind: 'normal' });
    expect(press(['s'], { ...facts, solutionUnlocked: true }).actions[0]).toEqual({
      type: 'section',
      section: 'solution',
    });
    expect(press(['s'], { ...facts, hasSolution: false }).ui.message).toBe('This challenge has no reference solution.');
    // l changes the language only on the unlocked solution, with more than one language.
    const unlocked = { ...facts, solutionUnlocked: true };
    expect(press(['s', 'l'], unlocked).actions.at(-1)).toEqual({ type: 'next-language' });
    expect(press(['l'], unlocked).actions[0]).toBeUndefined();
    expect(press(['s', 'l'], { ...unlocked, solutionLanguages: 1 }).actions.at(-1)).toBeUndefined();
  });

  it('h unlocks the next hint; from another section it first shows the ones already unlocked; enter in hints unlocks', () => {
    expect(press(['h']).actions[0]).toEqual({ type: 'hint', unlock: true });
    expect(press(['h'], { ...facts, hintsShown: 1 }).actions[0]).toEqual({ type: 'hint', unlock: false });
    const inHints = challengeReducer(INITIAL_CHALLENGE_UI, { type: 'section', section: 'hints' });
    expect(press([{ return: true }], { ...facts, hintsShown: 1 }, inHints).actions[0]).toEqual({
      type: 'hint',
      unlock: true,
    });
    expect(press(['h'], { ...facts, hintsShown: 3 }, inHints).actions[0]).toEqual({ type: 'hint', unlock: false });
    expect(press([{ return: true }]).actions[0]).toBeUndefined();
  });

  it('a message stays until the next action; q, v and w are effects the screen runs', () => {
    let ui = challengeReducer(INITIAL_CHALLENGE_UI, { type: 'message', text: 'Created …' });
    expect(ui.message).toBe('Created …');
    ui = challengeReducer(ui, { type: 'watch' });
    expect(ui.message).toBeUndefined();
    expect(press(['q']).actions[0]).toEqual({ type: 'back' });
    expect(press([{ escape: true }]).actions[0]).toEqual({ type: 'back' });
    expect(press(['v']).actions[0]).toEqual({ type: 'playground' });
    expect(press(['w']).actions[0]).toEqual({ type: 'watch' });
  });
});
