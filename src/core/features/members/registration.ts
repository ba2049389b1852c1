// The registration conversation (SPEC §3): full name → role → MCN → channel links → phone →
// consent → summary and confirm. The answers live in the conversation row (flow `registration`)
// until the member confirms; a wrong answer gets the reason and the same question again.
import { findMcnByCode, findMcnById, findMcnByKey, forgetDeliveredRepliesQuery, listMcns } from '../../../../db/queries/members';
import { mcnHasApprovedLead } from '../../../../db/queries/leads';
import type { HandlerContext } from '../../commands/handler-context';
import { unusableReason } from '../../commands/unusable';
import type { CallbackHandler, CommandHandler, ConversationHandler, EventHandler } from '../../commands/registry';
import type { Line, OutboundMessage } from '../../types';
import { CONSENT_VERSION, RegDataSchema, registerMember, type RegData } from '../../use-cases/register-member';
import {
  closestMcns,
  consentAnswer,
  isConfirm,
  isNoMcn,
  isSkip,
  mcnNameKey,
  parseChannelLinks,
  parseFullName,
  parseMcnName,
  parsePhone,
  parseRoleAnswer,
} from './answers';

export const REGISTRATION_FLOW = 'registration';
export const REG_PREFIX = 'reg';

export type RegStep = 'name' | 'role' | 'mcn' | 'links' | 'phone' | 'consent' | 'confirm';

/** The first question not answered yet (prefilled answers from a Zalo form count as answered). */
export function nextStep(d: RegData): RegStep {
  if (d.name === undefined) return 'name';
  if (d.role === undefined) return 'role';
  if (d.role !== 'official') {
    if (d.mcn === undefined) return 'mcn';
    if (d.links === undefined) return 'links';
  }
  if (d.phone === undefined) return 'phone';
  if (d.consentAt === undefined) return 'consent';
  return 'confirm';
}

type RegErrorKey = keyof HandlerContext['t']['regErrors'];

/** The conversation's answers; a row that no longer parses (an older shape) starts over. */
function readData(ctx: HandlerContext): RegData {
  const r = RegDataSchema.safeParse(ctx.conversation?.data ?? {});
  return r.success ? r.data : {};
}

/** New registration data: an official (from OFFICIALS) is not asked for a role, MCN or channels. */
function freshData(ctx: HandlerContext): RegData {
  return ctx.role === 'official' ? { role: 'official', mcn: null, links: [] } : {};
}

async function mcnDisplay(ctx: HandlerContext, mcn: RegData['mcn']): Promise<string | null> {
  if (!mcn) return null;
  if ('newName' in mcn) return mcn.newName;
  const row = await findMcnById(ctx.deps.db, mcn.id);
  return row ? ctx.t.mcnLabel({ name: row.name, code: row.code }) : null;
}

const cancelButton = (ctx: HandlerContext) => ({ label: ctx.t.btnCancel(), data: `${REG_PREFIX}:cancel`, reply: 'thoat' });

/** The question of a step, with its buttons (Telegram: inline; Zalo: a tap sends `reply` back as text). */
export async function question(ctx: HandlerContext, step: RegStep, d: RegData): Promise<OutboundMessage> {
  const t = ctx.t;
  const text = (s: string): Line[] => s.split('\n');
  switch (step) {
    case 'name':
      return { lines: text(t.regAskName()) };
    case 'role':
      return {
        lines: text(t.regAskRole()),
        buttons: [
          [
            { label: t.btnCreator(), data: `${REG_PREFIX}:role:1`, reply: '1' },
            { label: t.btnLead(), data: `${REG_PREFIX}:role:2`, reply: '2' },
          ],
        ],
      };
    case 'mcn':
      return d.role === 'mcn_lead'
        ? { lines: text(t.regAskMcnLead()) }
        : {
            lines: text(t.regAskMcnCreator()),
            buttons: [[{ label: t.btnIndependent(), data: `${REG_PREFIX}:mcn:none`, reply: t.wordNo() }]],
          };
    case 'links':
      return { lines: text(t.regAskLinks()) };
    case 'phone':
      // Telegram: a one-time "share my phone number" keyboard (with Skip as a keyboard button);
      // Zalo shows the Skip button as usual.
      return {
        lines: text(ctx.msg.platform === 'telegram' ? `${t.regAskPhone()}\n${t.regAskPhoneShare()}` : t.regAskPhone()),
        buttons: [[{ label: t.btnSkip(), data: `${REG_PREFIX}:phone:skip`, reply: t.wordSkip() }]],
        requestContact: { label: t.btnSharePhone() },
      };
    case 'consent':
      return {
        lines: text(t.regAskConsent({ version: CONSENT_VERSION })),
        buttons: [[{ label: t.btnAgree(), data: `${REG_PREFIX}:consent:yes`, reply: t.wordAgree() }, cancelButton(ctx)]],
      };
    case 'confirm':
      return {
        lines: text(
          t.regSummary({
            fullName: d.name ?? '',
            role: d.role ?? 'creator',
            mcn: await mcnDisplay(ctx, d.mcn),
            links: d.links ?? [],
            phone: d.phone ?? null,
          }),
        ),
        buttons: [[{ label: t.btnConfirm(), data: `${REG_PREFIX}:confirm:yes`, reply: t.wordConfirm() }, cancelButton(ctx)]],
      };
  }
}

/** Lines before a question, separated by a blank line. */
function withPrefix(prefix: string[], q: OutboundMessage): OutboundMessage {
  return prefix.length ? { ...q, lines: [...prefix.flatMap((p) => [...p.split('\n'), '']), ...q.lines] } : q;
}

async function ask(ctx: HandlerContext, step: RegStep, d: RegData, prefix: string[] = []): Promise<void> {
  ctx.reply(withPrefix(prefix, await question(ctx, step, d)));
}

/** Saves the answer and asks the next question. */
async function advance(ctx: HandlerContext, d: RegData, prefix: string[] = []): Promise<void> {
  const step = nextStep(d);
  ctx.updateConversation(step, d);
  await ask(ctx, step, d, prefix);
}

async function reask(ctx: HandlerContext, step: RegStep, d: RegData, reasons: string[]): Promise<void> {
  await ask(ctx, step, d, reasons);
}

const err = (ctx: HandlerContext, key: RegErrorKey) => ctx.t.regErrors[key];

/**
 * A registration that ends unsaved keeps nothing: the answers go with the conversation row, and
 * the texts of replies already delivered (the summary repeats name and phone) are emptied.
 */
function dropAnswers(ctx: HandlerContext): void {
  if (!ctx.member?.registeredAt) ctx.write(forgetDeliveredRepliesQuery(ctx.deps.db, ctx.identity.id));
}

/** `/dangky`: starts the conversation (or says the member is registered already). */
export const startRegistration: CommandHandler = async (ctx) => {
  if (ctx.member?.registeredAt) {
    const mcn = ctx.member.mcnId != null ? await findMcnById(ctx.deps.db, ctx.member.mcnId) : undefined;
    const already = ctx.t.regAlreadyRegistered({
      memberId: ctx.member.id,
      role: ctx.member.role,
      mcn: mcn ? ctx.t.mcnLabel({ name: mcn.name, code: mcn.code }) : null,
    });
    ctx.reply(ctx.member.mcnLeadStatus === 'pending' ? `${already}
${ctx.t.regPendingSuffix()}` : already);
    return;
  }
  if (ctx.conversation?.flow === REGISTRATION_FLOW) dropAnswers(ctx); // starting over
  const d = freshData(ctx);
  const step = nextStep(d);
  ctx.startConversation(REGISTRATION_FLOW, step, d);
  await ask(ctx, step, d, [ctx.t.regIntro()]);
};

/** One answer of the open registration conversation. */
export const registrationAnswer: ConversationHandler = async (ctx, text) => {
  if (ctx.member?.registeredAt) {
    // Registered meanwhile (e.g. linked from the other platform): nothing left to ask.
    ctx.endConversation();
    return startRegistration(ctx, '');
  }
  const d = readData(ctx);
  const step = nextStep(d);
  switch (step) {
    case 'name': {
      const r = parseFullName(text);
      if (!r.ok) return reask(ctx, step, d, [err(ctx, r.reason)]);
      return advance(ctx, { ...d, name: r.value });
    }
    case 'role': {
      const r = parseRoleAnswer(text);
      if (!r.ok) return reask(ctx, step, d, [err(ctx, r.reason)]);
      return advance(ctx, { ...d, role: r.value });
    }
    case 'mcn':
      return mcnAnswer(ctx, d, text);
    case 'links': {
      const r = parseChannelLinks(text, ctx.msg.attachmentUrls);
      if (!r.ok) {
        const reason = r.reason === 'links_rejected' ? ctx.t.regLinksRejected({ links: r.rejected ?? [] }) : err(ctx, r.reason);
        return reask(ctx, step, d, [reason]);
      }
      return advance(ctx, { ...d, links: r.value });
    }
    case 'phone': {
      if (isSkip(text)) return phoneAnswered(ctx, d, null);
      const r = parsePhone(text);
      if (!r.ok) return reask(ctx, step, d, [err(ctx, r.reason)]);
      return phoneAnswered(ctx, d, r.value);
    }
    case 'consent': {
      const answer = consentAnswer(text);
      if (answer === 'agree') return advance(ctx, { ...d, consentAt: ctx.now.getTime() });
      if (answer === 'refuse') {
        dropAnswers(ctx);
        ctx.endConversation();
        ctx.reply(ctx.t.regConsentRefused());
        return;
      }
      return reask(ctx, step, d, [err(ctx, 'consent_unclear')]);
    }
    case 'confirm': {
      if (!isConfirm(text)) return reask(ctx, step, d, [err(ctx, 'confirm_unclear')]);
      const saved = await registerMember(ctx, d);
      const done = ctx.t.regDone({
        role: saved.role,
        mcn: saved.mcn?.name ?? null,
        mcnCode: saved.mcn?.code ?? null,
        newMcn: saved.mcn?.created ?? false,
      });
      ctx.reply(saved.pendingLead && saved.mcn ? `${done}

${ctx.t.regDonePending({ mcn: saved.mcn.name, code: saved.mcn.code })}` : done);
      return;
    }
  }
};

/** The phone step is done: on Telegram its "share my phone number" keyboard goes away, then the next question. */
async function phoneAnswered(ctx: HandlerContext, d: RegData, phone: string | null): Promise<void> {
  if (ctx.msg.platform === 'telegram') {
    ctx.reply({ lines: [phone ? ctx.t.regPhoneNoted() : ctx.t.regPhoneSkipped()], removeKeyboard: true });
  }
  return advance(ctx, { ...d, phone });
}

/**
 * A message without text inside the registration (SPEC §6): at the phone step the person's own
 * shared contact is the answer, someone else's is refused; anything else gets the reason and the
 * same question again.
 */
export const registrationNonText: EventHandler = async (ctx) => {
  if (ctx.member?.registeredAt) {
    ctx.endConversation();
    return startRegistration(ctx, '');
  }
  const d = readData(ctx);
  const step = nextStep(d);
  const contact = ctx.msg.contact;
  if (step === 'phone' && contact) {
    if (contact.userId !== ctx.msg.externalUserId) return reask(ctx, step, d, [ctx.t.regContactNotYours()]);
    const r = parsePhone(contact.phone);
    if (!r.ok) return reask(ctx, step, d, [err(ctx, r.reason)]);
    return phoneAnswered(ctx, d, r.value);
  }
  return reask(ctx, step, d, [unusableReason(ctx)]);
};

async function mcnAnswer(ctx: HandlerContext, d: RegData, text: string): Promise<void> {
  const { db } = ctx.deps;
  if (d.role === 'mcn_lead') {
    if (isNoMcn(text)) return reask(ctx, 'mcn', d, [err(ctx, 'lead_needs_mcn')]);
    const r = parseMcnName(text);
    if (!r.ok) return reask(ctx, 'mcn', d, [err(ctx, r.reason)]);
    const existing = (await findMcnByKey(db, mcnNameKey(r.value))) ?? (await findMcnByCode(db, r.value.replace(/\s+/g, '')));
    if (existing) {
      const p = { name: existing.name, code: existing.code };
      const notice = (await mcnHasApprovedLead(db, existing.id)) ? ctx.t.regMcnNeedsApproval(p) : ctx.t.regMcnClaimed(p);
      return advance(ctx, { ...d, mcn: { id: existing.id } }, [notice]);
    }
    return advance(ctx, { ...d, mcn: { newName: r.value } });
  }
  if (isNoMcn(text)) return advance(ctx, { ...d, mcn: null });
  const typed = text.normalize('NFC').trim();
  const found = (await findMcnByKey(db, mcnNameKey(typed))) ?? (await findMcnByCode(db, typed.replace(/\s+/g, '')));
  if (found) return advance(ctx, { ...d, mcn: { id: found.id } });
  const suggestions = closestMcns(typed, await listMcns(db)).map((m) => ctx.t.mcnLabel({ name: m.name, code: m.code }));
  return reask(ctx, 'mcn', d, [ctx.t.regMcnUnknown({ suggestions })]);
}

/** What a button means as a typed answer, and which step it belongs to. */
const BUTTON_ANSWERS: Record<string, { step: RegStep; answer: (ctx: HandlerContext) => string }> = {
  'role:1': { step: 'role', answer: () => '1' },
  'role:2': { step: 'role', answer: () => '2' },
  'mcn:none': { step: 'mcn', answer: () => 'không' },
  'phone:skip': { step: 'phone', answer: () => 'bỏ qua' },
  'consent:yes': { step: 'consent', answer: () => 'đồng ý' },
  'confirm:yes': { step: 'confirm', answer: () => 'xác nhận' },
};

/** A registration button (Telegram callback, or Zalo data sent back as text): the same as typing the answer. */
export const registrationButton: CallbackHandler = async (ctx, data) => {
  if (ctx.conversation?.flow !== REGISTRATION_FLOW) {
    if (ctx.member?.registeredAt) return startRegistration(ctx, '');
    ctx.reply(ctx.t.regNoConversation());
    return;
  }
  if (data === 'cancel') {
    dropAnswers(ctx);
    ctx.endConversation();
    ctx.reply(ctx.t.conversationCancelled());
    return;
  }
  const d = readData(ctx);
  const step = nextStep(d);
  const b = BUTTON_ANSWERS[data];
  if (!b || b.step !== step) return reask(ctx, step, d, [ctx.t.regButtonStale()]);
  return registrationAnswer(ctx, b.answer(ctx));
};

/**
 * Zalo user_submit_info: a valid name and phone from the form prefill the registration (started
 * here if none is open); the member still answers the rest, consents and confirms in chat.
 */
export const submitInfo: EventHandler = async (ctx) => {
  if (ctx.member?.registeredAt) {
    ctx.reply(ctx.t.regSubmitInfoRegistered());
    return;
  }
  const info = ctx.msg.submittedInfo ?? {};
  const open = ctx.conversation?.flow === REGISTRATION_FLOW;
  const d: RegData = open ? readData(ctx) : freshData(ctx);
  const name = info.name ? parseFullName(info.name) : null;
  const phone = info.phone ? parsePhone(info.phone) : null;
  if (name?.ok) d.name = name.value;
  if (phone?.ok) d.phone = phone.value;
  const step = nextStep(d);
  ctx.startConversation(REGISTRATION_FLOW, step, d);
  const prefix = name?.ok || phone?.ok ? [ctx.t.regPrefilled()] : open ? [] : [ctx.t.regIntro()];
  await ask(ctx, step, d, prefix);
};
