// /quantri (/claim): the first official with the setup code (SPEC §9).
import type { Registry } from '../commands/registry';
import { claimFirstOfficial } from '../use-cases/setup-code';

export function registerSetup(registry: Registry): void {
  registry.commands.set('quantri', (ctx, args) => claimFirstOfficial(ctx, args));
}
