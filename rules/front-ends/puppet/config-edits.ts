import type { Facts } from '../../types';
import { resourceName, type Resource } from './resources';

/** Resource types that edit part of a file on the host in place. */
const IN_PLACE_EDITS = new Set(['file_line', 'augeas']);

export function isConfigEditResource(type: string): boolean {
  return IN_PLACE_EDITS.has(type);
}

export function addConfigEditFacts(resource: Resource, text: string, facts: Facts): void {
  facts.configEdits.push({ how: resource.type, span: resourceName(resource, text) });
}
