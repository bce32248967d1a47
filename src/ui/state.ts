import type { Progress } from '../course/progress.js';

/** The screens, as a stack: `back` pops, and popping the home screen quits. */
export type Screen =
  { name: 'home' } | { name: 'lesson'; id: string } | { name: 'challenge'; id: string } | { name: 'playground' };

export interface AppState {
  stack: Screen[];
  help: boolean;
  /** Set by `quit`; the root component calls Ink's exit() after this state is committed. */
  quitting: boolean;
  progress: Progress;
  /** One-line notices (progress file kept aside, errors saving) shown until dismissed. */
  notices: string[];
}

export type AppAction =
  | { type: 'open'; screen: Screen }
  | { type: 'back' }
  | { type: 'help'; open: boolean }
  | { type: 'quit' }
  | { type: 'progress'; progress: Progress }
  | { type: 'notice'; text: string }
  | { type: 'dismiss-notices' };

export function initialState(progress: Progress, notices: string[] = []): AppState {
  return { stack: [{ name: 'home' }], help: false, quitting: false, progress, notices };
}

export function appReducer(state: AppState, action: AppAction): AppState {
  switch (action.type) {
    case 'open': {
      const current = state.stack[state.stack.length - 1];
      // Opening the screen that is already on top (v on the playground) does not stack it twice.
      if (current && sameScreen(current, action.screen)) return state;
      return { ...state, stack: [...state.stack, action.screen], help: false };
    }
    case 'back':
      if (state.help) return { ...state, help: false };
      if (state.stack.length <= 1) return { ...state, quitting: true };
      return { ...state, stack: state.stack.slice(0, -1) };
    case 'help':
      return { ...state, help: action.open };
    case 'quit':
      return { ...state, quitting: true };
    case 'progress':
      return { ...state, progress: action.progress };
    case 'notice':
      return state.notices.includes(action.text) ? state : { ...state, notices: [...state.notices, action.text] };
    case 'dismiss-notices':
      return state.notices.length === 0 ? state : { ...state, notices: [] };
    default:
      return assertNever(action);
  }
}

export function currentScreen(state: AppState): Screen {
  return state.stack[state.stack.length - 1] ?? { name: 'home' };
}

function sameScreen(a: Screen, b: Screen): boolean {
  return a.name === b.name && ('id' in a ? a.id : '') === ('id' in b ? b.id : '');
}

function assertNever(value: never): never {
  throw new Error(`unhandled action ${JSON.stringify(value)}`);
}
