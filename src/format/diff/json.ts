/**
 * The diff as one JSON document (`schemaVersion: 1`): the two sides, the
 * scenarios and kinds compared, whether there is a regression, and every
 * change.
 */
import { SCHEMA_VERSION } from '../../engine/answer-types.js';
import { print } from '../json.js';
import type { DiffView } from '../views.js';
import type { DiffFormatter } from './registry.js';

const side = ({ label, profile, file }: DiffView['from']) => ({ label, service: profile.id, variant: profile.variant?.name ?? null, file });

export const json: DiffFormatter = (view) =>
  print({
    schemaVersion: SCHEMA_VERSION,
    from: side(view.from),
    to: side(view.to),
    scenarios: view.scenarios.map((s) => s.id),
    kinds: view.diff.kinds,
    regression: view.diff.regression,
    changes: view.diff.changes,
  });
