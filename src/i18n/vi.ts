// Every user-facing Vietnamese sentence (the source of truth). Each feature keeps its words in
// src/i18n/vi/<feature>.ts; they are merged here.
import { core } from './vi/core';
import { commandDescriptions } from './vi/commands';

export const vi = {
  ...core,
  commandDescriptions,
};

export type Messages = typeof vi;
