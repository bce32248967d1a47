import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { groupIsBusy } from '../../src/grader/program/group-activity.js';

/** Real process groups: one computing, one waiting. */
describe('whether a process group is still busy', () => {
  it('is true while a process of the group computes, false while it only waits', async () => {
    const busy = spawn('/bin/sh', ['-c', 'while :; do :; done'], { detached: true, stdio: 'ignore' });
    const idle = spawn('/bin/sh', ['-c', 'sleep 30'], { detached: true, stdio: 'ignore' });
    try {
      await sleep(200);
      let seen = false;
      for (let i = 0; i < 20 && !seen; i++) seen = (await groupIsBusy(busy.pid!)) === true;
      expect(seen).toBe(true);
      expect(await groupIsBusy(idle.pid!)).toBe(false);
    } finally {
      process.kill(-busy.pid!, 'SIGKILL');
      process.kill(-idle.pid!, 'SIGKILL');
    }
  });
});
