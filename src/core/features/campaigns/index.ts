// Campaigns and post links (SPEC §3 "Post links"): /chiendich, /baocao and links sent without a
// command, /thongke, /xuat. The admin API lives in src/http/routes/api/{campaigns,posts}.ts.
import type { Registry } from '../../commands/registry';
import { campaignCommand } from './campaign-command';
import { exportCommand } from './export';
import { linkTextHandler, reportCommand } from './report-links';
import { statsCommand } from './stats';

export function registerCampaigns(registry: Registry): void {
  registry.commands.set('chiendich', campaignCommand);
  registry.commands.set('baocao', reportCommand);
  registry.commands.set('thongke', statsCommand);
  registry.commands.set('xuat', exportCommand);
  registry.textHandlers.push(linkTextHandler);
}
