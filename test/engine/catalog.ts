/** Catalog profiles for the engine's tests, each loaded once, and conversations of them composed as the command line composes them. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeConversation } from '../../src/model/conversation.js';
import type { LoadedProfile } from '../../src/model/load.js';
import type { Profile } from '../../src/model/profile.js';
import { ROOT, load } from '../helpers.js';

const loaded = new Map<string, LoadedProfile>();

/** A catalog profile by id. */
export function catalog(id: string): LoadedProfile {
  let p = loaded.get(id);
  if (!p) loaded.set(id, (p = load(readFileSync(join(ROOT, 'data/services', `${id}.yaml`), 'utf8'), `data/services/${id}.yaml`)));
  return p;
}

/** `imessage@adp+imessage`, composed. */
export function conversation(name: string): Profile {
  const participants = name.split('+').map((part) => {
    const [id, variant] = part.split('@') as [string, string | undefined];
    const p = catalog(id);
    return { profile: variant ? p.variants.get(variant)! : p.base, base: p.base, file: null };
  });
  const c = composeConversation(participants);
  if (!c.profile) throw new Error(`${name}: ${JSON.stringify(c.problems)}`);
  return c.profile;
}
