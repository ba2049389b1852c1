// Wires every feature's handlers into one registry. Each feature registers itself in one line.
import { registerLateDigest } from './digest/late-digest';
import { createRegistry, type Registry } from '../commands/registry';
import { registerBasics } from './basics';
import { registerAnnouncements } from './announcements';
import { registerBriefings } from './briefings';
import { registerDigest } from './digest';
import { registerCampaigns } from './campaigns';
import { registerMembers } from './members';
import { registerConsole } from '../../console/chat';
import { registerQuestions } from './questions';
import { registerSetup } from './setup';

export function buildRegistry(): Registry {
  const registry = createRegistry();
  registerBasics(registry);
  registerDigest(registry);
  registerLateDigest(registry);
  registerCampaigns(registry);
  registerMembers(registry);
  registerAnnouncements(registry); // after basics: wraps /thoat so "cancel" also drops a preview
  registerBriefings(registry);
  registerConsole(registry);
  registerQuestions(registry);
  registerSetup(registry);
  return registry;
}
