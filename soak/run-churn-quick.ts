import { runChurnCampaign } from './churn-campaign.js';
import { DIST_ENTRY } from './sim-process.js';
const r = await runChurnCampaign({ entry: DIST_ENTRY, fixture: 'ibm-ts3100', seed: 3, seconds: Number(process.argv[2] ?? 30), progress: console.log });
console.log(r.counts, r.warm, r.final, r.growth, r.alive);
for (const s of r.samples) console.log(s.seconds, s.rssBytes, s.fds, s.logins, s.commands);
