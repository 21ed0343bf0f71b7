import type { TestContext } from 'node:test';
import type { Component } from '../components';
import type { Session } from '../session';

export interface Scenario {
  name: string;
  /** Screenshot file name in test/e2e/out/. */
  slug: string;
  /** Real components beyond code-server and Chromium. */
  needs?: Component[];
  run(session: Session, t: TestContext): Promise<void>;
}

export const SCENARIOS: Scenario[] = [];
