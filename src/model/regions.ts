/**
 * Where a party answers to orders (MODEL.md section 3.3): an ISO 3166-1
 * alpha-2 code in lower case (the 249 officially assigned), or one of the
 * exceptionally reserved codes uk and eu, which jurisdiction files use.
 */
import { closest } from './suggest.js';

const ASSIGNED = [
  'ad ae af ag ai al am ao aq ar as at au aw ax az ba bb bd be bf bg bh bi bj',
  'bl bm bn bo bq br bs bt bv bw by bz ca cc cd cf cg ch ci ck cl cm cn co cr',
  'cu cv cw cx cy cz de dj dk dm do dz ec ee eg eh er es et fi fj fk fm fo fr',
  'ga gb gd ge gf gg gh gi gl gm gn gp gq gr gs gt gu gw gy hk hm hn hr ht hu',
  'id ie il im in io iq ir is it je jm jo jp ke kg kh ki km kn kp kr kw ky kz',
  'la lb lc li lk lr ls lt lu lv ly ma mc md me mf mg mh mk ml mm mn mo mp mq',
  'mr ms mt mu mv mw mx my mz na nc ne nf ng ni nl no np nr nu nz om pa pe pf',
  'pg ph pk pl pm pn pr ps pt pw py qa re ro rs ru rw sa sb sc sd se sg sh si',
  'sj sk sl sm sn so sr ss st sv sx sy sz tc td tf tg th tj tk tl tm tn to tr',
  'tt tv tw tz ua ug um us uy uz va vc ve vg vi vn vu wf ws ye yt za zm zw',
].join(' ');

/** The codes a `jurisdictions` list may name. */
export const JURISDICTION_CODES: ReadonlySet<string> = new Set([...ASSIGNED.split(' '), 'uk', 'eu']);

/**
 * Assigned codes that name the same jurisdiction as a reserved one keyholder
 * uses instead: a party listing gb would never be reached by the uk file.
 */
export const PREFERRED_CODES: Readonly<Record<string, string>> = { gb: 'uk' };

/**
 * The code a malformed one most likely means (`US`, `U.S.`, `uss` and `USA`
 * mean us; `GBR` means uk), or the nearest by spelling; none if none is near.
 * Three letters whose first two are a code are read as an alpha-3 code.
 */
export function nearestCode(value: string): string | undefined {
  const lower = value.toLowerCase();
  const letters = lower.replace(/[^a-z]/g, '');
  const code = [lower, letters, /^[a-z]{3}$/.test(letters) ? letters.slice(0, 2) : ''].find((c) => JURISDICTION_CODES.has(c)) ?? closest(lower, JURISDICTION_CODES);
  return code === undefined ? undefined : (PREFERRED_CODES[code] ?? code);
}
