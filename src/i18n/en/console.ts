// English mirror of src/i18n/vi/console.ts.
import type { console as vi } from '../vi/console';

export const console: typeof vi = {
  consoleLink: (p) =>
    `Your sign-in link to the Loa console (single use, expires in ${p.minutes} minutes):\n${p.url}\n\nDo not forward it. Send /console again for a new link.`,
  consoleHome: (p) => `Console: ${p.url}`,
  consolePrivateOnly: () => 'For safety, sign-in links are only sent in your private chat with Loa. Send /console to Loa in a private chat.',
};
