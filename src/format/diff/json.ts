/**
 * The diff as one JSON document (`schemaVersion: 2`): the two sides, the
 * orders and kinds compared, whether there is a regression, and every
 * change. `--schema-version 1` prints the v1 document.
 */
import { participantsOf } from '../../model/conversation.js';
import { print, versionOf } from '../json.js';
import { changeV1 } from '../v1.js';
import type { DiffView } from '../views.js';
import type { DiffFormatter } from './registry.js';

const side = ({ label, profile, file }: DiffView['from'], version: 1 | 2) => {
  // A conversation's participants, as an answer lists them; v1 had no conversations.
  const participants = version === 2 ? participantsOf(profile) : null;
  return { label, service: profile.id, variant: profile.variant?.name ?? null, file, ...(participants ? { participants } : {}) };
};

export const json: DiffFormatter = (view, opts) => {
  const version = versionOf(opts);
  const ids = view.orders.map((o) => o.id);
  return print({
    schemaVersion: version,
    from: side(view.from, version),
    to: side(view.to, version),
    ...(version === 1 ? { scenarios: ids } : { orders: ids }),
    kinds: view.diff.kinds,
    regression: view.diff.regression,
    changes: version === 1 ? view.diff.changes.map(changeV1).filter((c) => c !== null) : view.diff.changes,
  });
};
