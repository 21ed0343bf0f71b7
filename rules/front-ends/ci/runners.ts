import type { RunnerLabel } from '../../types';
import type { YamlView } from '../../yaml/nodes';
import { hasExpression } from './expressions';

/**
 * The literal labels of a job's `runs-on`: a string, a list, or `group`/`labels` (the group names no image).
 * Expressions (`${{ matrix.os }}`) are unknown and left out.
 */
export function runnerLabels(view: YamlView, runsOn: unknown): RunnerLabel[] {
  const group = view.map(runsOn);
  const value = group ? view.get(group, 'labels')?.value : runsOn;
  const items = view.seq(value)?.items ?? [value];
  const labels: RunnerLabel[] = [];
  for (const item of items) {
    const scalar = view.scalar(item);
    const label = view.literal(scalar);
    const span = scalar && view.innerSpan(scalar);
    if (label === undefined || !span || hasExpression(label) || view.text.slice(span.start, span.end) !== label) continue;
    labels.push({ label, span });
  }
  return labels;
}

/** Whether the job runs on Windows, where a `run:` step's default shell is PowerShell. */
export function runsOnWindows(labels: readonly RunnerLabel[]): boolean {
  return labels.some((l) => l.label.toLowerCase().startsWith('windows'));
}
