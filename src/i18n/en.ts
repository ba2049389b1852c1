// English mirror of vi.ts: same keys, checked by the type.
import type { Messages } from './vi';
import { core } from './en/core';
import { digest } from './en/digest';
import { announcements } from './en/announcements';
import { briefings } from './en/briefings';
import { members } from './en/members';
import { leads } from './en/leads';
import { questions } from './en/questions';
import { commandDescriptions } from './en/commands';
import { campaigns } from './en/campaigns';
import { console as consoleWords } from './en/console';
import { setup } from './en/setup';

export const en: Messages = {
  ...core,
  ...digest,
  ...announcements,
  ...briefings,
  ...members,
  ...leads,
  ...questions,
  ...campaigns,
  ...consoleWords,
  ...setup,
  commandDescriptions,
};
