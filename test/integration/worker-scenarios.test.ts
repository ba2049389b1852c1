// The chat scenarios shared with the Worker's tests (test/worker/scenarios.ts), here on Node
// through the real HTTP harness; test/worker/workerd/scenarios.test.ts runs the same ones in workerd.
import { afterAll, beforeAll, describe, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness';
import { scenarios, type ScenarioDriver } from '../worker/scenarios';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

const driver: ScenarioDriver = {
  now: () => h.clock.now(),
  post: (path, body, headers) => h.post(path, body, headers),
  settle: () => h.settle(),
  tgSent: async (chatId) => h.tg.sent(chatId),
  tgMethods: async () => h.tg.calls.map((c) => c.method),
  zaloSent: async (userId) => h.zalo.sent().filter((m) => m.userId === userId),
};

describe('chat scenarios on Node', () => {
  for (const s of scenarios) it(s.name, () => s.run(driver));
});
