/**
 * Writes the lab view screenshots in docs/ (docs/lab-view.md shows them): an IBM TS3100 simulator over iSCSI with
 * some activity (a cartridge loaded by MOVE MEDIUM, a magazine pulled, PREVENT held, a drive asking for cleaning),
 * drawn by Debian's headless chromium. Run: npx tsx scripts/lab-view-screenshots.ts
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import {
  encodeMoveMediumCdb,
  encodePreventAllowMediumRemovalCdb,
  encodeReadElementStatusCdb,
} from '../scsi/codec/index.js';
import { executeChecked } from '../scsi/host/execute-checked.js';
import { IscsiInitiator } from '../scsi/transport/iscsi/initiator/iscsi-initiator.js';
import { SimulatorService } from '../sim/service/serve.js';

const docs = join(dirname(fileURLToPath(import.meta.url)), '..', 'docs');
const loopback = { host: '127.0.0.1', port: 0 };

async function shoot(
  fixture: string,
  file: string,
  act: (initiator: IscsiInitiator, service: SimulatorService) => Promise<void>,
): Promise<void> {
  const service = await SimulatorService.start({
    fixture,
    timeScale: 1000,
    startReady: true,
    iscsi: { address: loopback },
    web: { address: loopback },
  });
  const initiator = await IscsiInitiator.connect(service.endpoint('iscsi')?.url ?? '');
  const browser = await puppeteer.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--headless'] });
  try {
    await act(initiator, service);
    const page = await browser.newPage();
    await page.setViewport({ width: 1500, height: 1000 });
    await page.goto(`${service.endpoint('web')?.url ?? ''}/`);
    await page.waitForSelector('.slot[data-address]');
    await executeChecked(initiator, {
      lun: 0,
      cdb: encodeReadElementStatusCdb({
        voltag: true,
        elementType: 2,
        startingAddress: 0,
        numberOfElements: 200,
        allocationLength: 65535,
      }),
      allocationLength: 65535,
    });
    await new Promise((resolve) => setTimeout(resolve, 800));
    await page.screenshot({ path: join(docs, file), fullPage: true });
    console.log(`wrote docs/${file}`);
  } finally {
    await browser.close();
    await initiator.close();
    await service.close();
  }
}

await shoot('ibm-ts3100', 'lab-view-ts3100.png', async (initiator, service) => {
  await executeChecked(initiator, {
    lun: 0,
    cdb: encodeMoveMediumCdb({ transportAddress: 1, sourceAddress: 4099, destinationAddress: 256 }),
    allocationLength: 0,
  });
  service.changer.control.setDriveNeedsCleaning(257, true);
  service.changer.control.pullMagazine('right');
  await executeChecked(initiator, {
    lun: 0,
    cdb: encodePreventAllowMediumRemovalCdb({ prevent: 1 }),
    allocationLength: 0,
  });
  service.changer.control.failNextMove('changer');
});
await shoot('quantum-scalar-i3', 'lab-view-scalar-i3.png', async (initiator, service) => {
  service.changer.control.openImportExport();
  service.changer.control.putIntoImportExport(16, { volumeTag: 'IMP001L8' });
  await executeChecked(initiator, {
    lun: 0,
    cdb: encodeMoveMediumCdb({ transportAddress: 1, sourceAddress: 0x1000, destinationAddress: 0x100 }),
    allocationLength: 0,
  });
});
