/** Where output says a catalog profile is: for the tests of a copy of the package and of an installed one. */
import { expect } from 'vitest';

/** A policy every seed service of the catalog breaks somewhere, with a rule of each kind. */
export const CATALOG_POLICY = `rules:
  - { id: sealed, description: Sealed., severity: error, scenario: blanket-order, data: content, forbid: authority-reads }
  - { id: no-provider, description: No provider., severity: warn, scenario: by-design, data: metadata, forbid: party-reads, party_kinds: [provider] }
  - { id: sourced, description: Sourced., severity: info, scenario: by-design, data: metadata, forbid: unverified }
`;

/**
 * What each format of check, validate, list, show and ask names as the file
 * of a catalog profile, run by `keyholder` from a folder outside the package:
 * each must be `data/services/<id>.yaml` (or `data/scenarios.yaml`), and no
 * output may hold the package's own place on disk.
 */
export function expectCatalogPaths(keyholder: (args: string[]) => { status: number | null; stdout: string; stderr: string }, packageDir: string): void {
  const ok = (args: string[], status = 0) => {
    const r = keyholder(args);
    expect(r.stderr, args.join(' ')).toBe('');
    expect(r.status, args.join(' ')).toBe(status);
    expect(r.stdout, args.join(' ')).not.toContain(packageDir);
    return r.stdout;
  };
  const SERVICE = /^data\/services\/(bbm|bes|imessage)\.yaml$/;
  const check = ['check', '--policy', 'policy.yaml', 'bbm', 'bes', 'imessage', '--fail-on', 'info'];
  const json = JSON.parse(ok([...check, '--format', 'json'], 1));
  expect(json.findings.length).toBeGreaterThan(3);
  for (const file of [...json.findings, ...json.services].map((f: { file: string }) => f.file)) expect(file).toMatch(SERVICE);
  const sarif = JSON.parse(ok([...check, '--format', 'sarif'], 1));
  for (const r of sarif.runs[0].results) expect(r.locations[0].physicalLocation.artifactLocation.uri).toMatch(SERVICE);
  const github = ok([...check, '--format', 'github'], 1).split('\n').filter((l) => l.startsWith('::'));
  expect(github.length).toBe(json.findings.length);
  for (const line of github) expect(/ file=([^,]*),/.exec(line)![1]).toMatch(SERVICE);
  const junit = [...ok([...check, '--format', 'junit'], 1).matchAll(/ file="([^"]*)"/g)].map((m) => m[1]);
  expect(junit.length).toBe(json.findings.length);
  for (const file of junit) expect(file).toMatch(SERVICE);
  expect(ok([...check, '--format', 'stylish'], 1)).toMatch(/^data\/services\/bbm\.yaml$/m);
  const validated = JSON.parse(ok(['validate', '--format', 'json'])).files.map((f: { file: string }) => f.file);
  expect(validated).toContain('data/scenarios.yaml');
  expect(validated).toContain('data/services/whatsapp.yaml');
  expect(validated).toContain('data/jurisdictions/pk.yaml');
  for (const file of validated) expect(file).toMatch(/^data\/(scenarios|(services|jurisdictions)\/[a-z0-9-]+)\.yaml$/);
  // The package's own files, named by their place on disk: the same files, not duplicates of themselves.
  const own = keyholder(['validate', `${packageDir}/data`]);
  expect(own.stderr + own.stdout).toMatch(/^\d+ files checked: (\d+) valid, 0 invalid \(0 errors, 0 warnings\)\n$/);
  expect(own.status).toBe(0);
  for (const s of JSON.parse(ok(['list', '--format', 'json'])).services) expect(s.file).toBe(`data/services/${s.id}.yaml`);
  expect(JSON.parse(ok(['show', 'whatsapp', '--format', 'json'])).service.file).toBe('data/services/whatsapp.yaml');
  // An answer's \`file\` is the path a service was named by: none for an id.
  expect(JSON.parse(ok(['ask', 'whatsapp', '--format', 'json'])).answers.map((a: { file: string | null }) => a.file)).toEqual([null, null]);
}
