import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatJson } from '../../server/report/format-json';
import { formatSarif } from '../../server/report/format-sarif';
import { formatText } from '../../server/report/format-text';
import type { Report } from '../../server/report/model';
import { sarifSchemaErrors } from './sarif-schema';

/** Two files, three findings, one with a local fix, one fix applied: enough to exercise every field. */
function sampleReport(): Report {
  return {
    notices: [],
    files: [
      {
        path: '/work/app/Dockerfile',
        display: 'app/Dockerfile',
        kind: 'dockerfile',
        applied: [{ rule: 'in-place-upgrade', title: 'Remove `apt-get upgrade -y`', line: 3, column: 24 }],
        images: [],
        findings: [
          {
            finding: {
              rule: 'image-latest-tag',
              severity: 'warning',
              message: 'nginx is not pinned',
              span: { start: 5, end: 10 },
              range: { start: { line: 0, character: 5 }, end: { line: 0, character: 10 } },
            },
          },
          {
            finding: {
              rule: 'integrity-bypass',
              severity: 'error',
              message: 'curl -k skips TLS verification',
              span: { start: 40, end: 43 },
              range: { start: { line: 2, character: 9 }, end: { line: 2, character: 12 } },
            },
            fix: { title: 'Remove -k', safe: false, edits: [{ range: { start: { line: 2, character: 8 }, end: { line: 2, character: 12 } }, newText: '' }] },
          },
        ],
      },
      {
        path: '/work/my dir/Containerfile',
        display: 'my dir/Containerfile',
        kind: 'dockerfile',
        applied: [],
        images: [],
        findings: [
          {
            finding: {
              rule: 'package-unpinned',
              severity: 'info',
              message: 'curl has no version',
              span: { start: 70, end: 74 },
              range: { start: { line: 4, character: 20 }, end: { line: 4, character: 24 } },
            },
          },
        ],
      },
    ],
  };
}

test('text: one line per finding with 1-based positions, fixes first, then the summary', () => {
  assert.equal(
    formatText(sampleReport(), { color: false, quiet: false }),
    [
      'app/Dockerfile:3:24 fixed in-place-upgrade Remove `apt-get upgrade -y`',
      'app/Dockerfile:1:6 warning image-latest-tag nginx is not pinned',
      'app/Dockerfile:3:10 error integrity-bypass curl -k skips TLS verification',
      'my dir/Containerfile:5:21 info package-unpinned curl has no version',
      '3 findings (1 error, 1 warning, 1 info) in 2 files, 1 fix applied.',
      '',
    ].join('\n'),
  );
  assert.equal(formatText({ files: [], notices: [] }, { color: false, quiet: false }), 'No findings in 0 files.\n');
  assert.equal(formatText({ files: [], notices: [] }, { color: false, quiet: true }), '');
});

test('text: colours severities on a terminal', () => {
  const out = formatText(sampleReport(), { color: true, quiet: true });
  assert.match(out, /\x1b\[31merror\x1b\[39m/);
  assert.match(out, /\x1b\[33mwarning\x1b\[39m/);
  assert.match(out, /\x1b\[36minfo\x1b\[39m/);
});

test('json: the version 1 document, 1-based, files relative, fixable when a local fix exists', () => {
  assert.deepEqual(JSON.parse(formatJson(sampleReport())), {
    version: 1,
    summary: { files: 2, findings: 3, byRule: { 'image-latest-tag': 1, 'integrity-bypass': 1, 'package-unpinned': 1 } },
    findings: [
      { file: 'app/Dockerfile', kind: 'dockerfile', rule: 'image-latest-tag', severity: 'warning', message: 'nginx is not pinned', line: 1, column: 6, endLine: 1, endColumn: 11, fixable: false },
      { file: 'app/Dockerfile', kind: 'dockerfile', rule: 'integrity-bypass', severity: 'error', message: 'curl -k skips TLS verification', line: 3, column: 10, endLine: 3, endColumn: 13, fixable: true },
      { file: 'my dir/Containerfile', kind: 'dockerfile', rule: 'package-unpinned', severity: 'info', message: 'curl has no version', line: 5, column: 21, endLine: 5, endColumn: 25, fixable: false },
    ],
  });
});

test('sarif: valid against the SARIF 2.1.0 schema, with levels, regions, encoded URIs and fixes', () => {
  const log = JSON.parse(formatSarif(sampleReport(), '/work'));
  assert.deepEqual(sarifSchemaErrors(log), []);
  const run = log.runs[0];
  assert.equal(run.columnKind, 'utf16CodeUnits');
  assert.deepEqual(run.originalUriBaseIds, { '%SRCROOT%': { uri: 'file:///work/' } });
  assert.deepEqual(
    run.results.map((r: { ruleId: string; level: string }) => [r.ruleId, r.level]),
    [
      ['image-latest-tag', 'warning'],
      ['integrity-bypass', 'error'],
      ['package-unpinned', 'note'],
    ],
  );
  assert.deepEqual(run.results[2].locations[0].physicalLocation, {
    artifactLocation: { uri: 'my%20dir/Containerfile', uriBaseId: '%SRCROOT%' },
    region: { startLine: 5, startColumn: 21, endLine: 5, endColumn: 25 },
  });
  assert.deepEqual(run.results[1].fixes, [
    {
      description: { text: 'Remove -k' },
      artifactChanges: [
        {
          artifactLocation: { uri: 'app/Dockerfile', uriBaseId: '%SRCROOT%' },
          replacements: [{ deletedRegion: { startLine: 3, startColumn: 9, endLine: 3, endColumn: 13 }, insertedContent: { text: '' } }],
        },
      ],
    },
  ]);
  assert.equal(run.results[0].fixes, undefined);
});

test('sarif: the schema check catches a broken log', () => {
  const log = JSON.parse(formatSarif(sampleReport(), '/work'));
  log.runs[0].results[0].level = 'fatal';
  delete log.runs[0].tool.driver.name;
  assert.equal(sarifSchemaErrors(log).length >= 2, true);
});

test("a finding's related places: SARIF relatedLocations (schema-valid) and JSON `related`, 1-based", () => {
  const report = sampleReport();
  const grouped = report.files[1].findings[0].finding;
  grouped.related = [
    { span: { start: 70, end: 74 }, range: { start: { line: 4, character: 20 }, end: { line: 4, character: 24 } }, message: '`curl` has no version' },
    { span: { start: 75, end: 78 }, range: { start: { line: 4, character: 25 }, end: { line: 4, character: 28 } }, message: '`git` has no version' },
  ];
  const log = JSON.parse(formatSarif(report, '/work'));
  assert.deepEqual(sarifSchemaErrors(log), []);
  assert.deepEqual(log.runs[0].results[2].relatedLocations[1], {
    id: 1,
    message: { text: '`git` has no version' },
    physicalLocation: { artifactLocation: { uri: 'my%20dir/Containerfile', uriBaseId: '%SRCROOT%' }, region: { startLine: 5, startColumn: 26, endLine: 5, endColumn: 29 } },
  });
  assert.equal(log.runs[0].results[0].relatedLocations, undefined);
  const json = JSON.parse(formatJson(report));
  assert.deepEqual(json.findings[2].related[1], { message: '`git` has no version', line: 5, column: 26, endLine: 5, endColumn: 29 });
  assert.equal(json.findings[0].related, undefined);
});
