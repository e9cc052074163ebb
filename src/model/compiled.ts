/**
 * The built-in catalog as the build ships it (src/build/compile-catalog.ts
 * writes it): JSON, with every position kept, so a run that only needs the
 * catalog never parses YAML and findings still point at `file:line:col` in
 * it. Light on purpose: nothing here loads the YAML parser or the validator.
 */
import type { Pos } from './finding.js';
import type { LoadedProfile } from './load.js';
import type { Profile, Stance } from './profile.js';
import type { Jurisdiction, Order } from './vocabulary.js';

/** Bump when the shape below changes: a catalog of another version is rebuilt from YAML. */
export const COMPILED_VERSION = 5;

type ProfileJson = Omit<Profile, 'parties' | 'file'> & {
  parties: (Omit<Profile['parties'][number], 'stance'> & { stance: [string, Stance][] })[];
};

export interface CompiledProfile {
  id: string;
  idPos: Pos;
  base: ProfileJson;
  variants: [string, ProfileJson][];
}

/** A YAML file the catalog was compiled from, to notice when it changes. */
export interface SourceStamp {
  /** Relative to the package, with `/` separators. */
  file: string;
  size: number;
  mtimeMs: number;
  /** sha256 of the content. */
  hash: string;
}

export interface CatalogEntry extends SourceStamp {
  id: string;
}

export interface CatalogIndex {
  version: typeof COMPILED_VERSION;
  /**
   * Set in the tarball (`npm run package`): installing gives every file a
   * new time, so a copy is checked by names and sizes, and never read
   * through to compare contents on every run.
   */
  packaged?: true;
  ordersSource: SourceStamp;
  /** The built-in orders, in file order. */
  orders: Omit<Order, 'file'>[];
  /**
   * Every jurisdiction file, in file-name order, with its id; each
   * jurisdiction, with its instruments, is in `jurisdiction.<id>.json` (of
   * `compiledSize` bytes), read only by a run that needs it: most of the
   * index, and most of its cost, were theirs.
   */
  jurisdictions: (SourceStamp & { id: string; compiledSize: number })[];
  services: CatalogEntry[];
}

/** The compiled catalog's file of one jurisdiction: a dot, which no service id has, keeps it apart from theirs. */
export const jurisdictionFile = (id: string): string => `jurisdiction.${id}.json`;

export type CompiledJurisdiction = Omit<Jurisdiction, 'file' | 'instruments'> & { instruments: Omit<Order, 'file'>[] };

const stripFile = <T extends { file: string }>({ file: _file, ...rest }: T): Omit<T, 'file'> => rest;

export const jurisdictionToJson = (j: Jurisdiction): CompiledJurisdiction => ({ ...stripFile(j), instruments: j.instruments.map(stripFile) });
export const jurisdictionFromJson = (j: CompiledJurisdiction, file: string): Jurisdiction => ({
  ...j,
  file,
  instruments: j.instruments.map((o) => ({ ...o, file })),
});

export interface SourceFile extends SourceStamp {
  bytes: Uint8Array;
}

export const toJson = (p: Profile): ProfileJson => {
  const { file: _file, parties, ...rest } = p;
  return { ...rest, parties: parties.map((x) => ({ ...x, stance: [...x.stance] })) };
};

const fromJson = (p: ProfileJson, file: string): Profile => ({
  ...p,
  parties: p.parties.map((x) => ({ ...x, stance: new Map(x.stance) })),
  file,
});

/** A compiled profile back as the loader gives it, its findings pointing at `file`. */
export function loadCompiled(text: string, file: string): LoadedProfile {
  const c = JSON.parse(text) as CompiledProfile;
  return {
    file,
    id: c.id,
    idPos: c.idPos,
    base: fromJson(c.base, file),
    variants: new Map(c.variants.map(([name, v]) => [name, fromJson(v, file)])),
  };
}
