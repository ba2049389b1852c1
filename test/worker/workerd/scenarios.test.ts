// The shared Telegram and Zalo scenarios, inside workerd through the Worker's fetch handler.
import { describe, it } from 'vitest';
import { scenarios } from '../scenarios';
import { createWorkerdDriver } from './driver';

describe('chat scenarios under workerd', () => {
  const driver = createWorkerdDriver();
  for (const s of scenarios) it(s.name, () => s.run(driver));
});
