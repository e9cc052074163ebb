/**
 * The report: the comparison as one self-contained HTML page, for people
 * who read a web page rather than a terminal. A table with a row per
 * service and a column per order, each cell linking to the service's
 * section: its diagram (inline SVG, from the same renderer as `graph`), the
 * ways in with what each yields, what stays sealed, stances and dated
 * sources. Filters and search run in the page itself.
 *
 * Self-contained and inert: no network, no external asset; the style and
 * the script are inline and allowed by hash in the page's Content Security
 * Policy, which allows nothing else, so even text that got past escaping
 * could run nothing. Every text from a profile is escaped; a source's
 * address is a link only where it is http(s). Byte-identical from run to
 * run: no date, no random id.
 */
import { createHash } from 'node:crypto';
import type { KindAnswer } from '../engine/answer-types.js';
import type { Profile, Source } from '../model/profile.js';
import type { Order } from '../model/vocabulary.js';
import type { GraphView } from './graph/diagram.js';
import { html } from './html.js';
import { kindLines, namer, orderLine, parties, statusNote, verdict, notesWritten, type LineOrNote } from './text.js';
import type { AnswersView, ServiceView } from './views.js';

/** Draws a service's diagram as an `<svg>` element whose ids all start with the prefix given. */
export type DrawSvg = (view: GraphView, idPrefix: string) => string;

/** The diagram a service's section holds: by design, whatever the orders. */
export function diagramOf(s: ServiceView): GraphView {
  let view = diagrams.get(s);
  if (!view) diagrams.set(s, (view = { label: s.label, profile: s.profile, order: null, answer: null }));
  return view;
}
const diagrams = new WeakMap<ServiceView, GraphView>();

/** An address as a link only where it is http(s) and printable ASCII with no quote or angle bracket; anything else is text. */
function link(url: string): string {
  return /^https?:\/\/[\x21\x23-\x3b\x3d\x3f-\x7e]+$/.test(url) ? `<a href="${html(url)}" rel="noopener noreferrer">${html(url)}</a>` : `<span class="url">${html(url)}</span>`;
}

/** An id for the page: lower case letters, digits and hyphens, from a label. */
const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'x';

/** Symbol and class beside each verdict: the words are always there too. */
const MARK: Record<string, [string, string]> = {
  readable: ['●', 'v-open'],
  'not readable': ['○', 'v-sealed'],
  'readable after a build': ['◆', 'v-open'],
  'no build yields it': ['○', 'v-sealed'],
  'no build within reach': ['○', 'v-sealed'],
  'not covered by this order': ['–', 'v-none'],
  'not modelled': ['·', 'v-none'],
};

function verdictHtml(kind: KindAnswer | undefined): string {
  const words = kind ? verdict(kind) : 'not modelled';
  const [mark, cls] = MARK[words] ?? ['·', 'v-none'];
  return `<span class="${cls}"><span class="mark" aria-hidden="true">${mark}</span> ${html(words)}</span>`;
}

/** How the report marks each line of a kind's details. */
const MARKED: Record<LineOrNote['tag'], string> = {
  build: '',
  beyond: '',
  way: '<strong>way in</strong> ',
  more: '',
  reads: '<strong>reads</strong> ',
  also: '<strong>also</strong> ',
  sealed: '<strong>sealed</strong> ',
  unreached: '<strong>not reached</strong> ',
  rest: '<strong>what is left</strong> ',
  stance: '<strong>stance</strong> ',
  unverified: '<strong>unverified</strong> ',
  note: '<strong>note</strong> ',
};

function cite(s: Source, id: string): string {
  const when = s.date ?? (s.accessed ? `accessed ${s.accessed}` : 'undated');
  const parts = [`<cite>${html(s.title)}</cite>`, s.publisher ? html(s.publisher) : null, html(when), s.url ? link(s.url) : null].filter(Boolean);
  return `<li id="${id}">${parts.join(', ')}</li>`;
}

interface Placed {
  s: ServiceView;
  id: string;
}

/** Each service's section id, unique on the page. */
function place(services: readonly ServiceView[]): Placed[] {
  const used = new Set<string>();
  return services.map((s) => {
    let id = `svc-${slug(s.label)}`;
    for (let i = 2; used.has(id); i++) id = `svc-${slug(s.label)}-${i}`;
    used.add(id);
    return { s, id };
  });
}

const jurisdictionOf = (o: Order) => o.jurisdiction ?? 'built-in';
const orderAttrs = (o: Order) => `data-order="${html(o.id)}" data-jurisdiction="${html(jurisdictionOf(o))}"`;

function searchText(p: Profile, label: string): string {
  return `${label} ${p.name}`.toLowerCase();
}

function filters(view: AnswersView, placed: readonly Placed[]): string {
  const categories = [...new Set(placed.map(({ s }) => s.profile.category ?? 'uncategorised'))].sort();
  const places = [...new Set(view.orders.map(jurisdictionOf))];
  const placeName = (id: string) => (id === 'built-in' ? 'Built-in orders' : `${view.jurisdictions.find((j) => j.id === id)?.name ?? id} (${id})`);
  const option = (value: string, label: string) => `<option value="${html(value)}">${html(label)}</option>`;
  return `<form class="filters" id="filters" role="search" aria-label="Filter the services and orders" hidden>
<div><label for="f-search">Search by name</label><input id="f-search" type="search" autocomplete="off" spellcheck="false"></div>
<div><label for="f-category">Category</label><select id="f-category">${option('', 'All categories')}${categories.map((c) => option(c, c)).join('')}</select></div>
<div><label for="f-jurisdiction">Jurisdiction</label><select id="f-jurisdiction">${option('', 'All jurisdictions')}${places.map((j) => option(j, placeName(j))).join('')}</select></div>
<div><label for="f-order">Order</label><select id="f-order">${option('', 'All orders')}${view.orders.map((o) => option(o.id, `${o.id}: ${o.name}`)).join('')}</select></div>
<p id="f-status" role="status" aria-live="polite"></p>
</form>`;
}

function grid(view: AnswersView, placed: readonly Placed[]): string {
  const head = view.orders.map((o) => `<th scope="col" ${orderAttrs(o)}>${html(o.id)}<span class="sub">${html(o.name)}</span></th>`).join('');
  const rows = placed.map(({ s, id }) => {
    const p = s.profile;
    const status = statusNote(p);
    const cells = view.orders.map((o, i) => {
      const a = s.answers[i];
      const lines = (a?.data ?? []).map((k) => `<span class="kind">${html(k.kind)}</span> ${verdictHtml(k)}`);
      return `<td ${orderAttrs(o)}><a href="#${id}--${slug(o.id)}">${lines.join('<br>')}</a></td>`;
    });
    return `<tr data-section="${id}" data-category="${html(p.category ?? 'uncategorised')}" data-search="${html(searchText(p, s.label))}"><th scope="row"><a href="#${id}">${html(p.name)}</a><span class="sub">${html(s.label)}${status ? ` · ${html(status)}` : ''}</span></th><td>${html(p.category ?? '')}</td>${cells.join('')}</tr>`;
  });
  return `<div class="scroll" role="region" aria-labelledby="grid-caption" tabindex="0">
<table id="grid">
<caption id="grid-caption">What the authority could read under each order, if every party it compels complied. Each cell links to the service's section.</caption>
<thead><tr><th scope="col">Service</th><th scope="col">Category</th>${head}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
</div>`;
}

function section(view: AnswersView, { s, id }: Placed, draw: DrawSvg): string {
  const p = s.profile;
  const n = namer(p);
  const sourceIds = new Set(p.sources.map((x) => x.id));
  const refs = (ids: readonly string[]) => {
    const known = [...new Set(ids)].filter((x) => sourceIds.has(x));
    return known.length > 0 ? ` <span class="refs">[${known.map((x) => `<a href="#${id}-src-${slug(x)}">${html(x)}</a>`).join(', ')}]</span>` : '';
  };
  const facts = [p.category, p.asOf ? `as of ${p.asOf}` : null, statusNote(p)].filter((x): x is string => Boolean(x)).map(html);
  const out = [
    `<section class="service" id="${id}" aria-labelledby="${id}-h">`,
    `<h2 id="${id}-h">${html(p.name)} <span class="sub">${html(s.label)}</span></h2>`,
    facts.length > 0 ? `<p class="facts">${facts.join(' · ')}</p>` : '',
    p.variant?.summary ? `<p>Setting: ${html(p.variant.summary)}${refs(p.variant.sources)}</p>` : '',
    p.summary ? `<p>${html(p.summary)}</p>` : '',
    `<figure class="diagram">${draw(diagramOf(s), `${id}-d`)}<figcaption>Who holds which key, which key seals which form of the data, which form carries which key, and who sees which form, by design. <code>keyholder graph ${html(s.label)} --order &lt;id&gt;</code> draws it under an order.</figcaption></figure>`,
    '<h3>By design</h3>',
    `<ul class="design">${(s.answers[0]?.data ?? [])
      .map((k) => `<li><span class="kind">${html(k.kind)}</span> ${k.modelled ? html(parties(k.byDesign, n) || 'no one') : 'not modelled'}${refs(k.sources)}</li>`)
      .join('')}</ul>`,
  ];
  view.orders.forEach((o, i) => {
    const a = s.answers[i];
    if (!a) return;
    out.push(`<section class="order" id="${id}--${slug(o.id)}" ${orderAttrs(o)} aria-labelledby="${id}--${slug(o.id)}-h">`);
    out.push(`<h3 id="${id}--${slug(o.id)}-h">${html(o.name)} <span class="sub">${html(o.id)}</span></h3>`);
    out.push('<dl>');
    // A stance's note is given once an order, under the first kind that shows it.
    const shown = new Set<string>();
    for (const k of a.data) {
      const lines = notesWritten(k, kindLines(k, n, o, view.orders), n, shown).map((l) => `${MARKED[l.tag]}${html(l.text)}${refs(l.sources)}`);
      out.push(`<dt><span class="kind">${html(k.kind)}</span> ${verdictHtml(k)}</dt><dd>${lines.length > 0 ? `<ul>${lines.map((l) => `<li>${l}</li>`).join('')}</ul>` : ''}</dd>`);
    }
    out.push('</dl>', '</section>');
  });
  if (p.sources.length > 0) {
    out.push('<h3>Sources</h3>', `<ol class="sources">${p.sources.map((x) => cite(x, `${id}-src-${slug(x.id)}`)).join('')}</ol>`);
  }
  out.push('<p class="back"><a href="#grid">Back to the comparison</a></p>', '</section>');
  return out.filter(Boolean).join('\n');
}

const LEGEND = `<section aria-labelledby="legend-h">
<h2 id="legend-h">How to read it</h2>
<p>In the table: <span class="v-open"><span class="mark" aria-hidden="true">●</span> readable</span> (the authority reads at least one form of the data, every party the order compels complying), <span class="v-open"><span class="mark" aria-hidden="true">◆</span> readable after a build</span>, <span class="v-sealed"><span class="mark" aria-hidden="true">○</span> not readable</span>, <span class="v-none"><span class="mark" aria-hidden="true">–</span> not covered by this order</span>, <span class="v-none"><span class="mark" aria-hidden="true">·</span> not modelled</span>. The answer is technical: a party's stated stance is shown beside it, never folded in.</p>
<p>In the diagrams: a rounded box is a party, a hexagon a key, a cylinder a form of the data (where it lives, whether it is kept). An arrow from a party to a key: it holds the key; from a key to a form: the key seals it; from a form to a key (dashed): whoever reads the form learns the key; from a party to a form: it sees the form.</p>
</section>`;

/** The page's style: readable from 320 px wide up, and in print. */
const STYLE = `:root{color-scheme:light;--ink:#1a1a1a;--muted:#555;--line:#c8c8c8;--open:#a3001b;--open-bg:#ffe8e8;--sealed:#1e6b3c;--sealed-bg:#e3f4e8;--focus:#1a56db}
*{box-sizing:border-box}
body{margin:0;padding:1rem;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:var(--ink);background:#fff;overflow-wrap:anywhere}
main,header{max-width:72rem;margin:0 auto}
h1{font-size:1.6rem;margin:.5rem 0}h2{font-size:1.3rem;margin:2rem 0 .5rem}h3{font-size:1.05rem;margin:1.25rem 0 .25rem}
a{color:#0b4fb3}a:focus-visible,input:focus-visible,select:focus-visible,.scroll:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem;z-index:1}
.sub{display:block;font-size:.8em;font-weight:normal;color:var(--muted)}h2 .sub,h3 .sub{display:inline}
.filters{display:flex;flex-wrap:wrap;gap:.75rem;align-items:end;margin:1rem 0;padding:.75rem;border:1px solid var(--line);border-radius:6px}
.filters[hidden]{display:none}.filters div{display:flex;flex-direction:column;min-width:0;max-width:100%}
.filters label{font-weight:600;font-size:.9rem}.filters input,.filters select{font:inherit;max-width:100%;padding:.25rem}
#f-status{margin:0;flex-basis:100%}
.scroll{overflow-x:auto;max-width:100%;border:1px solid var(--line)}
table{border-collapse:collapse;width:100%;font-size:.9rem}
caption{text-align:left;padding:.5rem;color:var(--muted)}
th,td{border:1px solid var(--line);padding:.35rem .5rem;vertical-align:top;text-align:left;min-width:9rem}
td a{display:block;color:inherit;text-decoration:none}td a:hover{text-decoration:underline}
.kind{font-variant:small-caps;color:var(--muted)}
.v-open{color:var(--open);font-weight:600}.v-sealed{color:var(--sealed);font-weight:600}.v-none{color:var(--muted)}
.mark{display:inline-block;width:1em;text-align:center}
.service{border-top:2px solid var(--ink);margin-top:2.5rem}
.diagram{margin:1rem 0;overflow-x:auto}.diagram svg{max-width:100%;height:auto}
figcaption{font-size:.85rem;color:var(--muted)}
dl{margin:0}dt{margin-top:.5rem;font-weight:600}dd{margin:0 0 0 1rem}dd ul,.design{margin:.25rem 0;padding-left:1.25rem}
.refs{font-size:.85em}.sources{font-size:.9rem}.url{color:var(--muted)}
[hidden]{display:none!important}
@media print{body{padding:0;font-size:10pt}.filters,.skip,.back{display:none}.scroll,.diagram{overflow:visible;border:0}
a{color:inherit;text-decoration:none}.sources a::after{content:" <" attr(href) ">"}
.service{break-before:page}.diagram,tr,dt{break-inside:avoid}th,td{min-width:0}}`;

/**
 * The filters and search, and arrow keys between the table's cells: the
 * page works without it, showing everything.
 */
const SCRIPT = `(function(){
var form=document.getElementById('filters');form.hidden=false;
var q=document.getElementById('f-search'),cat=document.getElementById('f-category'),jur=document.getElementById('f-jurisdiction'),ord=document.getElementById('f-order'),status=document.getElementById('f-status');
var rows=Array.prototype.slice.call(document.querySelectorAll('#grid tbody tr'));
var orderParts=Array.prototype.slice.call(document.querySelectorAll('[data-order]'));
function apply(){
var text=q.value.trim().toLowerCase(),shown=0,columns=0;
rows.forEach(function(row){
var ok=(!cat.value||row.getAttribute('data-category')===cat.value)&&(!text||row.getAttribute('data-search').indexOf(text)>=0);
row.hidden=!ok;document.getElementById(row.getAttribute('data-section')).hidden=!ok;if(ok)shown++;});
orderParts.forEach(function(el){
var ok=(!ord.value||el.getAttribute('data-order')===ord.value)&&(!jur.value||el.getAttribute('data-jurisdiction')===jur.value);
el.hidden=!ok;if(ok&&el.tagName==='TH')columns++;});
status.textContent='Showing '+shown+' of '+rows.length+' services and '+columns+' of '+document.querySelectorAll('#grid thead [data-order]').length+' orders.';}
form.addEventListener('input',apply);form.addEventListener('change',apply);
form.addEventListener('submit',function(e){e.preventDefault();});
document.getElementById('grid').addEventListener('keydown',function(e){
var cell=e.target.closest('td,th');if(!cell||!/^Arrow(Up|Down|Left|Right)$/.test(e.key))return;
var row=cell.parentElement,i=Array.prototype.indexOf.call(row.children,cell),next=null;
if(e.key==='ArrowLeft'||e.key==='ArrowRight'){var step=e.key==='ArrowLeft'?-1:1;for(var j=i+step;j>=0&&j<row.children.length;j+=step){var c=row.children[j];if(!c.hidden&&c.querySelector('a')){next=c;break;}}}
else{var r=row;do{r=e.key==='ArrowUp'?r.previousElementSibling:r.nextElementSibling;}while(r&&r.hidden);if(r)next=r.children[i];}
var a=next&&next.querySelector('a');if(a){e.preventDefault();a.focus();}});
apply();})();`;

const hash = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** The whole page. `draw` lays out each service's diagram. */
export function report(view: AnswersView, draw: DrawSvg): string {
  const placed = place(view.services);
  const csp = `default-src 'none'; style-src ${hash(STYLE)}; script-src ${hash(SCRIPT)}; img-src data:; base-uri 'none'; form-action 'none'`;
  const orders = view.orders.map((o) => `<li><strong>${html(o.id)}</strong>: ${html(orderLine(o))}</li>`).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="referrer" content="no-referrer">
<title>Who can read it: a keyholder report</title>
<style>${STYLE}</style>
</head>
<body>
<a class="skip" href="#grid">Skip to the comparison</a>
<header>
<h1>Who can read it</h1>
<p>For each service: who can read its content, metadata and subscriber data, by design and under each order; the ways in and what each yields; what stays sealed; the parties' stated stances; and the sources. Worked out by keyholder from each service's profile.</p>
</header>
<main>
<section aria-labelledby="orders-h">
<h2 id="orders-h">Orders</h2>
<ul class="orders">
${orders}
</ul>
</section>
${LEGEND}
<h2 id="compare-h">The comparison</h2>
${filters(view, placed)}
${grid(view, placed)}
${placed.map((p) => section(view, p, draw)).join('\n')}
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
