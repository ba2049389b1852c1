// English mirror of src/i18n/vi/commands.ts.
import type { CommandName } from '../../core/commands/catalog';

export const commandDescriptions: Record<CommandName, string> = {
  batdau: 'about Loa',
  trogiup: 'commands you can use',
  dangky: 'register as a member',
  thoat: 'leave the conversation in progress',
  ngung: 'stop receiving digests and announcements',
  tieptuc: 'receive them again',
  xoa: 'delete your personal data',
  lienket: 'link your Zalo and Telegram accounts',
  ngonngu: 'change language: /language vi or /language en',
  tin: "today's digest",
  lich: 'upcoming briefings',
  baocao: 'report post links (sending links without the command works too)',
  thongke: "statistics of your or your MCN's posts",
  them: "add an article to the digest: /addarticle <link> [title]",
  thongbao: 'send an announcement (preview, then confirm): /announce <text>',
  hop: 'create a briefing: /briefing <title> | <dd/mm/yyyy hh:mm> | <place or link>',
  chiendich: 'create a campaign: /campaign <name> #hashtag | <from dd/mm/yyyy> | <to dd/mm/yyyy>',
  xuat: "export a campaign's posts as CSV: /export <#hashtag or id>",
  web: 'a sign-in link to the console (in the private chat)',
  capquyen: 'make a member an official or an MCN lead',
  duyet: 'approve a pending MCN lead: /approve <member number>; refuse: /approve no <member number>',
  dung: 'pick an article of the digest: use <number>',
  thamdu: 'attend a briefing: attend <id>',
  khongthamdu: 'decline a briefing: decline <id>',
};
