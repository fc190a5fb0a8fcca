import { runCdbCampaign } from './cdb-campaign.js';
import { DIST_ENTRY } from './sim-process.js';
const n = Number(process.argv[2] ?? 2000);
const r = await runCdbCampaign({ entry: DIST_ENTRY, fixture: 'ibm-ts3100', seed: 1, cdbs: n, anyLengthCdbs: n / 10, libiscsiCdbs: n, longCdbs: n / 10, warmup: n / 10, progress: console.log });
console.log(r.seconds, r.memory, r.libiscsiSkipped, r.verdicts.counts);
console.log(r.verdicts.findings.length);
for (const f of r.verdicts.findings) console.log(f.lane, f.kind, f.text);
