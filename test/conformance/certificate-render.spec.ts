/**
 * The certificate page in a real browser: Debian's headless Chromium (/usr/bin/chromium, driven by puppeteer-core,
 * no browser download) opens certificate.html from the file system, fetches nothing else (no network, no
 * external asset), shows the identity and the verdicts, and fits a printed A4 page: laid out at A4's printable
 * width (210 mm less 15 mm margins each side) no element is wider, the verdict, digest and device identity are on
 * the first page, and page.pdf({ format: 'A4' }) prints it. Also the Allure report `changerbench report` builds
 * (single-file mode): it opens from file://, its overview shows the run's environment, and it fetches nothing. With UPDATE_SCREENSHOTS=1 it saves the first page to
 * docs/certificate-first-page.png. Skips where Chromium is missing (scripts/setup.sh installs it).
 * Spec: conformance/report/certificate-html.ts; issue 11 "Look at it".
 */
import { expect } from 'chai';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer, { type Browser } from 'puppeteer-core';
import yargs from 'yargs';
import { registerConformanceCommands, type ConformanceCommandIo } from '../../conformance/cli.js';
import { buildAllureReport, ReportError } from '../../conformance/harness/reporting/allure-report.js';
import type { Certificate } from '../../conformance/report/certificate.js';

const CHROMIUM = '/usr/bin/chromium';
/** CSS pixels per millimetre (96 per inch). */
const PX_PER_MM = 96 / 25.4;
const A4 = {
  width: 210 * PX_PER_MM,
  height: 297 * PX_PER_MM,
  printableWidth: 180 * PX_PER_MM,
  printableHeight: 267 * PX_PER_MM,
};

describe('the certificate in headless Chromium', function () {
  this.timeout(300_000);
  let dir: string;
  let browser: Browser | undefined;
  let html: string;
  let cert: Certificate;

  before(async function () {
    if (!existsSync(CHROMIUM)) {
      console.log(`      skipped: no ${CHROMIUM} (apt-get install chromium; scripts/setup.sh does)`);
      this.skip();
    }
    dir = mkdtempSync(join(tmpdir(), 'cb-render-'));
    const io: ConformanceCommandIo = { out: () => undefined, err: () => undefined, exitCode: 0 };
    await registerConformanceCommands(
      yargs(['conformance', 'run', '--target', 'sim:ibm-ts3100', '--reports', dir, '--certificate'])
        .exitProcess(false)
        .strict(),
      io,
    ).parseAsync();
    expect(io.exitCode).to.equal(0);
    html = join(dir, 'certificate.html');
    cert = JSON.parse(readFileSync(join(dir, 'certificate.json'), 'utf8')) as Certificate;
    browser = await puppeteer.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu'],
      timeout: 120_000,
      protocolTimeout: 240_000,
    });
  });

  after(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('opens from file:// fetching nothing else, and shows the identity and the verdicts', async () => {
    if (!browser) throw new Error('no browser');
    const page = await browser.newPage();
    const fetched: string[] = [];
    await page.setRequestInterception(true);
    page.on('request', (r) => {
      if (r.url() !== pathToFileURL(html).href) fetched.push(r.url());
      void (r.url() === pathToFileURL(html).href ? r.continue() : r.abort());
    });
    await page.goto(pathToFileURL(html).href, { waitUntil: 'load', timeout: 120_000 });
    expect(fetched).to.deep.equal([]);
    const text = (await page.evaluate('document.body.innerText')) as string;
    const device = cert.body.devices[0]?.device;
    if (!device || 'error' in device) throw new Error('no device identity');
    for (const fact of [
      device.vendor,
      device.product,
      device.revision,
      device.serial.ok ? device.serial.value : 'x',
      cert.digest.value,
      cert.body.provenance.tool.commit,
    ])
      expect(text).to.contain(fact);
    const t = cert.body.totals;
    expect(text).to.contain(`CONFORMS (${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped)`);
    const cells = (await page.evaluate(
      `[...document.querySelectorAll('.matrix td.c')].map((td) => td.textContent)`,
    )) as string[];
    expect(cells.filter((c) => c === 'pass').length).to.equal(t.passed);
    expect(cells.filter((c) => c === 'skip').length).to.equal(t.skipped);
    await page.close();
  });

  it('the Allure report (`changerbench report`, single-file mode) opens from file:// with the identity on its overview, fetching nothing', async function () {
    if (!browser) throw new Error('no browser');
    let line = '';
    try {
      line = buildAllureReport({ reportsDir: dir });
    } catch (e) {
      if (!(e instanceof ReportError)) throw e;
      console.log(`      skipped: ${e.message}`);
      this.skip();
    }
    expect(line).to.contain('one self-contained file');
    const index = join(dir, 'allure', 'index.html');
    expect(readdirSync(join(dir, 'allure'))).to.deep.equal(['index.html']);
    const page = await browser.newPage();
    const fetched: string[] = [];
    await page.setRequestInterception(true);
    page.on('request', (r) => {
      const local = r.url().startsWith('file:') || r.url().startsWith('data:');
      if (!local) fetched.push(r.url());
      void (local ? r.continue() : r.abort());
    });
    await page.goto(pathToFileURL(index).href, { waitUntil: 'load', timeout: 120_000 });
    await page.waitForFunction(`document.body.innerText.includes('run.configHash')`, { timeout: 120_000 });
    const text = (await page.evaluate('document.body.innerText')) as string;
    expect(text).to.not.contain('Failed to fetch');
    expect(text).to.contain('Environment');
    expect(text).to.contain(cert.body.provenance.runId);
    expect(text).to.contain(`${cert.body.provenance.tool.name} ${cert.body.provenance.tool.version}`);
    expect(fetched).to.deep.equal([]);
    await page.close();
  });

  it('fits A4: nothing wider than the printable width, the verdict and identity on the first page, and it prints', async () => {
    if (!browser) throw new Error('no browser');
    const page = await browser.newPage();
    await page.setViewport({ width: Math.floor(A4.printableWidth), height: Math.floor(A4.printableHeight) });
    await page.emulateMediaType('print');
    await page.goto(pathToFileURL(html).href, { waitUntil: 'load', timeout: 120_000 });
    // A string, not a function: tsx (esbuild) would wrap a function's inner helpers in a __name() the page lacks.
    const layout = (await page.evaluate(`(() => {
      const all = [...document.querySelectorAll('body *')].filter((e) => e.tagName !== 'SCRIPT');
      const widest = all.reduce((m, e) => Math.max(m, e.getBoundingClientRect().right), 0);
      const bottom = (sel) => document.querySelector(sel)?.getBoundingClientRect().bottom ?? Infinity;
      return { scrollWidth: document.documentElement.scrollWidth, widest, verdict: bottom('#verdict'), digest: bottom('#digest'), device: bottom('#devices + h3 + table') };
    })()`)) as { scrollWidth: number; widest: number; verdict: number; digest: number; device: number };
    expect(layout.scrollWidth, 'page width').to.be.at.most(Math.ceil(A4.printableWidth));
    expect(layout.widest, 'widest element').to.be.at.most(A4.printableWidth + 1);
    expect(layout.verdict).to.be.below(A4.printableHeight);
    expect(layout.digest).to.be.below(A4.printableHeight);
    expect(layout.device, 'the device identity table').to.be.below(A4.printableHeight);
    const pdf = Buffer.from(await page.pdf({ format: 'A4', timeout: 240_000 }));
    expect(pdf.subarray(0, 5).toString('latin1')).to.equal('%PDF-');
    expect((pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length).to.be.greaterThan(1);
    if (process.env.UPDATE_SCREENSHOTS === '1') {
      await page.setViewport({ width: Math.round(A4.width), height: Math.round(A4.height) });
      await page.addStyleTag({ content: 'body{padding:15mm !important;background:#fff}' }); // the @page margins, which a screenshot lacks
      await page.screenshot({
        path: 'docs/certificate-first-page.png',
        clip: { x: 0, y: 0, width: Math.round(A4.width), height: Math.round(A4.height) },
      });
    }
    await page.close();
  });
});
