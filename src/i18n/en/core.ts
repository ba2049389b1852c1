// English mirror of src/i18n/vi/core.ts (same keys: a missing one is a type error).
import type { core as vi } from '../vi/core';

export const core: typeof vi = {
  welcome: () =>
    [
      'Hello! This is Loa 📣, the channel between the Department of Culture and Sports and content creators and MCN companies.',
      '',
      'Loa sends you a press digest every morning, the Department’s announcements and briefings, and collects the links of your posts for campaigns.',
      '',
      'To start, type /register.',
      'See the commands: /help.',
    ].join('\n'),
  helpHeader: () => 'Commands you can use (with or without the leading /):',
  helpStats: {
    creator: 'the posts you reported, per campaign',
    mcn_lead: "your MCN's posts, per campaign and per member",
    official: 'one campaign by MCN, platform and day: /stats [#hashtag or id]',
  },
  helpNotRegistered: () => 'You are not registered yet. Type /register to register and use more commands.',
  /** The one notice to a chat past 20 answered messages a minute (SPEC §4). */
  slowDown: () => 'You are sending messages too fast. Loa will not reply to you for a minute; what you send is still recorded.',
  unknownPointer: () => 'Loa did not understand. Commands: /help · Ask the office: /ask and your text.',
  unknownHint: () => 'Loa did not understand this message. Type /help to see the commands you can use. To ask the office a question or send feedback, type /ask and your text.',
  notRegistered: () => 'This command is for registered members. Type /register to register.',
  officialsOnly: () => 'Sorry, this command is for Department officials only.',
  noConversation: () => 'You have no conversation in progress.',
  conversationCancelled: () => 'Left. Nothing you typed in it was saved.',
  conversationExpired: () => 'Your previous conversation ended after 24 hours without an answer; what you typed then was not saved.',
  notAvailableYet: () => 'Sorry, this command cannot be used right now. Type /help to see the commands you can use.',
  privateOnly: ({ command, url }) => `🔒 ${command} is a private matter, so Loa does not do it in a group. Please continue in your private chat with Loa: ${url}`,
  privateOnlyNoLink: ({ command }) => `🔒 ${command} is a private matter, so Loa does not do it in a group. Please open a private chat with Loa and type ${command}.`,
  privateOnlyButton: () => 'Open a private chat with Loa',
  unusableContent: ({ what }) => `Loa cannot use ${what} at this step: please answer in text.`,
  answerInText: () => 'Type your answer, or /cancel to leave.',
  contentNames: {
    sticker: 'a sticker',
    photo: 'a photo without text',
    gif: 'a GIF',
    video: 'a video',
    voice: 'a voice message',
    audio: 'an audio file',
    file: 'a file',
    location: 'a location',
    contact: 'a contact card',
    poll: 'a poll',
    other: 'this kind of message',
  },
  somethingWentWrong: () => 'Sorry, Loa hit an error handling this message and will retry by itself. No need to send it again.',
};
