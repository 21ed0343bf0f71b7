// An audit's findings a page at a time (`driftless/auditFindings`): no vscode imports, so the benchmarks and
// tests page as the extension does.
import type { AuditFinding, AuditFindingsParams, AuditResult } from '../server/protocol';

/** Findings per answer: the server holds no more than a page of them in its outgoing message. */
export const FINDINGS_PAGE = 2000;

/** The audit answered with its first page of findings, completed with the others, fetched page by page. */
export async function withAllFindings(result: AuditResult, fetchPage: (params: AuditFindingsParams) => Promise<AuditFinding[]>): Promise<AuditResult> {
  const { auditId } = result;
  if (auditId === undefined || result.findingList.length >= result.findings) return result;
  const findingList = [...result.findingList];
  while (findingList.length < result.findings) {
    const page = await fetchPage({ auditId, offset: findingList.length, limit: FINDINGS_PAGE });
    if (page.length === 0) throw new Error(`The audit's findings ended at ${findingList.length} of ${result.findings}.`);
    findingList.push(...page);
  }
  return { ...result, findingList };
}
