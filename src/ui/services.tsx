import { createContext, useContext, type ReactNode } from 'react';
import type { Course } from '../course/course.js';
import type { SourceFile } from '../course/challenge-files.js';
import type { ChallengeSummary, Language } from '../course/model.js';
import type { Playground } from '../course/playground.js';
import type { ProgressStore } from '../course/progress.js';
import type { FolderKind } from '../course/work-folder.js';
import type { GradeOptions, GradeReport } from '../grader/index.js';
import type { FolderWatcher, WatchOptions } from '../util/watch-folder.js';
import type { ProviderChoice } from '../vault/provider.js';
import type { Theme } from './theme.js';

/**
 * Everything the screens reach outside themselves for. Built once by the `start` command from
 * the real modules; component tests pass fakes (a grade function that emits scripted events, a
 * playground with a stubbed start). The UI does no I/O except through these.
 */
export interface UiServices {
  course: Course;
  store: ProgressStore;
  playground: Playground;
  theme: Theme;
  grade: (options: GradeOptions) => Promise<GradeReport>;
  /** Create `dir` from the challenge's starter in `language`; never overwrites. */
  initChallenge: (
    challenge: ChallengeSummary,
    language: Language,
    dir: string,
  ) => Promise<{ dir: string; files: string[] }>;
  readReadme: (challenge: ChallengeSummary) => Promise<string>;
  readSolution: (challenge: ChallengeSummary, language: Language) => Promise<SourceFile[]>;
  /** Watch a work folder (watch mode): one call back per burst of saves; polls where events fail. */
  watchFolder: (dir: string, onChange: (path: string) => void, options?: WatchOptions) => Promise<FolderWatcher>;
  /** Whether a work folder exists (checked before grading it). */
  folderKind: (dir: string) => Promise<FolderKind>;
  /** Where `i` creates work folders (`<cwd>/<challenge id>`). */
  cwd: string;
  /** Provider for grading (`--vault`), as for the `grade` command. */
  vault: ProviderChoice;
  /** How often hands-on steps are re-checked against the playground. */
  stepPollMs: number;
}

const ServicesContext = createContext<UiServices | undefined>(undefined);

export function ServicesProvider({ services, children }: { services: UiServices; children: ReactNode }) {
  return <ServicesContext.Provider value={services}>{children}</ServicesContext.Provider>;
}

export function useServices(): UiServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices outside ServicesProvider');
  return services;
}

export function useTheme(): Theme {
  return useServices().theme;
}
