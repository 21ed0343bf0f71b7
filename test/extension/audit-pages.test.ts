import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FINDINGS_PAGE, withAllFindings } from '../../client/audit-pages';
import type { AuditFinding, AuditFindingsParams, AuditResult } from '../../server/protocol';

const finding = (line: number): AuditFinding => ({
  uri: 'file:///w/Dockerfile',
  path: 'Dockerfile',
  kind: 'dockerfile',
  rule: 'image-latest-tag',
  severity: 'error',
  message: 'm',
  line,
  character: 0,
  endLine: line,
  endCharacter: 4,
});

const ALL = [0, 1, 2, 3, 4].map(finding);
const result = (listed: number): AuditResult => ({
  files: 1,
  examined: 1,
  unclassified: 0,
  unread: 0,
  findings: ALL.length,
  byRule: { 'image-latest-tag': ALL.length },
  byKind: { dockerfile: ALL.length },
  filesByKind: { dockerfile: 1 },
  findingList: ALL.slice(0, listed),
  images: [],
  skipped: [],
  durationMs: 1,
  auditId: 7,
});

test('the findings past the first answer are fetched in order, from where the list ends, until there are all', async () => {
  const asked: AuditFindingsParams[] = [];
  // A server answering less than asked: the pages go on from where the list ends.
  const paged = await withAllFindings(result(2), async (params) => {
    asked.push(params);
    return ALL.slice(params.offset, params.offset + 2);
  });
  assert.deepEqual(paged.findingList, ALL);
  assert.deepEqual(asked, [
    { auditId: 7, offset: 2, limit: FINDINGS_PAGE },
    { auditId: 7, offset: 4, limit: FINDINGS_PAGE },
  ]);
});

test('a complete first answer fetches nothing', async () => {
  const complete = result(ALL.length);
  assert.equal(await withAllFindings(complete, () => assert.fail('no page is fetched')), complete);
});

test('a server that runs out of findings early is an error naming how far the list got, not an endless loop', async () => {
  await assert.rejects(withAllFindings(result(2), async () => []), { message: "The audit's findings ended at 2 of 5." });
});
