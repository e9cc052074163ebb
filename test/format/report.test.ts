/**
 * The report page (issue 14), without a browser: a row per service and a
 * column per order, each cell a link to a section that exists; each section
 * with its diagram, ways in, sealed forms, stances and dated sources; the
 * script and style allowed by their hashes and nothing else; hostile text
 * escaped everywhere, and a source address a link only where it is http(s).
 * test/browser.test.ts opens it in Chromium.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { analyse, answer } from '../../src/engine/answer.js';
import { svgDrawer, type SvgDrawer } from '../../src/format/graph/svg.js';
import { diagramOf, report } from '../../src/format/report.js';
import type { AnswersView } from '../../src/format/views.js';
import type { Profile } from '../../src/model/profile.js';
import type { Order } from '../../src/model/vocabulary.js';
import { JURISDICTIONS, load, order } from '../helpers.js';
import { HOSTILE_PICTURES } from '../fixtures/hostile-pictures.js';
import { expectSafe } from './safety.js';
import { fixture } from './views.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers.js';

const catalog = (id: string) => load(readFileSync(join(ROOT, 'data/services', `${id}.yaml`), 'utf8'), `data/services/${id}.yaml`);

function viewOf(services: [string, Profile][], orders: Order[]): AnswersView {
  return {
    services: services.map(([label, profile]) => {
      const analysis = analyse(profile);
      return { label, profile, file: null, answers: orders.map((o) => answer(analysis, o, { jurisdictions: JURISDICTIONS })) };
    }),
    orders,
    jurisdictions: JURISDICTIONS,
  };
}

const ORDERS = ['lawful-request', 'blanket-order', 'build-order', 'pk-pta-bes-directive-2015'].map(order);
const SEEDS = viewOf(
  [
    ['bes', catalog('bes').base],
    ['imessage', catalog('imessage').base],
    ['imessage@adp', catalog('imessage').variants.get('adp')!],
    ['bbm', catalog('bbm').base],
  ],
  ORDERS,
);

let drawer: SvgDrawer;
const page = async (view: AnswersView) => {
  drawer ??= await svgDrawer();
  return report(view, drawer.element);
};

describe('the report', () => {
  it('a row per service and a column per order, each cell a link to its service\'s part for that order', async () => {
    const text = await page(SEEDS);
    const rows = [...text.matchAll(/<tr data-section="([^"]+)"[^>]*>([\s\S]*?)<\/tr>/g)];
    expect(rows.map((r) => r[1])).toEqual(['svc-bes', 'svc-imessage', 'svc-imessage-adp', 'svc-bbm']);
    for (const [, section, row] of rows) {
      const cells = [...row!.matchAll(/<td data-order="([^"]+)"[^>]*><a href="#([^"]+)">/g)];
      expect(cells.map((c) => c[1])).toEqual(ORDERS.map((o) => o.id));
      for (const [, id, target] of cells) {
        expect(target).toBe(`${section}--${id}`);
        expect(text).toContain(`<section class="order" id="${target}"`);
      }
    }
  });

  it('each section: its diagram, the ways in with what each yields, what stays sealed, stances and dated sources', async () => {
    const text = await page(SEEDS);
    const bes = text.slice(text.indexOf('<section class="service" id="svc-bes"'), text.indexOf('<section class="service" id="svc-imessage"'));
    expect(bes).toContain('<svg role="img" aria-labelledby="svc-bes-d-title"');
    expect(bes).toContain("<strong>way in</strong> via Enterprise: Mail on the enterprise&#39;s server");
    expect(bes).toContain('<strong>sealed</strong> Message in transit sealed: needs Device key');
    expect(bes).toContain('<strong>stance</strong> BlackBerry refuses');
    expect(bes).toMatch(/<cite>BlackBerry to continue operations in Pakistan<\/cite>, domain-b\.com, 2016-01-04, <a href="https:\/\/www\.domain-b\.com\/[^"]+" rel="noopener noreferrer">/);
    // Build orders say what each build would yield.
    expect(bes).toContain('BlackBerry could ship changed software to Employee&#39;s BlackBerry for every account: then reads Mail on the handset, Message in transit');
  });

  it('keeps its promises: one script and one style, each allowed by its hash, and nothing else', async () => {
    const text = await page(SEEDS);
    expectSafe('html', text);
    const sha = (s: string) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`;
    const script = /<script>([\s\S]*?)<\/script>/.exec(text)![1]!;
    const style = /<style>([\s\S]*?)<\/style>/.exec(text)![1]!;
    expect(text).toContain(`style-src ${sha(style)}; script-src ${sha(script)};`);
  });

  it('is byte for byte the same, drawn ahead or as it comes', async () => {
    const text = await page(SEEDS);
    const { drawAhead } = await import('../../src/format/graph/svg.js');
    const views = SEEDS.services.map(diagramOf);
    const ahead = await svgDrawer(new Map(await drawAhead(views)), views);
    expect(report(SEEDS, ahead.element)).toBe(text);
    expect(await page(SEEDS)).toBe(text);
  });

  it('filters by the categories, jurisdictions and orders it shows', async () => {
    const text = await page(SEEDS);
    const options = (id: string) => [...new RegExp(`<select id="f-${id}">(.*?)</select>`).exec(text)![1]!.matchAll(/<option value="([^"]*)">/g)].map((o) => o[1]);
    expect(options('category')).toEqual(['', 'enterprise-messaging', 'messaging']);
    expect(options('jurisdiction')).toEqual(['', 'built-in', 'pk']);
    expect(options('order')).toEqual(['', ...ORDERS.map((o) => o.id)]);
  });
});

describe('hostile text', () => {
  it('is escaped everywhere; an address that is not http(s) is never a link', async () => {
    const profiles = [load(fixture('hostile')).base, ...HOSTILE_PICTURES.map((yaml) => load(yaml).base)];
    const view = viewOf(profiles.map((p, i) => [i === 0 ? 'hostile' : `./hostile-${i}.yaml`, p]), ORDERS.slice(0, 3));
    const text = await page(view);
    expectSafe('html', text);
    expect(text).toContain('<span class="url">javascript:alert(1)</span>');
    expect(text).not.toMatch(/href="javascript/i);
    expect(text).toContain('&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});
