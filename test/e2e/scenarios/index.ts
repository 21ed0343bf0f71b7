import type { TestContext } from 'node:test';
import type { Component } from '../components';
import type { Session } from '../session';
import { audit } from './audit';
import { diagnostics } from './diagnostics';
import { fixAllOnSave } from './fix-all-on-save';
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

export const SCENARIOS: Scenario[] = [diagnostics, quickFixes, pinDigest, fixAllOnSave, audit, settingsAndTrust];
