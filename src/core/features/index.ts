// Wires every feature's handlers into one registry. Each feature registers itself in one line.
import { createRegistry, type Registry } from '../commands/registry';
import { registerBasics } from './basics';

export function buildRegistry(): Registry {
  const registry = createRegistry();
  registerBasics(registry);
  return registry;
}
