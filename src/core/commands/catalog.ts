// The chat commands of SPEC §3: Vietnamese name, aliases (Vietnamese and English), who may use
// them, and whether they take arguments. Aliases are written folded (no diacritics, no spaces).

/** `lead`: officials and MCN leads (a use-case narrows it further, e.g. to the lead's own MCN). */
export type Audience = 'anyone' | 'member' | 'official' | 'lead';

export interface CommandSpec {
  name: string;
  /** The English command name, shown to members who chose English. */
  en: string;
  aliases: readonly string[];
  audience: Audience;
  /** Commands with arguments also match without `/` only when arguments follow. */
  takesArgs: boolean;
  /** A command that takes arguments still matches without `/` and without arguments ("lien ket"). */
  bareAlone?: boolean;
  /** Replies such as `dung 2` that are not listed by /trogiup. */
  hidden?: boolean;
  /**
   * Asks questions or shows personal data: never carried out in a group (SPEC §6). A group gets
   * a pointer to the private chat (Telegram: `https://t.me/<bot>?start=<name>`, which starts it).
   */
  privateOnly?: boolean;
}

export const COMMANDS = [
  { name: 'batdau', en: 'start', aliases: ['batdau', 'start', 'begin'], audience: 'anyone', takesArgs: false },
  { name: 'trogiup', en: 'help', aliases: ['trogiup', 'help', 'huongdan'], audience: 'anyone', takesArgs: false },
  { name: 'dangky', en: 'register', aliases: ['dangky', 'register', 'signup'], audience: 'anyone', takesArgs: false, privateOnly: true },
  { name: 'thoat', en: 'cancel', aliases: ['thoat', 'cancel', 'exit'], audience: 'anyone', takesArgs: false },
  // `/ngung nhac` / `/tieptuc nhac`: Zalo renewal reminders off / on (SPEC §4).
  { name: 'ngung', en: 'stop', aliases: ['ngung', 'stop', 'tamngung'], audience: 'member', takesArgs: true, bareAlone: true },
  { name: 'tieptuc', en: 'resume', aliases: ['tieptuc', 'resume'], audience: 'member', takesArgs: true, bareAlone: true },
  { name: 'xoa', en: 'delete', aliases: ['xoa', 'delete', 'xoadulieu'], audience: 'member', takesArgs: false, privateOnly: true },
  { name: 'lienket', en: 'link', aliases: ['lienket', 'link'], audience: 'anyone', takesArgs: true, bareAlone: true, privateOnly: true },
  { name: 'ngonngu', en: 'language', aliases: ['ngonngu', 'language', 'lang'], audience: 'anyone', takesArgs: true, bareAlone: true },
  { name: 'tin', en: 'news', aliases: ['tin', 'news', 'diemtin'], audience: 'member', takesArgs: false },
  { name: 'lich', en: 'briefings', aliases: ['lich', 'briefings', 'lichhop'], audience: 'member', takesArgs: false },
  { name: 'baocao', en: 'report', aliases: ['baocao', 'report'], audience: 'member', takesArgs: true, bareAlone: true },
  { name: 'thongke', en: 'stats', aliases: ['thongke', 'stats'], audience: 'member', takesArgs: true, bareAlone: true, privateOnly: true },
  { name: 'them', en: 'addarticle', aliases: ['them', 'addarticle', 'thembai'], audience: 'official', takesArgs: true },
  { name: 'guitin', en: 'senddigest', aliases: ['guitin', 'senddigest', 'guidiemtin'], audience: 'official', takesArgs: false, privateOnly: true },
  { name: 'thongbao', en: 'announce', aliases: ['thongbao', 'announce'], audience: 'official', takesArgs: true, privateOnly: true },
  { name: 'hop', en: 'briefing', aliases: ['hop', 'briefing', 'hopbao'], audience: 'official', takesArgs: true, privateOnly: true },
  { name: 'chiendich', en: 'campaign', aliases: ['chiendich', 'campaign'], audience: 'official', takesArgs: true },
  { name: 'xuat', en: 'export', aliases: ['xuat', 'export'], audience: 'official', takesArgs: true, privateOnly: true },
  { name: 'web', en: 'console', aliases: ['web', 'console'], audience: 'official', takesArgs: false, privateOnly: true },
  { name: 'capquyen', en: 'grant', aliases: ['capquyen', 'grant'], audience: 'official', takesArgs: true, privateOnly: true },
  { name: 'hoi', en: 'ask', aliases: ['hoi', 'ask', 'hoidap', 'gopy'], audience: 'anyone', takesArgs: true, bareAlone: true, privateOnly: true },
  { name: 'traloi', en: 'answer', aliases: ['traloi', 'answer'], audience: 'official', takesArgs: true, privateOnly: true },
  { name: 'quantri', en: 'claim', aliases: ['quantri', 'claim'], audience: 'anyone', takesArgs: true, hidden: true, privateOnly: true },
  { name: 'duyet', en: 'approve', aliases: ['duyet', 'approve'], audience: 'lead', takesArgs: true, bareAlone: true, privateOnly: true },
  { name: 'nhantiep', en: 'keep', aliases: ['nhantiep', 'nhantiepdiemtin', 'keep', 'keepthedigest'], audience: 'member', takesArgs: false, hidden: true },
  { name: 'dung', en: 'use', aliases: ['dung', 'use', 'dungbai'], audience: 'member', takesArgs: true, hidden: true },
  { name: 'thamdu', en: 'attend', aliases: ['thamdu', 'attend', 'rsvp'], audience: 'member', takesArgs: true, hidden: true },
  { name: 'khongthamdu', en: 'decline', aliases: ['khongthamdu', 'khong', 'decline'], audience: 'member', takesArgs: true, hidden: true },
] as const satisfies readonly CommandSpec[];

export type CommandName = (typeof COMMANDS)[number]['name'];

export const COMMAND_BY_NAME: ReadonlyMap<CommandName, CommandSpec> = new Map(COMMANDS.map((c) => [c.name, c]));
