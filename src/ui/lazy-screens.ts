type HeavyScreens = typeof import('./screens/heavy.js');

let loaded: HeavyScreens | undefined;
let pending: Promise<HeavyScreens> | undefined;

/**
 * The lesson and challenge screens, with the markdown renderer and syntax highlighting behind
 * them, are a separate chunk: the home screen's first frame does not pay for them. The root
 * starts loading them right after that frame; by the time a learner picks a lesson they are in.
 */
export function loadHeavyScreens(): Promise<HeavyScreens> {
  pending ??= import('./screens/heavy.js').then((module) => (loaded = module));
  return pending;
}

export function heavyScreens(): HeavyScreens | undefined {
  return loaded;
}
