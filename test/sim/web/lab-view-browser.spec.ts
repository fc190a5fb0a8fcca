/// <reference lib="dom" />
/**
 * The lab view in a real browser (Debian's headless chromium via puppeteer-core) against a simulator served over
 * iSCSI: the page's inventory equals READ ELEMENT STATUS read over iSCSI, a MOVE MEDIUM sent over iSCSI shows on
 * the page within a second, clicking "Pull magazine" makes its slots inaccessible over iSCSI, a refusal is shown
 * with the library's code, the SCSI log shows the commands decoded, and a page of another origin cannot post.
 */
import { expect } from 'chai';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'puppeteer-core';
import { ElementType, encodeMoveMediumCdb, ScsiStatus, type ElementDescriptor } from '../../../scsi/codec/index.js';
import { executeChecked } from '../../../scsi/host/execute-checked.js';
import { readElements, readInventory } from '../../../scsi/host/read-inventory.js';
import { IscsiInitiator } from '../../../scsi/transport/iscsi/initiator/iscsi-initiator.js';
import { SimulatorService } from '../../../sim/service/serve.js';
import { chromiumMissingReason, launchChromium } from '../../support/headless-chromium.js';

const LOOPBACK_0 = { host: '127.0.0.1', port: 0 };

interface PageSlot {
  address: number;
  mtx: string;
  state: string;
  tag: string;
  type: string;
}

const tagOf = (d: ElementDescriptor): string => (d.full ? (d.primaryVolumeTag?.id.replace(/[\s\0]+$/, '') ?? '') : '');

function pageSlots(page: Page): Promise<PageSlot[]> {
  return page.$$eval('.slot[data-address]', (cells) =>
    cells.map((c) => {
      const d = (c as HTMLElement).dataset;
      return {
        address: Number(d.address),
        mtx: d.mtx ?? '',
        state: d.state ?? '',
        tag: d.tag ?? '',
        type: d.type ?? '',
      };
    }),
  );
}

describe('sim/web lab view in headless chromium', function () {
  this.timeout(120_000);
  let service: SimulatorService;
  let browser: Browser;
  let page: Page;
  let initiator: IscsiInitiator;
  let webUrl: string;

  before(async function () {
    const missing = chromiumMissingReason();
    if (missing) this.skip();
    service = await SimulatorService.start({
      fixture: 'ibm-ts3100',
      timeScale: 1000,
      startReady: true,
      iscsi: { address: LOOPBACK_0 },
      web: { address: LOOPBACK_0 },
    });
    webUrl = service.endpoint('web')?.url ?? '';
    initiator = await IscsiInitiator.connect(service.endpoint('iscsi')?.url ?? '');
    browser = await launchChromium();
    page = await browser.newPage();
    await page.setViewport({ width: 1500, height: 1100 });
    await page.goto(`${webUrl}/`);
    await page.waitForSelector('.slot[data-address="4096"]', { timeout: 30_000 });
  });

  after(async () => {
    await browser?.close();
    await initiator?.close();
    await service?.close();
  });

  it("shows the inventory READ ELEMENT STATUS reports over iSCSI, with mtx's numbers", async () => {
    const inv = await readInventory(initiator);
    const slots = new Map((await pageSlots(page)).map((s) => [s.address, s]));
    const numbered = [...inv.storage, ...inv.importExport];
    expect(numbered.length).to.equal(24);
    numbered.forEach((d, i) => {
      const s = slots.get(d.address);
      expect(s, `slot ${d.address} on the page`).to.not.equal(undefined);
      expect(s?.tag, `tag of ${d.address}`).to.equal(tagOf(d));
      expect(s?.mtx, `mtx number of ${d.address}`).to.equal(String(i + 1));
      expect(s?.state === 'inaccessible', `access of ${d.address}`).to.equal(!d.access);
      if (d.full) expect(s?.state).to.equal(d.mediumType === 2 ? 'cleaning' : 'data');
      else expect(s?.state).to.equal('empty');
    });
    const drives = await page.$$eval('.drive[data-address]', (ds) =>
      ds.map((d) => ({
        address: Number((d as HTMLElement).dataset.address),
        tag: (d as HTMLElement).dataset.tag ?? '',
      })),
    );
    expect(drives).to.deep.equal(inv.drives.map((d) => ({ address: d.address, tag: tagOf(d) })));
  });

  it('shows a MOVE MEDIUM sent over iSCSI within a second, and logs it decoded', async () => {
    const inv = await readInventory(initiator);
    const from = inv.storage.find((d) => d.full && d.access && d.mediumType === 1);
    const to = inv.drives.find((d) => !d.full);
    if (!from || !to) throw new Error('the fixture needs a full slot and an empty drive');
    const tag = tagOf(from);
    const r = await executeChecked(initiator, {
      lun: 0,
      cdb: encodeMoveMediumCdb({ transportAddress: 0, sourceAddress: from.address, destinationAddress: to.address }),
      allocationLength: 0,
    });
    expect(r.status).to.equal(ScsiStatus.GOOD);
    await page.waitForFunction(
      (a: number, t: string) => document.querySelector(`.drive[data-address="${a}"]`)?.getAttribute('data-tag') === t,
      { timeout: 1000, polling: 'mutation' },
      to.address,
      tag,
    );
    const emptied = await page.$eval(`.slot[data-address="${from.address}"]`, (c) => (c as HTMLElement).dataset.state);
    expect(emptied).to.equal('empty');
    const line = `MOVE MEDIUM ${from.address} → ${to.address}`;
    await page.waitForFunction(
      (l: string) => [...document.querySelectorAll('#log-rows td')].some((td) => td.textContent === l),
      { timeout: 10_000 },
      line,
    );
  });

  it('pulls a magazine on a click: its slots are inaccessible over iSCSI and on the page', async () => {
    await page.click('button[data-op="pullMagazine"][data-magazine="right"]');
    await page.waitForSelector('#result[data-outcome="done"]', { timeout: 10_000 });
    const right = await readElements(initiator, ElementType.STORAGE, 4107, 12);
    expect(right).to.have.length(12);
    for (const d of right) expect(d.access, `ACCESS of ${d.address}`).to.equal(false);
    await page.waitForFunction(
      () => document.querySelector('.slot[data-address="4107"]')?.getAttribute('data-state') === 'inaccessible',
      { timeout: 10_000 },
    );
    const states = (await pageSlots(page)).filter((s) => s.address >= 4107 && s.address <= 4118).map((s) => s.state);
    expect(new Set(states)).to.deep.equal(new Set(['inaccessible']));
    // The same refusal the console and control API give: pulling it again.
    const again = await page.evaluate(async () => {
      const token = document.querySelector<HTMLMetaElement>('meta[name="changerbench-token"]')?.content ?? '';
      const res = await fetch('/api/pullMagazine', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Changerbench-Token': token },
        body: '{"id":"right"}',
      });
      return res.json();
    });
    expect(again).to.include({ ok: false, code: 'MAGAZINE_PULLED' });
    await page.click('button[data-op="insertMagazine"][data-magazine="right"]');
    await page.waitForSelector('#result[data-outcome="done"]', { timeout: 10_000 });
  });

  it('refuses a POST from a page of another origin (form-style and JSON with a preflight)', async () => {
    const other: Server = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<!doctype html><title>elsewhere</title>');
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const evil = await browser.newPage();
    try {
      await evil.goto(`http://127.0.0.1:${(other.address() as AddressInfo).port}/`);
      const outcome = await evil.evaluate(async (target: string) => {
        const results: string[] = [];
        try {
          await fetch(`${target}/api/pullMagazine`, {
            method: 'POST',
            mode: 'no-cors',
            headers: { 'Content-Type': 'text/plain' },
            body: '{"id":"left"}',
          });
          results.push('simple sent');
        } catch (e) {
          results.push(`simple failed ${String(e)}`);
        }
        try {
          const r = await fetch(`${target}/api/pullMagazine`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: '{"id":"left"}',
          });
          results.push(`json answered ${r.status}`);
        } catch (e) {
          results.push(`json blocked ${String(e)}`);
        }
        return results;
      }, webUrl);
      expect(outcome[1]).to.match(/^json blocked/);
      const status = await service.changer.control.status();
      expect(status.magazines.find((m) => m.id === 'left')?.present, 'the left magazine is still in').to.equal(true);
    } finally {
      await evil.close();
      other.closeAllConnections();
      await new Promise<void>((resolve) => other.close(() => resolve()));
    }
  });
});
