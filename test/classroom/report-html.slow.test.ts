import { mkdir, writeFile } from 'node:fs/promises';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClassReport, StudentRow } from '../../src/classroom/class-report.js';
import { formatHtml } from '../../src/classroom/report-html.js';
import { findOnPath } from '../../src/vault/binary-provider.js';
import { packageRoot } from '../../src/util/package-info.js';

/**
 * The projector page rendered by Debian's headless Chromium (through playwright-core, which drives
 * the system browser and downloads none). The screenshots are kept in test-artifacts/.
 */
const executable = (await findOnPath('chromium')) ?? (await findOnPath('chromium-browser'));
const artifacts = join(packageRoot, 'test-artifacts');

function classOf(size: number): ClassReport {
  const students: StudentRow[] = Array.from({ length: size }, (_, index) => {
    const id = `student-${String(index + 1).padStart(3, '0')}`;
    const cycle = index % 4;
    return {
      id,
      name: `Student ${index + 1}`,
      email: `${id}@example.org`,
      access: index === 5 ? 'revoked' : 'active',
      results: {
        approle:
          cycle === 3
            ? { state: 'not-submitted', attempts: 0, failedChecks: [] }
            : cycle === 2
              ? {
                  state: 'failing',
                  attempts: 2,
                  lastSubmittedAt: '2026-11-28T09:12:00.000Z',
                  failedChecks: ['read-password', 'no-secret-in-output', 'exit-status', 'scanner'],
                }
              : {
                  state: 'passed',
                  attempts: cycle + 1,
                  passedAt: '2026-11-28T09:0' + cycle + ':00.000Z',
                  lastSubmittedAt: '2026-11-28T09:0' + cycle + ':00.000Z',
                  failedChecks: [],
                },
        'mini-project':
          index % 3 === 0
            ? { state: 'passed', attempts: 1, passedAt: '2026-11-28T10:00:00.000Z', failedChecks: [] }
            : { state: 'not-submitted', attempts: 0, failedChecks: [] },
      },
    };
  });
  students[0]!.name = '<script>document.title="pwned"</script> Ada';
  students[1]!.name =
    'Maximiliana-Wilhelmina-Konstantinopolitanischer-Dudelsackpfeifenmachergesellin von Habsburg-Lothringen';
  return {
    generatedAt: '2026-11-28T10:30:00.000Z',
    address: 'http://127.0.0.1:8200',
    challenges: ['approle', 'mini-project'],
    students,
  };
}

describe.skipIf(!executable)(
  `the HTML class report in headless Chromium${executable ? '' : ' (skipped: chromium is not installed; apt-get install chromium, as .ci/run does)'}`,
  () => {
    let browser: BrowserContext;
    let file: string;
    beforeAll(async () => {
      // A fresh profile folder every run (playwright passes it as --user-data-dir).
      browser = await chromium.launchPersistentContext(await mkdtemp(join(tmpdir(), 'chromium-')), {
        executablePath: executable!,
        headless: true,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
      });
      await mkdir(artifacts, { recursive: true });
      file = join(artifacts, 'classroom-report.html');
      await writeFile(file, formatHtml(classOf(40), { title: 'Secrets workshop — Tuesday' }));
    });
    afterAll(async () => {
      await browser?.close();
    });

    for (const [width, height] of [
      [1280, 720],
      [1024, 768],
    ] as const) {
      it(`fits a ${width}×${height} projector: readable, no sideways scrolling, statuses as text`, async () => {
        const page = await browser.newPage();
        await page.setViewportSize({ width, height });
        const errors: string[] = [];
        page.on('console', (message) => {
          if (message.type() === 'error') errors.push(message.text());
        });
        page.on('pageerror', (error) => errors.push(error.message));
        await page.goto(pathToFileURL(file).href);
        await page.screenshot({ path: join(artifacts, `classroom-report-${width}x${height}.png`) });
        await page.screenshot({
          path: join(artifacts, `classroom-report-${width}x${height}-full.png`),
          fullPage: true,
        });

        expect(await page.title()).toBe('Secrets workshop — Tuesday');
        // A string, not a function: the test project has no DOM types.
        const layout = (await page.evaluate(`({
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: document.documentElement.clientWidth,
        fontSize: parseFloat(getComputedStyle(document.body).fontSize),
        scripts: document.scripts.length,
        overflowing: [...document.querySelectorAll('th, td, .card')].filter((element) => element.scrollWidth > element.clientWidth + 1).length,
        headerBottom: document.querySelector('.cards').getBoundingClientRect().bottom,
      })`)) as {
          scrollWidth: number;
          clientWidth: number;
          fontSize: number;
          scripts: number;
          overflowing: number;
          headerBottom: number;
        };
        expect(layout.scrollWidth).toBeLessThanOrEqual(layout.clientWidth);
        expect(layout.overflowing).toBe(0);
        expect(layout.fontSize).toBeGreaterThanOrEqual(20);
        expect(layout.scripts).toBe(0);
        // The summary is visible without scrolling.
        expect(layout.headerBottom).toBeLessThanOrEqual(height);

        const text = await page.locator('body').innerText();
        expect(text).toContain('40 students');
        expect(text).toMatch(/20\s*\/ 40 passed/);
        expect(text).toMatch(/14\s*\/ 40 passed/);
        expect(text).toContain('<script>document.title="pwned"</script> Ada');
        expect(text).toContain('access revoked');
        expect(text).not.toContain('@example.org');
        expect(await page.locator('.badge.passed').count()).toBe(20 + 14);
        expect(await page.locator('.badge.failing').count()).toBe(10);
        expect(await page.locator('.badge.none').count()).toBe(10 + 26);
        expect(await page.locator('tbody tr').first().locator('.badge').first().innerText()).toBe('✓ passed');
        expect(errors).toEqual([]);
        await page.close();
      });
    }

    it('an empty class renders a hint instead of an empty table', async () => {
      const page = await browser.newPage();
      await page.setContent(
        formatHtml({ generatedAt: '2026-11-28T10:30:00.000Z', address: 'x', challenges: ['approle'], students: [] }),
      );
      expect(await page.locator('body').innerText()).toContain('No students provisioned yet.');
      expect(await page.locator('table').count()).toBe(0);
      await page.close();
    });
  },
);
