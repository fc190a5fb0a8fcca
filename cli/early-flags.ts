/**
 * Process-wide V8 settings that must be made before the CLI's modules load (the process entry imports this
 * first): `sim serve` keeps a small young generation (sim/service/young-generation.ts says why).
 */
import { keepYoungGenerationSmall, servesSimulator } from '../sim/service/young-generation.js';

if (servesSimulator(process.argv.slice(2))) keepYoungGenerationSmall();
