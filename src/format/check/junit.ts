/**
 * JUnit XML, for CI systems that show test results: a test suite per
 * service, a test case per rule it passes, and one per finding. A finding
 * at or above `--fail-on` is a `<failure>`; one below it passes, with the
 * finding in `<system-out>`, so every finding is shown and only failing ones
 * fail. Every value is escaped, and characters XML cannot hold are made visible.
 */
import { append } from '../../model/append.js';
import { failsAt } from '../../model/severity.js';
import { visible } from '../text.js';
import type { CheckFormatter } from './registry.js';
import { breach, findingsOf, location } from './summary.js';

/**
 * Escapes text for an XML attribute or element. Tabs and line breaks stay;
 * other controls (which XML 1.0 cannot hold, or which steer a terminal)
 * become visible escapes, and lone surrogates become U+FFFD.
 */
export function xml(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.split('\t').map(visible).join('\t'))
    .join('\n')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|[\ufffe\uffff]/g, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** Escapes text for an attribute value, where a parser would turn a raw tab or line break into a space. */
const attr = (text: string): string => xml(text).replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');

export const junit: CheckFormatter = (view) => {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  for (const s of view.services) {
    const mine = findingsOf(view, s);
    const cases: string[] = [];
    let suiteFailures = 0;
    for (const rule of view.policy.rules) {
      const found = mine.filter((f) => f.rule === rule.id);
      if (found.length === 0) cases.push(`    <testcase classname="${attr(s.label)}" name="${attr(rule.id)}" time="0"/>`);
      for (const f of found) {
        const text = `${location(f)} ${f.severity} ${breach(view, f)} (${f.rule})`;
        const attrs = `classname="${attr(s.label)}" name="${attr(`${rule.id} at ${location(f)}`)}" file="${attr(f.file)}" line="${f.line}" time="0"`;
        if (failsAt(f.severity, view.failOn)) {
          suiteFailures++;
          cases.push(`    <testcase ${attrs}>`, `      <failure type="${f.severity}" message="${attr(breach(view, f))}">${xml(text)}</failure>`, '    </testcase>');
        } else {
          cases.push(`    <testcase ${attrs}>`, `      <system-out>${xml(text)}</system-out>`, '    </testcase>');
        }
      }
    }
    const count = cases.filter((c) => c.startsWith('    <testcase')).length;
    tests += count;
    failures += suiteFailures;
    append(suites, [`  <testsuite name="${attr(s.label)}" tests="${count}" failures="${suiteFailures}" errors="0" skipped="0" time="0">`, ...cases, '  </testsuite>']);
  }
  append(out, [`<testsuites name="keyholder check" tests="${tests}" failures="${failures}" errors="0" time="0">`, ...suites, '</testsuites>']);
  return `${out.join('\n')}\n`;
};
