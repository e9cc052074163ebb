/**
 * The diff as one JSON document (`schemaVersion: 2`): the two sides, the
 * orders and kinds compared, whether there is a regression, and every
 * change. `--schema-version 1` prints the v1 document.
 */
import { print, versionOf } from '../json.js';
import { changeV1 } from '../v1.js';
import type { DiffView } from '../views.js';
import type { DiffFormatter } from './registry.js';

const side = ({ label, profile, file }: DiffView['from']) => ({ label, service: profile.id, variant: profile.variant?.name ?? null, file });

export const json: DiffFormatter = (view, opts) => {
  const version = versionOf(opts);
  const ids = view.orders.map((o) => o.id);
  return print({
    schemaVersion: version,
    from: side(view.from),
    to: side(view.to),
    ...(version === 1 ? { scenarios: ids } : { orders: ids }),
    kinds: view.diff.kinds,
    regression: view.diff.regression,
    changes: version === 1 ? view.diff.changes.map(changeV1).filter((c) => c !== null) : view.diff.changes,
  });
};
