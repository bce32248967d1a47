// The screens that render markdown (marked, highlight.js grammars): loaded after the first frame
// so the home screen does not wait for them (see lazy-screens.ts).
export { ChallengeScreen } from './challenge.js';
export { LessonScreen } from './lesson.js';
