/**
 * The report and the SVG in a real browser (issue 14): Debian's Chromium,
 * headless, driven by playwright-core, which downloads no browser of its
 * own. docs/report.html loads from disk with no console error and no
 * request but for the file itself; the filters and search change what is
 * shown (the jurisdiction filter in a report of its own, made with --in:
 * docs/report.html has only built-in orders); the keyboard reaches the
 * table's cells; 320 px wide, the page does not scroll sideways; print
 * hides the controls; hostile profile text, in a report of its own, adds
 * no element, handler or link. Screenshots of the
 * BES and iMessage sections are kept in test-artifacts/ (git ignores it).
 *
 * Without Chromium (CHROMIUM, or /usr/bin/chromium) the tests skip, and say
 * so: `apt-get install chromium` (as .ci/run does) runs them.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOSTILE_PICTURES } from './fixtures/hostile-pictures.js';
import { ROOT } from './helpers.js';
import { run, workspace } from './cli/run.js';

// The page's own globals, for the functions that run inside it: the project compiles without the DOM's types.
/* eslint-disable @typescript-eslint/no-explicit-any */
declare const document: any;
declare const location: { hash: string };
declare function getComputedStyle(element: unknown): { display: string };

const CHROMIUM = process.env['CHROMIUM'] ?? '/usr/bin/chromium';
const HAVE = existsSync(CHROMIUM);
const WHY = HAVE ? '' : ` (skipped: no Chromium at ${CHROMIUM}; apt-get install chromium, or set CHROMIUM, to run them)`;
if (!HAVE) process.stderr.write(`browser tests${WHY}\n`);

const ARTIFACTS = join(ROOT, 'test-artifacts');
const REPORT = join(ROOT, 'docs', 'report.html');

/** A page that records every request, console error, uncaught error and dialog, and lets only file:// requests through. */
interface Watched {
  page: Page;
  requests: string[];
  errors: string[];
}

describe.skipIf(!HAVE)(`in Chromium${WHY}`, { timeout: 90_000 }, () => {
  let browser: Browser;

  beforeAll(async () => {
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    mkdirSync(ARTIFACTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function open(file: string, width = 1280): Promise<Watched> {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    const requests: string[] = [];
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') errors.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
    page.on('dialog', (d) => {
      errors.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    await page.route('**/*', (route) => {
      requests.push(route.request().url());
      return route.request().url().startsWith('file:') ? route.continue() : route.abort();
    });
    await page.goto(pathToFileURL(file).href);
    return { page, requests, errors };
  }

  describe('docs/report.html', () => {
    it('loads from disk with no console error and no request but the file itself', async () => {
      const { page, requests, errors } = await open(REPORT);
      expect(errors).toEqual([]);
      expect(requests).toEqual([pathToFileURL(REPORT).href]);
      // The script ran: the filters are shown, and say what is shown.
      await expect(page.locator('#filters').isVisible()).resolves.toBe(true);
      await expect(page.locator('#f-status').textContent()).resolves.toMatch(/^Showing 81 of 81 services and 3 of 3 orders\.$/);
      await page.close();
    });

    it('search and category change which services are shown, in the table and below it', async () => {
      const { page } = await open(REPORT);
      const shown = () => page.$$eval('#grid tbody tr:not([hidden])', (rows) => rows.map((r) => r.getAttribute('data-section')));
      await page.fill('#f-search', 'imessage');
      expect(await shown()).toEqual(['svc-imessage', 'svc-imessage-adp', 'svc-imessage-no-backup']);
      expect(await page.locator('#svc-imessage').isVisible()).toBe(true);
      expect(await page.locator('#svc-bes').isVisible()).toBe(false);
      await page.fill('#f-search', '');
      await page.selectOption('#f-category', 'enterprise-messaging');
      const enterprise = await shown();
      expect(enterprise).toContain('svc-bes');
      expect(enterprise).not.toContain('svc-imessage');
      await expect(page.locator('#f-status').textContent()).resolves.toBe(`Showing ${enterprise.length} of 81 services and 3 of 3 orders.`);
      await page.close();
    });

    it('order chooses the columns, and the parts of each section', async () => {
      const { page } = await open(REPORT);
      await page.selectOption('#f-order', 'blanket-order');
      const columns = await page.$$eval('#grid thead th[data-order]:not([hidden])', (th) => th.map((t) => t.getAttribute('data-order')));
      expect(columns).toEqual(['blanket-order']);
      expect(await page.locator('#svc-bes--blanket-order').isVisible()).toBe(true);
      expect(await page.locator('#svc-bes--lawful-request').isVisible()).toBe(false);
      await page.close();
    });

    it('keeps screenshots of the BES and iMessage sections', async () => {
      const { page } = await open(REPORT);
      for (const id of ['bes', 'imessage']) {
        const file = join(ARTIFACTS, `report-${id}.png`);
        await page.locator(`#svc-${id}`).screenshot({ path: file });
        expect(readFileSync(file).subarray(1, 4).toString()).toBe('PNG');
      }
      await page.close();
    });

    it('the keyboard reaches the cells: Tab to the first, arrow keys between them', async () => {
      const { page } = await open(REPORT);
      const focused = () => page.evaluate(() => {
        const a = document.activeElement;
        const cell = a?.closest('td');
        return cell ? `${cell.closest('tr')!.getAttribute('data-section')} ${cell.getAttribute('data-order')}` : a?.tagName ?? null;
      });
      let at: string | null = null;
      for (let i = 0; i < 60 && !at?.includes(' '); i++) {
        await page.keyboard.press('Tab');
        at = await focused();
      }
      expect(at).toBe('svc-bbm-enterprise lawful-request');
      await page.keyboard.press('ArrowRight');
      expect(await focused()).toBe('svc-bbm-enterprise blanket-order');
      await page.keyboard.press('ArrowDown');
      expect(await focused()).toBe('svc-bbm blanket-order');
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => location.hash)).toBe('#svc-bbm--blanket-order');
      await page.close();
    });

    it('at 320 px wide the page does not scroll sideways; the table scrolls in its own region', async () => {
      const { page } = await open(REPORT, 320);
      const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, view: document.documentElement.clientWidth }));
      expect(widths.page).toBeLessThanOrEqual(widths.view);
      await page.screenshot({ path: join(ARTIFACTS, 'report-320px.png') });
      await page.close();
    });

    it('prints without its controls', async () => {
      const { page } = await open(REPORT);
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('#filters').isVisible()).toBe(false);
      expect(await page.locator('#svc-bes').isVisible()).toBe(true);
      await page.close();
    });
  });

  describe('a report with jurisdictions', () => {
    it('jurisdiction chooses the columns, and the parts of each section, of its own orders', async () => {
      const dir = workspace({});
      const r = run(['report', 'bes', 'imessage', '--order', 'lawful-request', '--in', 'us,uk', '-o', 'r.html'], { cwd: dir });
      expect(r.code).toBe(0);
      const { page, errors } = await open(join(dir, 'r.html'));
      expect(errors).toEqual([]);
      const columns = () => page.$$eval('#grid thead th[data-order]:not([hidden])', (th) => th.map((t) => t.getAttribute('data-jurisdiction')));
      const cells = () => page.$$eval('#grid tbody tr[data-section="svc-bes"] td[data-order]:not([hidden])', (td) => td.map((t) => t.getAttribute('data-order')));
      const all = await columns();
      expect(new Set(all)).toEqual(new Set(['built-in', 'us', 'uk']));
      await page.selectOption('#f-jurisdiction', 'uk');
      const uk = await columns();
      expect(uk.length).toBeGreaterThan(0);
      expect(new Set(uk)).toEqual(new Set(['uk']));
      expect(uk).toHaveLength(all.filter((j) => j === 'uk').length);
      expect((await cells()).every((o) => o!.startsWith('uk-'))).toBe(true);
      expect(await page.locator('#svc-bes--uk-tiw').isVisible()).toBe(true);
      expect(await page.locator('#svc-bes--us-title3').isVisible()).toBe(false);
      expect(await page.locator('#svc-bes--lawful-request').isVisible()).toBe(false);
      await expect(page.locator('#f-status').textContent()).resolves.toBe(`Showing 2 of 2 services and ${uk.length} of ${all.length} orders.`);
      await page.selectOption('#f-jurisdiction', 'us');
      expect(new Set(await columns())).toEqual(new Set(['us']));
      expect(await page.locator('#svc-imessage--us-title3').isVisible()).toBe(true);
      expect(await page.locator('#svc-imessage--uk-tiw').isVisible()).toBe(false);
      await page.selectOption('#f-jurisdiction', '');
      expect(await columns()).toEqual(all);
      await page.close();
    });
  });

  describe('hostile profiles', () => {
    it('add no element, handler, script, style or link to the report', async () => {
      const files = Object.fromEntries(HOSTILE_PICTURES.slice(0, 18).map((yaml, i) => [`profiles/h${i}.yaml`, yaml.replace(/^id: hostile$/m, `id: hostile-${i}`)]));
      const dir = workspace(files);
      const r = run(['report', '--all', '--profiles', 'profiles', '--order', 'lawful-request,blanket-order,build-order', '-o', 'hostile.html'], { cwd: dir });
      expect(r.code).toBe(0);
      const { page, requests, errors } = await open(join(dir, 'hostile.html'));
      expect(errors).toEqual([]);
      expect(requests).toHaveLength(1);
      const found = await page.evaluate(() => {
        const all = [...document.querySelectorAll('*')];
        return {
          scripts: document.scripts.length,
          styles: document.querySelectorAll('style').length,
          handlers: all.flatMap((e) => [...e.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${e.tagName} ${a.name}`)),
          loaded: [...document.querySelectorAll('img, iframe, object, embed, link, base, image, use, foreignObject, audio, video, source')].map((e) => e.tagName),
          links: [...document.querySelectorAll('[href]')].map((e) => e.getAttribute('href')!).filter((h) => !/^(#|https?:\/\/)/.test(h)),
          styled: all.filter((e) => e.hasAttribute('style')).map((e) => e.tagName),
          hidden: getComputedStyle(document.body).display,
        };
      });
      expect(found).toEqual({ scripts: 1, styles: 1, handlers: [], loaded: [], links: [], styled: [], hidden: 'block' });
      // The text arrived as text.
      expect(await page.locator('body').textContent()).toContain('</script><script>alert(1)</script>');
      await page.close();
    });
  });

  describe('svg', () => {
    it('opens alone with no error, and names every party and key', async () => {
      const dir = workspace({});
      for (const [id, order] of [['bes', 'blanket-order'], ['imessage', 'lawful-request'], ['bbm', 'build-order']] as const) {
        const r = run(['graph', id, '--order', order, '--format', 'svg', '-o', `${id}.svg`], { cwd: dir });
        expect(r.code).toBe(0);
        const { page, requests, errors } = await open(join(dir, `${id}.svg`));
        expect(errors).toEqual([]);
        expect(requests).toHaveLength(1);
        const text = await page.evaluate(() => (document.documentElement.tagName === 'svg' ? document.documentElement.textContent : null));
        const profile = run(['show', id, '--format', 'json']);
        const { service } = JSON.parse(profile.stdout) as { service: { parties: { id: string; name: string | null }[]; keys: { id: string; name: string | null }[] } };
        for (const x of [...service.parties, ...service.keys]) expect(text).toContain(x.name ?? x.id);
        await page.screenshot({ path: join(ARTIFACTS, `graph-${id}-${order}.png`) });
        await page.close();
      }
      writeFileSync(join(ARTIFACTS, 'README.txt'), 'Screenshots the browser tests (test/browser.test.ts) take, to look at. Not kept in git.\n');
    });
  });
});
