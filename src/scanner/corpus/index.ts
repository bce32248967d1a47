/** The corpus generator: fresh realistic files with labelled secrets and decoys, and scoring. */
export {
  generateCorpus,
  writeCorpus,
  type Corpus,
  type CorpusFile,
  type CorpusLabel,
  type CorpusDecoy,
  type CorpusOptions,
} from './generate.js';
export { scoreDetections, formatScoreTable, type Detection, type CategoryScore } from './score.js';
export * as secretValues from './values.js';
