// npm run test:e2e: the packaged extension in VS Code's workbench (code-server), driven by Chromium.
// One pass/fail line per scenario, a screenshot each in test/e2e/out/, figures printed at the end.
import { after, before, describe, test, type TestContext } from 'node:test';
import { requireComponent } from '../support/requirements';
import { chromium, codeServer, isInstalled, node24, type Component } from './components';
import { Figures } from './figures';
import { SCENARIOS } from './scenarios';
import { startSession, type Session } from './session';

const ALWAYS_NEEDED = [codeServer(), node24(), chromium()];

function componentsPresent(t: TestContext, components: readonly Component[]): boolean {
  return components.every((c) => requireComponent(t, c.what, [c.probe]) !== undefined);
}

const figures = new Figures();
let session: Session | undefined;
let stopSession: (() => Promise<void>) | undefined;

describe('Driftless in VS Code (code-server + Chromium)', { concurrency: 1 }, () => {
  before(async () => {
    if (!ALWAYS_NEEDED.every(isInstalled)) return;
    const started = await startSession(figures);
    session = started.session;
    stopSession = started.stop;
  });

  after(async () => {
    await stopSession?.();
    for (const line of figures.lines()) console.log(`# figure: ${line}`);
  });

  for (const scenario of SCENARIOS) {
    test(scenario.name, async (t) => {
      if (!componentsPresent(t, [...ALWAYS_NEEDED, ...(scenario.needs ?? [])])) return;
      if (!session) throw new Error('the code-server session did not start');
      const current = session;
      try {
        await current.workbench.reset();
        await scenario.run(current, t);
      } finally {
        const shot = await current.workbench.screenshot(scenario.slug);
        t.diagnostic(`screenshot: ${shot}`);
      }
    });
  }
});
