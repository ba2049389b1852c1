// English mirror of src/i18n/vi/setup.ts.
import type { setup as vi } from '../vi/setup';

export const setup: typeof vi = {
  setupUsage: () => 'Usage: /claim <setup code>. The code is printed in the server log when Loa starts while it has no official.',
  setupDone: () => 'You are now the first official of Loa. Send /help for the commands, /console to open the console, /grant to give roles to others.',
  setupRefused: () => 'This setup code is wrong, expired or already used. Ask the server operator (command: npm run officials -- setup-code).',
  setupHasOfficial: () => 'Loa already has officials. Ask one of them to give you the role with /grant.',
};
