/**
 * Issue 9, items 1 to 3: a gate that fails open is worse than no gate. A
 * policy that names a data kind that does not exist, or has no rules, is an
 * error (exit 2 from check, 1 from validate), never a pass; a variant that
 * deletes what is not there is an error; a profile citing no source at all
 * is valid, with a warning that --strict would fail it.
 */
import { describe, expect, it } from 'vitest';
import { POLICY_RULE as RULE } from '../helpers.js';
import { run, workspace } from './run.js';

describe('policy typos fail closed', () => {
  it.each([
    ['data: messages', /^policy\.yaml:6:11 unknown-data-kind: unknown data kind 'messages'; kinds here: content, metadata/m],
    ['data: contnet', /^policy\.yaml:6:11 unknown-data-kind: unknown data kind 'contnet' \(did you mean 'content'\?\)/m],
  ])('check with %s: exit 2 with file:line:col, even with --fail-on info', (typo, message) => {
    const dir = workspace({ 'policy.yaml': RULE.replace('data: content', typo) });
    const r = run(['check', '--policy', 'policy.yaml', 'bes', '--fail-on', 'info'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });

  it('a kind a profile adds is known to check when that profile is checked', () => {
    const dir = workspace({ 'policy.yaml': RULE.replace('data: content', 'data: call-media') });
    // zoom adds call-media; with it in the catalog, the rule is a real rule.
    expect(run(['check', '--policy', 'policy.yaml', 'bes'], { cwd: dir }).code).toBe(0);
  });

  it('rules: [] is an error, not a pass', () => {
    const dir = workspace({ 'policy.yaml': 'rules: []\n' });
    const r = run(['check', '--policy', 'policy.yaml', 'bes'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^policy\.yaml:1:8 empty-list: 'rules' needs at least one entry$/m);
  });

  it('validate finds both: exit 1', () => {
    const dir = workspace({ 'typo.yaml': RULE.replace('data: content', 'data: contnet'), 'empty.yaml': 'rules: []\n' });
    const r = run(['validate', 'typo.yaml', 'empty.yaml'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/typo\.yaml:6:11 unknown-data-kind/);
    expect(r.stdout).toMatch(/empty\.yaml:1:8 empty-list/);
  });
});

const MINE = `id: mine
name: Mine
parties:
  user: { kind: user }
  vendor: { kind: provider }
keys:
  k: { held_by: [user] }
data:
  chat: { kind: content, place: transit, seen_by: [vendor], encrypted_with: [k] }
  push-notifications: { kind: metadata, place: transit, seen_by: [vendor] }
variants:
  quiet:
    summary: Notifications off.
    data:
      push-notification: null
`;

describe('a variant that deletes what does not exist', () => {
  it('validate: exit 1, at the variant line, with "did you mean"', () => {
    const dir = workspace({ 'mine.yaml': MINE });
    const r = run(['validate', 'mine.yaml'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^mine\.yaml:15:7 unknown-override: variant 'quiet': deletes 'push-notification', but data in the base profile has no such entry \(did you mean 'push-notifications'\?\)/m);
  });

  it('ask: exit 2, nothing answered', () => {
    const dir = workspace({ 'mine.yaml': MINE });
    const r = run(['ask', './mine.yaml@quiet'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/unknown-override/);
  });
});

describe('a profile with no sources at all', () => {
  const bare = MINE.replace('push-notification: null', 'push-notifications: null');

  it('non-strict validate: valid, with a warning that --strict would fail it', () => {
    const dir = workspace({ 'mine.yaml': bare });
    const r = run(['validate', 'mine.yaml'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^mine\.yaml:1:5 no-sources \(warning\): this profile cites no source for any claim; validate --strict would fail it/m);
  });

  it('--strict: the claims themselves fail, without the extra warning', () => {
    const dir = workspace({ 'mine.yaml': bare });
    const r = run(['validate', '--strict', 'mine.yaml'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/uncited-claim/);
    expect(r.stdout).not.toMatch(/no-sources/);
  });
});
