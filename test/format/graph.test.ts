/**
 * The diagrams of `graph` (issue 14): what the diagram says of a profile,
 * by design and under an order, from the answer alone; each format against
 * a snapshot for the three seeds; Graphviz reading the DOT back; the SVG
 * naming every party and key; and hostile text, which breaks out of no
 * label, string or attribute in any of the three.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse, answer } from '../../src/engine/answer.js';
import { diagram, MAX_WAYS, type GraphView } from '../../src/format/graph/diagram.js';
import { dot, dotOf } from '../../src/format/graph/dot.js';
import { mermaid, mermaidText } from '../../src/format/graph/mermaid.js';
import { GRAPH_FORMAT_NAMES, loadGraphFormatter } from '../../src/format/graph/registry.js';
import { drawAhead, svgDrawer } from '../../src/format/graph/svg.js';
import type { Profile } from '../../src/model/profile.js';
import { JURISDICTIONS, ROOT, load, order, profile as fixtureProfile } from '../helpers.js';
import { expectSafe, graphvizEscapes } from './safety.js';
import { HOSTILE_PICTURES, PICTURE_HOSTILE } from '../fixtures/hostile-pictures.js';
import { fixture } from './views.js';

const catalog = (id: string) => load(readFileSync(join(ROOT, 'data/services', `${id}.yaml`), 'utf8'), `data/services/${id}.yaml`);

/** A view of a catalog service (`id` or `id@variant`), by design or under an order. */
function view(name: string, orderId?: string): GraphView {
  const [id, variant] = name.split('@') as [string, string | undefined];
  const loaded = catalog(id);
  const profile = variant ? loaded.variants.get(variant)! : loaded.base;
  return viewOf(name, profile, orderId, loaded.base);
}

function viewOf(label: string, profile: Profile, orderId?: string, base?: Profile): GraphView {
  const o = orderId ? order(orderId) : null;
  const a = o ? answer(analyse(profile), o, { jurisdictions: JURISDICTIONS, ...(base && base !== profile ? { base } : {}) }) : null;
  return { label, profile, order: o, answer: a };
}

const node = (v: GraphView, title: string) => diagram(v).nodes.find((n) => n.title === title)!;

describe('the diagram', () => {
  it('by design: parties, keys and forms, with who holds, seals, carries and sees', () => {
    const d = diagram(view('imessage'));
    expect(d.nodes.map((n) => n.kind)).not.toContain('order');
    expect(d.nodes.every((n) => n.state === 'plain')).toBe(true);
    const relations = new Set(d.edges.map((e) => e.relation));
    expect(relations).toEqual(new Set(['holds', 'seals', 'carries', 'sees']));
    // The iCloud backup carries the key to Messages in iCloud.
    const carries = d.edges.filter((e) => e.relation === 'carries').map((e) => [d.nodes.find((n) => n.id === e.from)!.title, d.nodes.find((n) => n.id === e.to)!.title]);
    expect(carries).toEqual([['iCloud Backup', 'Messages in iCloud key']]);
  });

  it('bes under a lawful request: the enterprise compelled and a way in, its mail readable, the carrier compelled', () => {
    const v = view('bes', 'lawful-request');
    expect(node(v, 'Enterprise').state).toBe('way-in');
    expect(node(v, "Employee's BlackBerry").state).toBe('plain');
    expect(node(v, "Mail on the enterprise's server").state).toBe('readable');
    expect(node(v, 'Mail on the handset').state).toBe('plain');
    const ways = diagram(v).nodes.filter((n) => n.kind === 'way');
    expect(ways.map((w) => w.lines[0])).toEqual(['via Enterprise', 'via Enterprise + BlackBerry', 'via Enterprise + Mobile carrier', 'via BlackBerry', 'via Mobile carrier']);
    // The device key seals nothing for good here: the enterprise holds it and complies.
    expect(node(v, 'Device key').state).toBe('plain');
  });

  it('bes under a blanket order: the enterprise beyond reach, the message sealed by the device key, BlackBerry refusing', () => {
    const v = view('bes', 'blanket-order');
    expect(node(v, 'Enterprise')).toMatchObject({ state: 'beyond', lines: ['customer · beyond reach (kind)'] });
    expect(node(v, 'Message in transit')).toMatchObject({ state: 'sealed' });
    expect(node(v, 'Message in transit').lines.at(-1)).toBe('sealed: needs Device key');
    expect(node(v, 'Device key').state).toBe('withheld');
    expect(node(v, 'BlackBerry').lines[0]).toContain('refuses');
    const d = diagram(v);
    expect(d.edges.filter((e) => e.relation === 'compels').map((e) => d.nodes.find((n) => n.id === e.to)!.title)).toEqual(['BlackBerry', 'Mobile carrier']);
  });

  it('bbm under a blanket order: the public key is the authority\'s own; the carrier alone is a way in', () => {
    const v = view('bbm', 'blanket-order');
    const d = diagram(v);
    expect(d.nodes.filter((n) => n.state === 'own').map((n) => n.kind)).toEqual(['party']);
    expect(d.nodes.filter((n) => n.kind === 'way').map((w) => w.lines[0])).toContain('via Mobile carrier');
  });

  it('under a build order: each build, what it targets and what it then reads; no ways in', () => {
    const v = view('bes', 'build-order');
    const d = diagram(v);
    expect(d.nodes.filter((n) => n.kind === 'way')).toEqual([]);
    const builds = d.nodes.filter((n) => n.kind === 'build');
    expect(builds.map((b) => b.title)).toEqual(['build: changed software']);
    const from = (id: string) => d.edges.filter((e) => e.from === id).map((e) => [e.relation, d.nodes.find((n) => n.id === e.to)!.title]);
    expect(from(builds[0]!.id)).toEqual([
      ['targets', "Employee's BlackBerry"],
      ['then reads', 'Mail on the handset'],
      ['then reads', 'Message in transit'],
    ]);
    expect(node(v, 'BlackBerry').state).toBe('way-in');
    expect(node(v, 'Message in transit').lines.at(-1)).toBe('readable after a build');
  });

  it('draws at most MAX_WAYS ways in, and says how many more', () => {
    const parties = Array.from({ length: MAX_WAYS + 3 }, (_, i) => `  p${i}: { kind: provider }`).join('\n');
    const forms = Array.from({ length: MAX_WAYS + 3 }, (_, i) => `  f${i}: { kind: content, seen_by: [p${i}] }`).join('\n');
    const loaded = load(fixtureProfile(`parties:\n${parties}\nkeys: {}\ndata:\n${forms}\n`));
    const d = diagram(viewOf('many', loaded.base, 'lawful-request'));
    expect(d.nodes.filter((n) => n.kind === 'way')).toHaveLength(MAX_WAYS);
    expect(d.nodes.find((n) => n.kind === 'more')?.title).toBe('and 3 more ways in');
  });

  it('an answer naming what the profile has not: no edge drawn to nowhere', () => {
    const bes = view('bes', 'lawful-request');
    const d = diagram({ ...view('bbm'), order: bes.order, answer: bes.answer });
    const ids = new Set(d.nodes.map((x) => x.id));
    for (const e of d.edges) expect([ids.has(e.from), ids.has(e.to)], `${e.from} -> ${e.to}`).toEqual([true, true]);
    expect(d.edges.some((e) => e.relation === 'hands over')).toBe(true);
  });

  it('names come from the profile; ids are the diagram\'s own', () => {
    const d = diagram(view('bes', 'blanket-order'));
    for (const n of d.nodes) expect(n.id).toMatch(/^((party|key|form|way|build)\d+|order|more)$/);
    expect(d.nodes.map((n) => n.title)).toContain("Employee's BlackBerry");
    expect(d.title).toBe('BlackBerry Enterprise Server (bes), under Blanket order');
  });
});

const SEEDS: [string, string | undefined][] = [
  ['bes', undefined],
  ['bes', 'blanket-order'],
  ['bes', 'build-order'],
  ['imessage', undefined],
  ['imessage', 'blanket-order'],
  ['imessage', 'build-order'],
  ['bbm', undefined],
  ['bbm', 'blanket-order'],
  ['bbm', 'build-order'],
];

describe.each(['mermaid', 'dot'] as const)('%s', (format) => {
  const ext = format === 'mermaid' ? 'mmd' : 'dot';
  it.each(SEEDS)('%s under %s, against its snapshot', async (id, orderId) => {
    const draw = await loadGraphFormatter(format);
    const text = draw(view(id, orderId));
    await expect(text).toMatchFileSnapshot(`__snapshots__/graph-${id}-${orderId ?? 'by-design'}.${ext}`);
    expectSafe(format, text);
    expect(draw(view(id, orderId)), 'byte for byte the same').toBe(text);
  });
});

describe('Graphviz reads the DOT back', () => {
  it('as one node per node of the diagram, each with its label, and one edge per edge', async () => {
    const { instance } = await import('@viz-js/viz');
    const viz = await instance();
    for (const [id, orderId] of SEEDS) {
      const v = view(id, orderId);
      const d = diagram(v);
      const json = viz.renderJSON(dot(v)) as { objects: { name: string; label: string }[]; edges: unknown[] };
      expect(json.objects.map((o) => o.name)).toEqual(d.nodes.map((n) => n.id));
      expect(json.objects.map((o) => o.label)).toEqual(d.nodes.map((n) => [n.title, ...n.lines].join('\\n')));
      expect(json.edges).toHaveLength(d.edges.length);
    }
  });
});

describe('svg', () => {
  it('names every party, key and form, and keeps its promises', async () => {
    const draw = await loadGraphFormatter('svg');
    for (const [id, orderId] of SEEDS) {
      const v = view(id, orderId);
      const text = draw(v);
      expectSafe('svg', text);
      const shown = text.replace(/<[^>]*>/g, '\n').replace(/&#39;/g, "'").replace(/&amp;/g, '&').replace(/&#45;/g, '-');
      for (const p of v.profile.parties) expect(shown).toContain(p.name ?? p.id);
      for (const k of v.profile.keys) expect(shown).toContain(k.name ?? k.id);
      for (const f of v.profile.forms) expect(shown).toContain(f.name ?? f.id);
      expect(text).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<svg role="img" aria-labelledby="keyholder-title"/);
    }
  });

  it('is the same drawn ahead as drawn as it comes, with the ids asked for', async () => {
    const views = SEEDS.map(([id, orderId]) => view(id, orderId));
    const ahead = new Map(await drawAhead(views));
    const fresh = await svgDrawer();
    const stored = await svgDrawer(ahead, views);
    for (const v of views) {
      expect(stored.element(v, 'svc-x-d')).toBe(fresh.element(v, 'svc-x-d'));
      expect(stored.element(v, 'svc-x-d')).not.toMatch(/id="(?!svc-x-d)/);
    }
  });

  it('drawn only ahead, a view it was not told of is an error, not a silent gap', async () => {
    const drawer = await svgDrawer(new Map(), []);
    expect(() => drawer.element(view('bes'), 'x')).toThrow(/no diagram drawn ahead for bes/);
  });
});

describe('hostile text', () => {
  it('breaks out of no Mermaid label, DOT string or SVG text, by design or under any order', async () => {
    const formats = await Promise.all(GRAPH_FORMAT_NAMES.map(async (f) => [f, await loadGraphFormatter(f)] as const));
    const fixed = load(fixture('hostile')).base;
    const profiles = [fixed, ...HOSTILE_PICTURES.map((yaml) => load(yaml).base)];
    for (const p of profiles) {
      for (const orderId of [undefined, 'lawful-request', 'blanket-order', 'build-order']) {
        const v = viewOf('hostile', p, orderId);
        for (const [format, draw] of formats) expectSafe(format, draw(v));
      }
    }
  });

  it('Graphviz lays the hostile DOT out with just the diagram\'s nodes, each label as written', async () => {
    const { instance } = await import('@viz-js/viz');
    const viz = await instance();
    for (const yaml of HOSTILE_PICTURES.slice(0, PICTURE_HOSTILE.length)) {
      const v = viewOf('hostile', load(yaml).base, 'blanket-order');
      const d = diagram(v);
      const json = viz.renderJSON(dotOf(d)) as { objects: { name: string; label: string }[] };
      expect(json.objects.map((o) => o.name)).toEqual(d.nodes.map((n) => n.id));
      // Graphviz keeps the label's escapes as written: ours, and no other.
      for (const o of json.objects) expect(graphvizEscapes(o.label)).toEqual([]);
    }
  });

  it('Mermaid labels say the text, with what Mermaid would read written as entity codes', () => {
    expect(mermaidText('a "quoted" #1 <b> & `code` 100%')).toBe('a #34;quoted#34; #35;1 #60;b#62; #38; #96;code#96; 100#37;');
    expect(mermaidText('two\nlines\u202e')).toBe('two lines\\u{202e}');
    expect(mermaidText('ﬂ°°60¶ß')).toBe('fl°°60#182;ß');
  });
});
