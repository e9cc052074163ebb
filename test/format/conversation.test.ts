/**
 * A conversation in every format, against snapshots: the participants, each
 * participant's copy named for its participant ("participant 2's backup",
 * "participant 1 (e2ee)"), ids with the participant in JSON and CSV.
 */
import { describe, expect, it } from 'vitest';
import { analyse, answer } from '../../src/engine/answer.js';
import { composeConversation } from '../../src/model/conversation.js';
import { FORMAT_NAMES, loadFormatter } from '../../src/format/registry.js';
import type { AnswersView } from '../../src/format/views.js';
import { ORDERS, load } from '../helpers.js';
import { expectRectangularTables, fixture } from './views.js';

const plain = { color: false, width: 100 };

/** `cloud-backup@e2ee+cloud-backup` and the like, answered under every built-in order (the build too). */
function conversationView(names: string[]): AnswersView {
  const loaded = load(fixture('cloud-backup'), 'test/fixtures/profiles/cloud-backup.yaml');
  const services = names.map((name) => {
    const participants = name.split('+').map((part) => {
      const variant = part.split('@')[1];
      return { profile: variant ? loaded.variants.get(variant)! : loaded.base, base: loaded.base, file: null };
    });
    const profile = composeConversation(participants).profile!;
    const analysis = analyse(profile);
    return { label: name, profile, file: null, answers: ORDERS.map((o) => answer(analysis, o)) };
  });
  return { services, orders: ORDERS, jurisdictions: [] };
}

describe.each(FORMAT_NAMES)('%s', (format) => {
  const ext = ({ json: 'json', markdown: 'md', csv: 'csv' } as Record<string, string>)[format] ?? 'txt';
  const snap = (name: string) => `__snapshots__/conversation-${format}-${name}.${ext}`;

  it('ask', async () => {
    const f = await loadFormatter(format);
    await expect(f.ask(conversationView(['cloud-backup@e2ee+cloud-backup']), plain)).toMatchFileSnapshot(snap('ask'));
  });

  it('compare: a conversation is one column', async () => {
    const f = await loadFormatter(format);
    await expect(f.compare(conversationView(['cloud-backup@e2ee+cloud-backup', 'cloud-backup@e2ee+cloud-backup@e2ee']), plain)).toMatchFileSnapshot(snap('compare'));
  });
});

describe('in words', () => {
  it('whose side a way in goes through, and each participant with its setting', async () => {
    const text = (await loadFormatter('table')).ask(conversationView(['cloud-backup@e2ee+cloud-backup']), plain);
    expect(text).toContain('participants: 1 cloud-backup@e2ee; 2 cloud-backup');
    expect(text).toContain('by design           participant 1 (e2ee), participant 2 (default), vendor');
    expect(text).toMatch(/via vendor \(complies in part\): participant 2's history, participant 2's\s+backup/);
  });

  it('a build names the participant whose key, devices or setting it targets', async () => {
    const loaded = load(fixture('chat'), 'test/fixtures/profiles/chat.yaml');
    const participants = [loaded.variants.get('locked')!, loaded.base].map((p) => ({ profile: p, base: loaded.base, file: null }));
    const profile = composeConversation(participants).profile!;
    const build = ORDERS.find((o) => o.id === 'build-order')!;
    const view: AnswersView = { services: [{ label: 'chat@locked+chat', profile, file: null, answers: [answer(analyse(profile), build)] }], orders: [build], jurisdictions: [] };
    const text = (await loadFormatter('table')).ask(view, { ...plain, width: 200 });
    expect(text).toContain("Vendor could add a ghost key to its directory of participant 2's Device key for every account: then reads participant 2's in-transit");
    expect(text).toContain("Vendor could ship changed software to participant 1 (locked) for every account: then reads participant 1's in-transit");
  });

  it('markdown tables stay rectangular', async () => {
    expectRectangularTables((await loadFormatter('markdown')).compare(conversationView(['cloud-backup@e2ee+cloud-backup']), plain));
  });
});
