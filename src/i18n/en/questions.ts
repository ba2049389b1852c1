// English mirror of src/i18n/vi/questions.ts.
import type { questions as vi } from '../vi/questions';

export const questions: typeof vi = {
  askPrompt: () => 'Please type your question or feedback for the office in your next message (type /cancel to stop).',
  askEmpty: () => 'The question is empty. Please type your question or feedback (type /cancel to stop).',
  askTooLong: (p) => `The question is longer than ${p.max} characters. Please send it shorter, or in several /ask messages.`,
  askReceived: (p) =>
    `Loa received your question number ${p.id} and passed it to the office. The answer will come to this chat. To add something, type /ask and your text.`,
  askAdded: (p) => `Loa added your message to question number ${p.id} (waiting for the office's answer).`,
  questionNotice: (p) =>
    [
      `📨 ${p.open} question(s) waiting for an answer; the oldest has waited ${p.oldest}.`,
      'Answer: /answer <number> <text>, or on the console\'s Questions page (/console).',
    ].join('\n'),
  ageMinutes: (p) => (p.n < 1 ? "a few seconds" : `${p.n} min`),
  ageHours: (p) => `${p.n} h`,
  ageDays: (p) => `${p.n} days`,
  answerToAsker: (p) => `💬 The office answers your question number ${p.id}:\n\n${p.text}`,
  traloiUsage: () => 'Usage: /answer <question number> <answer text>, e.g. /answer 12 You may use this footage.',
  traloiSent: (p) => `The answer to question number ${p.id} was sent.`,
  traloiNotFound: (p) => `There is no question number ${p.id}.`,
  traloiClosed: (p) => `Question number ${p.id} is closed.`,
  traloiGone: (p) => `The person who asked question number ${p.id} deleted their data: the answer cannot be sent.`,
  traloiZaloWindow: (p) =>
    `The answer to question number ${p.id} cannot be sent: the person uses Zalo and has not written to Loa for more than 7 days, so Zalo does not allow a consultation message. The answer was not sent.`,
};
