import { pathToFileURL } from 'node:url';
import type { Fix, Log, ReportingDescriptor, Result } from 'sarif';
import { RULES } from '../../rules/catalogue';
import type { Range, Rule, Severity } from '../../rules/types';
import { TOOL_NAME, TOOL_VERSION } from '../project';
import { writeJsonWithItems } from './json-text';
import { SEVERITY_RANK, type FileReport, type PlacedFix, type Report, type ReportWriter } from './model';

const SRCROOT = '%SRCROOT%';
/** Versioned, as SARIF asks: a new way of computing it gets a new key. */
const FINGERPRINT_KEY = 'driftlessFindingHash/v1';

const LEVEL: Readonly<Record<Severity, Result.level>> = { error: 'error', warning: 'warning', info: 'note' };

const RESULTS_SLOT = '\u0000results';

/**
 * SARIF 2.1.0 for GitHub code scanning: every rule of the catalogue in `tool.driver.rules`, results with
 * 1-based regions (columns in UTF-16 code units, as declared) relative to %SRCROOT%, the working directory.
 * Built as files finish: a result per finding is all that is kept.
 */
export class SarifReportWriter implements ReportWriter {
  private readonly ruleIndex = new Map(RULES.map((rule, i) => [rule.id, i]));
  private readonly results: Result[] = [];

  constructor(
    private readonly cwd: string,
    private readonly write: (text: string) => void,
  ) {}

  file(file: FileReport): void {
    const artifactLocation = { uri: encodeUri(file.display), uriBaseId: SRCROOT };
    for (const { finding, fix, fingerprint } of file.findings) {
      const result: Result = {
        ruleId: finding.rule,
        level: LEVEL[finding.severity],
        message: { text: finding.message },
        locations: [{ physicalLocation: { artifactLocation, region: region(finding.range) } }],
      };
      const index = this.ruleIndex.get(finding.rule);
      if (index !== undefined) result.ruleIndex = index;
      if (fix) result.fixes = [sarifFix(fix, artifactLocation)];
      if (finding.related) {
        result.relatedLocations = finding.related.map((related, id) => ({
          id,
          message: { text: related.message },
          physicalLocation: { artifactLocation, region: region(related.range) },
        }));
      }
      if (fingerprint) result.partialFingerprints = { [FINGERPRINT_KEY]: fingerprint };
      this.results.push(result);
    }
  }

  finish(): void {
    const cwd = this.cwd;
    const log = {
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [
        {
          tool: {
            driver: {
              name: TOOL_NAME,
              version: TOOL_VERSION,
              semanticVersion: TOOL_VERSION,
              rules: RULES.map(describeRule),
            },
          },
          originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(cwd.endsWith('/') ? cwd : `${cwd}/`).href } },
          columnKind: 'utf16CodeUnits',
          results: RESULTS_SLOT,
        },
      ],
    } satisfies Omit<Log, 'runs'> & { runs: unknown[] };
    writeJsonWithItems(log, RESULTS_SLOT, this.results, this.write);
    this.write('\n');
  }
}

export function formatSarif(report: Report, cwd: string): string {
  let out = '';
  const writer = new SarifReportWriter(cwd, (text) => (out += text));
  for (const file of report.files) writer.file(file);
  writer.finish();
  return out;
}

function describeRule(rule: Rule): ReportingDescriptor {
  const severities = Object.values(rule.severity);
  const highest = severities.reduce<Severity>((a, b) => (SEVERITY_RANK[b] > SEVERITY_RANK[a] ? b : a), 'info');
  return {
    id: rule.id,
    name: rule.title,
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.summary },
    // The whole page, not a link: no URL in a report points anywhere the project does not control.
    help: { text: helpText(rule), markdown: helpText(rule) },
    defaultConfiguration: { level: LEVEL[highest] },
    properties: { tags: ['immutability', 'infrastructure'], severityPerLayer: { ...rule.severity } },
  };
}

function helpText(rule: Rule): string {
  const fix = rule.fix
    ? `Fix: ${rule.fix.needs === 'network' ? 'a registry lookup (driftless --pin)' : 'offline (driftless --fix)'}, ${rule.fix.safe ? 'safe' : 'unsafe (--unsafe-fixes)'}. ${rule.fix.why}`
    : 'Fix: by hand.';
  const suppress = `Suppress: \`# driftless-disable-next-line ${rule.id} -- reason\` above the statement, or \`${rule.id}: off\` under \`rules:\` in .driftless.yaml.`;
  return [rule.summary, rule.docs, fix, suppress].join('\n\n');
}

function region(range: Range): { startLine: number; startColumn: number; endLine: number; endColumn: number } {
  return {
    startLine: range.start.line + 1,
    startColumn: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}

function sarifFix(fix: PlacedFix, artifactLocation: { uri: string; uriBaseId: string }): Fix {
  return {
    description: { text: fix.title },
    artifactChanges: [
      {
        artifactLocation,
        replacements: fix.edits.map((edit) => ({ deletedRegion: region(edit.range), insertedContent: { text: edit.newText } })),
      },
    ],
  };
}

function encodeUri(relativePath: string): string {
  return relativePath.split('/').map(encodeURIComponent).join('/');
}
