// English mirror of src/i18n/vi/leads.ts (same keys: a missing one is a type error).
import type { leads as vi } from '../vi/leads';

export const leads: typeof vi = {
  regMcnNeedsApproval: (p) =>
    `MCN "${p.name}" (code ${p.code}) already has a lead on Loa. You will be its lead once the current lead or a Department official approves; until then you cannot see the MCN's members or numbers.`,
  regDonePending: (p) => `Your request to lead the MCN "${p.mcn}" (code ${p.code}) is waiting for approval. Loa will tell you the outcome.`,
  regPendingSuffix: () => 'Your request to be an MCN lead is waiting for approval.',
  leadPendingNotice: (p) =>
    [
      `Member ${p.memberId} (${p.name}) registered as lead of the MCN "${p.mcn}" (code ${p.code}) and is waiting for approval.`,
      'Until approved, this person cannot see the MCN\'s members or numbers.',
      `Approve: /approve ${p.memberId}`,
      `Refuse: /approve no ${p.memberId}`,
    ].join('\n'),
  btnLeadApprove: () => 'Approve',
  btnLeadRefuse: () => 'Refuse',
  leadApprovedNotice: (p) => `Your request to lead the MCN "${p.mcn}" was approved. Type /stats to see the MCN's numbers.`,
  leadRefusedNotice: (p) =>
    `Your request to lead the MCN "${p.mcn}" was not approved. You stay a member, as an independent content creator. If this is a mistake, please contact the Department.`,
  duyetUsage: () => 'Usage: /approve <member number> to approve, /approve no <member number> to refuse. Type /approve to see who is waiting.',
  duyetListEmpty: () => 'Nobody is waiting for approval as an MCN lead.',
  duyetListHeader: () => 'Waiting for approval as MCN lead:',
  duyetListLine: (p) => `• Member ${p.memberId} (${p.name}): MCN "${p.mcn}" (code ${p.code})`,
  duyetNotFound: (p) => `Member ${p.memberId} has no MCN lead request waiting for approval.`,
  duyetNotAllowed: () => 'You can only approve leads of an MCN you lead (as an approved lead).',
  duyetApproved: (p) => `Member ${p.memberId} approved as lead of the MCN "${p.mcn}". This was written to the audit log.`,
  duyetRefused: (p) => `Refused member ${p.memberId}'s request to lead the MCN "${p.mcn}". This was written to the audit log.`,
  officialsOrLeadsOnly: () => 'This command is for Department officials and MCN leads only.',
  statsLeadPending: (p) =>
    `Your request to lead the MCN "${p.mcn}" is waiting for approval: the MCN's numbers are not shown yet. Here are your own.`,
  deletedName: () => '(deleted)',
};
