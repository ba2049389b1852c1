// Every user-facing Vietnamese sentence (the source of truth). Each feature keeps its words in
// src/i18n/vi/<feature>.ts; they are merged here.
import { core } from './vi/core';
import { digest } from './vi/digest';
import { announcements } from './vi/announcements';
import { briefings } from './vi/briefings';
import { members } from './vi/members';
import { leads } from './vi/leads';
import { questions } from './vi/questions';
import { commandDescriptions } from './vi/commands';
import { campaigns } from './vi/campaigns';
import { console as consoleWords } from './vi/console';
import { setup } from './vi/setup';

export const vi = {
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

export type Messages = typeof vi;
