// The timing half of the ReDoS guard (regex-guard.ts), in a worker thread so that a pattern that
// never finishes can be stopped (worker.terminate()) and named instead of hanging the test run.
// Plain JavaScript: a worker thread on Node 20 cannot load TypeScript.
import { parentPort } from 'node:worker_threads';

/** Every match of the pattern over the text, as the scanner takes them (global, past empty matches). */
function scanner(source, flags) {
  const regex = new RegExp(source, flags.replace(/[gy]/g, '') + 'g');
  return (text) => {
    regex.lastIndex = 0;
    for (let match = regex.exec(text); match; match = regex.exec(text)) if (match[0].length === 0) regex.lastIndex++;
  };
}

/** Milliseconds per scan, over as many scans as fill `minimum` milliseconds (at least one). */
function timeOf(scan, text, minimum) {
  const start = performance.now();
  let runs = 0;
  do {
    scan(text);
    runs++;
  } while (performance.now() - start < minimum);
  return (performance.now() - start) / runs;
}

/**
 * How much longer a scan of `long` takes than one of `short`: the best of `rounds` rounds of each,
 * taken in turn, so that load on the machine slows both alike (it only ever adds time).
 */
function growth(scan, short, long, rounds, minimum) {
  let bestShort = Infinity;
  let bestLong = Infinity;
  for (let round = 0; round < rounds; round++) {
    bestShort = Math.min(bestShort, timeOf(scan, short, minimum));
    bestLong = Math.min(bestLong, timeOf(scan, long, minimum));
  }
  return { growth: bestLong / bestShort, shortMs: bestShort, longMs: bestLong };
}

// A quick look at every input (three single scans of each length), and a careful one (seven rounds
// of at least 5 ms) where the quick one grew more than `screen`: most inputs are rejected by a
// pattern within a few microseconds, and a careful look at each would take minutes in all. Stops at
// the first input the pattern fails on.
parentPort.on('message', ({ index, source, flags, inputs, screen, bound }) => {
  const scan = scanner(source, flags);
  let worst = { label: '', growth: 0, shortMs: 0, longMs: 0 };
  for (const { label, short, long } of inputs) {
    scan(short); // V8 compiles a pattern to machine code after its first runs
    let measured = growth(scan, short, long, 3, 0);
    if (measured.growth > screen) measured = growth(scan, short, long, 7, 5);
    // A second careful look before failing: a burst of load on one length only can pass for growth.
    if (measured.growth > bound) {
      const again = growth(scan, short, long, 7, 5);
      if (again.growth < measured.growth) measured = again;
    }
    if (measured.growth > worst.growth) worst = { label, ...measured };
    if (worst.growth > bound) break;
  }
  parentPort.postMessage({ index, worst });
});
