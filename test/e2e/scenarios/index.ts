import type { TestContext } from 'node:test';
import type { Component } from '../components';
import type { Session } from '../session';
import { audit } from './audit';
import { diagnostics } from './diagnostics';
import { fixAllOnSave } from './fix-all-on-save';
import { pinCommit } from './pin-commit';
import { pinDigest } from './pin-digest';
import { quickFixes } from './quick-fixes';
import { settingsAndTrust } from './settings-trust';

export interface Scenario {
  name: string;
  /** Screenshot file name in test/e2e/out/. */
  slug: string;
  /** Real components beyond code-server and Chromium. */
  needs?: Component[];
  run(session: Session, t: TestContext): Promise<void>;
}

/**
 * Run in this order: the settings scenario reads the Problems panel, which holds only open files' findings
 * until the audit publishes the whole workspace's (a list longer than the panel renders).
 */
export const SCENARIOS: Scenario[] = [diagnostics, quickFixes, pinDigest, pinCommit, fixAllOnSave, settingsAndTrust, audit];
