/**
 * Conventions of the catalog that the validator does not enforce, because a
 * user's own profiles may differ (docs/model.md states the rule).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, load } from '../helpers.js';

const SERVICES = join(ROOT, 'data/services');

describe.each(readdirSync(SERVICES).filter((f) => f.endsWith('.yaml')))('%s', (file) => {
  const loaded = load(readFileSync(join(SERVICES, file), 'utf8'), `data/services/${file}`);
  const profiles = [loaded.base, ...loaded.variants.values()];

  it('lists users in the seen_by of a metadata form only where they keep it (on the device, in their own backup)', () => {
    const misplaced = profiles.flatMap((p) => {
      const users = new Set(p.parties.filter((x) => x.kind === 'user').map((x) => x.id));
      return p.forms
        .filter((f) => f.kind === 'metadata' && f.place !== 'device' && f.place !== 'backup' && f.seenBy.some((id) => users.has(id)))
        .map((f) => `${p.variant ? `${p.id}@${p.variant.name}` : p.id} ${f.id}`);
    });
    expect(misplaced).toEqual([]);
  });
});
