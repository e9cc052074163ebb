/**
 * Synthetic profiles for the benchmark: deterministic (a seeded generator),
 * with realistic sizes: 4–10 parties, each but the user answering to one to
 * three jurisdictions, 3–8 keys, 4–12 forms of data kept or passing, 0–3
 * variants each, and a few sources. Usage: node bench/generate.mjs <count> <dir>
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** mulberry32: a small, fast, seeded generator. */
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KINDS = ['provider', 'network', 'host', 'customer', 'public', 'authority'];
const PLACES = ['device', 'transit', 'server', 'backup'];
/** Where parties answer to orders: the three the bench asks about, and one it does not. */
const PLACES_OF_LAW = ['us', 'uk', 'pk', 'de'];

export function profileYaml(n, rand) {
  const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
  const pick = (xs) => xs[Math.floor(rand() * xs.length)];
  const some = (xs, lo, hi) => [...xs].sort(() => rand() - 0.5).slice(0, Math.min(xs.length, int(lo, hi)));
  const id = `synthetic-${String(n).padStart(5, '0')}`;
  const parties = ['user', ...Array.from({ length: int(3, 9) }, (_, i) => `party-${i}`)];
  const keys = Array.from({ length: int(3, 8) }, (_, i) => `key-${i}`);
  const forms = Array.from({ length: int(4, 12) }, (_, i) => `form-${i}`);
  const sources = Array.from({ length: int(1, 4) }, (_, i) => `source-${i}`);
  const out = [
    '# yaml-language-server: $schema=../../schema/profile.schema.json',
    `id: ${id}`,
    `name: Synthetic service ${n}`,
    'category: messaging',
    `as_of: 20${int(10, 25)}-0${int(1, 9)}-1${int(0, 9)}`,
    `summary: A generated profile for the benchmark, number ${n}.`,
    '',
    'kinds:',
    '  contacts: { like: metadata, name: Contacts }',
    '',
    'parties:',
  ];
  parties.forEach((p, i) => {
    out.push(`  ${p}:`, `    kind: ${i === 0 ? 'user' : i === 1 ? 'provider' : pick(KINDS)}`, `    name: Party ${i} of service ${n}`, `    sources: [${pick(sources)}]`);
    if (i > 0) out.push(`    jurisdictions: [${some(PLACES_OF_LAW, 1, 3).sort().join(', ')}]`);
    if (i === 1 && rand() < 0.5) out.push('    stance:', `      lawful-request: { position: comply, sources: [${pick(sources)}] }`);
  });
  out.push('', 'keys:');
  for (const k of keys) out.push(`  ${k}:`, `    held_by: [${some(parties, 0, 3).join(', ')}]`, `    note: Key ${k} of service ${n}.`, `    sources: [${pick(sources)}]`);
  out.push('', 'data:');
  forms.forEach((f, i) => {
    out.push(`  ${f}:`, `    kind: ${i === 0 ? 'content' : i === 1 ? 'metadata' : pick(['content', 'metadata', 'content', 'contacts', 'subscriber'])}`, `    place: ${pick(PLACES)}`);
    out.push(`    retention: ${pick(['stored', 'passing'])}`);
    out.push(`    seen_by: [${some(parties, 1, 3).join(', ')}]`);
    const enc = some(keys, 0, 2);
    if (enc.length > 0) out.push(`    encrypted_with: [${enc.join(', ')}]`);
    if (rand() < 0.2) out.push(`    contains_keys: [${pick(keys)}]`);
    out.push(`    note: Form ${f} of service ${n}.`, `    sources: [${pick(sources)}]`);
    if (rand() < 0.1) out.push('    verified: false');
  });
  const variants = int(0, 3);
  out.push('', variants === 0 ? 'variants: {}' : 'variants:');
  for (let v = 0; v < variants; v++) {
    out.push(`  setting-${v}:`, `    summary: Setting ${v} of service ${n}.`, `    sources: [${pick(sources)}]`, '    keys:', `      ${pick(keys)}:`, `        held_by: [${some(parties, 0, 2).join(', ')}]`);
    if (rand() < 0.5) out.push('    data:', `      ${pick(forms)}: null`);
  }
  out.push('', 'sources:');
  for (const s of sources) out.push(`  ${s}:`, `    title: Document ${s} about service ${n}`, `    url: https://example.org/${id}/${s}`, '    date: 2024-01-01');
  return `${out.join('\n')}\n`;
}

/** Writes `count` profiles into `dir`, the same ones every time. */
export function generate(count, dir, seed = 20261126) {
  mkdirSync(dir, { recursive: true });
  const rand = random(seed);
  for (let n = 0; n < count; n++) writeFileSync(join(dir, `synthetic-${String(n).padStart(5, '0')}.yaml`), profileYaml(n, rand));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [count, dir] = process.argv.slice(2);
  generate(Number(count), dir);
}
