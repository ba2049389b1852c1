// English mirror of vi.ts: same keys, checked by the type.
import type { Messages } from './vi';
import { core } from './en/core';
import { commandDescriptions } from './en/commands';

export const en: Messages = {
  ...core,
  commandDescriptions,
};
