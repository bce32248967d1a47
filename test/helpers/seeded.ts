import { createHash } from 'node:crypto';
import { afterEach, beforeEach, onTestFailed } from 'vitest';
import { useSeed, withSeed } from '../../src/scanner/corpus/random.js';

/**
 * Tests that draw random values draw them from a seed, so a run cannot fail by chance and a failure
 * reproduces: the seed is fixed unless TEST_SEED gives another (to explore new draws), and every
 * failure message names the seed of its draw.
 */
export const TEST_SEED = Number(process.env.TEST_SEED ?? 20261203);

/** The seed of draw `index` of the case `name`: independent of the order tests run in. */
export function seedOf(name: string, index: number): number {
  return createHash('sha256').update(`${TEST_SEED}:${name}:${index}`).digest().readUInt32BE(0);
}

/** `make()` drawn from the seed of draw `index` of `name`, and the note that reproduces it. */
export function seeded<T>(name: string, index: number, make: () => T): { value: T; note: string } {
  const seed = seedOf(name, index);
  return { value: withSeed(seed, make), note: `draw ${index} of "${name}" (TEST_SEED=${TEST_SEED})` };
}

/**
 * Every test of the file draws (through src/scanner/corpus/random.ts) from its own seed, made from
 * TEST_SEED and the test's name; a failing test names TEST_SEED.
 */
export function seedEachTest(): void {
  let restore: (() => void) | undefined;
  beforeEach((context) => {
    restore = useSeed(seedOf(context.task.name, 0));
    onTestFailed(() => {
      console.error(`random values of "${context.task.name}" were drawn with TEST_SEED=${TEST_SEED}`);
    });
  });
  afterEach(() => {
    restore?.();
    restore = undefined;
  });
}
