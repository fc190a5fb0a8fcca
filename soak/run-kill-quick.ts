import { runKillCampaign } from './kill-campaign.js';
import { DIST_ENTRY } from './sim-process.js';
const r = await runKillCampaign({ entry: DIST_ENTRY, fixture: 'ibm-ts3100', snapshotFixture: 'large-library-20k', seed: 7, kills: Number(process.argv[2] ?? 5), snapshotKills: Number(process.argv[3] ?? 3), maxRunMs: 1500, progress: console.log });
console.log(r);
