import { Box, Text, useApp } from 'ink';
import { useKeys } from './hooks/use-keys.js';
import { useEffect, useReducer, useState } from 'react';
import type { Progress } from '../course/progress.js';
import { AppStateProvider } from './app-state.js';
import { HelpOverlay } from './screens/help.js';
import { HomeScreen } from './screens/home.js';
import { PlaygroundScreen } from './screens/playground.js';
import { heavyScreens, loadHeavyScreens } from './lazy-screens.js';
import { ServicesProvider, type UiServices } from './services.js';
import { appReducer, currentScreen, initialState, type Screen } from './state.js';

export interface AppProps {
  services: UiServices;
  progress: Progress;
  notices?: string[];
  /** Open this screen on top of home (deep link: `start <id>`). */
  open?: Screen;
}

/**
 * The root: owns the app state (a reducer with typed actions) and is the one place that calls
 * Ink's exit() — in an effect, after the quitting state is committed, so the last frame is not
 * lost (ARCHITECTURE.md, Traps; Shopify cli-kit's InkLifecycleRoot).
 */
export function App({ services, progress, notices = [], open }: AppProps) {
  const [state, dispatch] = useReducer(appReducer, undefined, () => {
    const initial = initialState(progress, notices);
    return open ? appReducer(initial, { type: 'open', screen: open }) : initial;
  });
  const { exit } = useApp();
  const [, setHeavyLoaded] = useState(() => heavyScreens() !== undefined);
  useEffect(() => {
    if (!heavyScreens()) void loadHeavyScreens().then(() => setHeavyLoaded(true));
  }, []);

  useEffect(() => {
    if (state.quitting) exit();
  }, [state.quitting, exit]);

  useKeys(
    (input, key) => {
      if (key.ctrl && input === 'c') dispatch({ type: 'quit' });
      else if (input === '?' && !state.help) dispatch({ type: 'help', open: true });
    },
    { isActive: !state.quitting },
  );

  const top = currentScreen(state);
  return (
    <ServicesProvider services={services}>
      <AppStateProvider state={state} dispatch={dispatch}>
        {state.stack.map((screen, index) => {
          const visible = index === state.stack.length - 1 && !state.help;
          return (
            <Box key={`${index}-${screen.name}-${'id' in screen ? screen.id : ''}`} display={visible ? 'flex' : 'none'}>
              <ScreenView screen={screen} active={visible && !state.quitting} />
            </Box>
          );
        })}
        {state.help ? <HelpOverlay screen={top} /> : null}
      </AppStateProvider>
    </ServicesProvider>
  );
}

function ScreenView({ screen, active }: { screen: Screen; active: boolean }) {
  switch (screen.name) {
    case 'home':
      return <HomeScreen active={active} />;
    case 'lesson':
    case 'challenge': {
      const heavy = heavyScreens();
      if (!heavy) return <Text>Loading...</Text>;
      return screen.name === 'lesson' ? (
        <heavy.LessonScreen id={screen.id} active={active} />
      ) : (
        <heavy.ChallengeScreen id={screen.id} active={active} />
      );
    }
    case 'playground':
      return <PlaygroundScreen active={active} />;
  }
}
