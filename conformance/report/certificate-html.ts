/**
 * certificate.html: one self-contained page (inline CSS, no script that runs, no network, no external asset) showing
 * a certificate: the verdict and digest first, then identity and provenance, the matrix, the skips and failures
 * with reasons, and each test's steps, operator actions and SCSI trace. Print CSS fits A4 and Letter (15 mm
 * margins, nothing wider than the printable width). The certificate itself is embedded as JSON
 * (`<script type="application/json" id="certificate">`), so `report verify` checks the page against it: rendering
 * is deterministic, the page must equal what its embedded certificate renders.
 */
import type { Certificate, Verdict } from './certificate.js';
import { formatCapabilities, formatElementMap, identityProperties } from './run-identity.js';
import type { TestEvidence } from './evidence.js';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const mark = { passed: 'pass', failed: 'FAIL', skipped: 'skip' } as const;

const CSS = `
*{box-sizing:border-box}
body{font:10pt/1.35 "DejaVu Sans",Arial,sans-serif;color:#111;margin:0 auto;max-width:180mm;padding:8mm 0}
h1{font-size:17pt;margin:0 0 2mm}h2{font-size:12.5pt;margin:6mm 0 2mm;border-bottom:1px solid #999}h3{font-size:10.5pt;margin:4mm 0 1mm}
table{border-collapse:collapse;width:100%;table-layout:fixed;margin:1mm 0}
td,th{border:1px solid #bbb;padding:0.6mm 1.2mm;text-align:left;vertical-align:top;overflow-wrap:anywhere;word-break:break-word}
th{background:#eee}.facts td:first-child{width:34%;color:#333}
.verdict{font-size:13pt;font-weight:bold;padding:2mm 3mm;border:2px solid #333;margin:3mm 0}
.verdict.ok{border-color:#1a7f37;color:#1a7f37}.verdict.bad{border-color:#b42318;color:#b42318}
.digest{font:8.5pt "DejaVu Sans Mono",monospace;overflow-wrap:anywhere}
.matrix{font-size:7.5pt}.matrix th.lib{height:26mm;vertical-align:bottom}.matrix th.lib span{writing-mode:vertical-rl;transform:rotate(180deg);white-space:nowrap}
.matrix td.c{text-align:center}.pass{color:#1a7f37}.FAIL{color:#fff;background:#b42318;font-weight:bold}.skip{color:#777}
pre{font:7pt/1.25 "DejaVu Sans Mono",monospace;white-space:pre-wrap;overflow-wrap:anywhere;word-break:break-all;margin:0}
.test{border-top:1px solid #999;margin-top:3mm;padding-top:1mm}.trace td{font:7pt "DejaVu Sans Mono",monospace}
.small{font-size:8pt;color:#444}
@page{margin:15mm}
@media print{body{max-width:none;padding:0}.tests{break-before:page}.test{break-inside:auto}h2,h3{break-after:avoid}tr{break-inside:avoid}}
`;

function factsTable(rows: readonly (readonly [string, string])[]): string {
  return `<table class="facts">${rows.map(([k, v]) => `<tr><td>${esc(k)}</td><td>${esc(v)}</td></tr>`).join('')}</table>`;
}

function devicesSection(c: Certificate): string {
  return c.body.devices
    .map((d) => {
      const rows: [string, string][] = [];
      if ('error' in d.device) rows.push(['identity', `could not be read: ${d.device.error}`]);
      else {
        const v = d.device;
        rows.push(['INQUIRY vendor', v.vendor], ['INQUIRY product', v.product], ['INQUIRY revision', v.revision]);
        rows.push(['unit serial number (VPD 80h)', v.serial.ok ? v.serial.value : `unavailable: ${v.serial.reason}`]);
        rows.push([
          'device identifiers (VPD 83h)',
          v.designators.ok
            ? v.designators.value.map((x) => `${x.type} (${x.association}): ${x.value}`).join('\n')
            : `unavailable: ${v.designators.reason}`,
        ]);
        rows.push([
          'element map (MODE SENSE 1Dh)',
          v.elementMap.ok ? formatElementMap(v.elementMap.value) : `unavailable: ${v.elementMap.reason}`,
        ]);
        rows.push([
          'device capabilities (MODE SENSE 1Fh)',
          v.capabilities.ok ? formatCapabilities(v.capabilities.value) : `unavailable: ${v.capabilities.reason}`,
        ]);
      }
      rows.push([
        'model file',
        d.modelFile ? `${d.modelFile.path}\nSHA-256 ${d.modelFile.sha256}` : 'none known locally',
      ]);
      const named = (present: boolean) =>
        d.capabilities
          .filter((x) => x.probed === present)
          .map((x) => `${x.name}${x.declared === undefined ? '' : ` (declared ${x.declared ? 'yes' : 'no'})`}`)
          .join(', ') || 'none';
      rows.push(['capabilities probed: present', named(true)], ['capabilities probed: absent', named(false)]);
      return `<h3>${esc(d.label)}: ${esc(d.name)}</h3>${factsTable(rows).replace(/\n/g, '<br>')}`;
    })
    .join('');
}

function matrixSection(verdicts: readonly Verdict[]): string {
  const libs = [...new Set(verdicts.map((v) => v.library))];
  const paths = [...new Set(verdicts.map((v) => v.pathId))];
  const libWidth = Math.min(12, Math.floor(110 / Math.max(1, libs.length)));
  const head = `<tr><th style="width:${180 - 48 - libWidth * libs.length}mm">return path</th><th style="width:48mm">expects</th>${libs.map((l) => `<th class="lib" style="width:${libWidth}mm"><span>${esc(l)}</span></th>`).join('')}</tr>`;
  const rows = paths.map((p) => {
    const first = verdicts.find((v) => v.pathId === p);
    const cells = libs.map((l) => {
      const v = verdicts.find((x) => x.pathId === p && x.library === l);
      return v ? `<td class="c ${mark[v.outcome]}">${mark[v.outcome]}</td>` : '<td class="c">-</td>';
    });
    return `<tr><td>${esc(p.replace(/^EjectNtmsCleaner\./, ''))}</td><td>${esc(first?.returns ?? '')}${first?.code !== undefined ? ` (${first.code})` : ''}</td>${cells.join('')}</tr>`;
  });
  return `<table class="matrix">${head}${rows.join('')}</table>`;
}

function testSection(t: TestEvidence): string {
  const steps = t.steps
    .map((s) => `<li>${esc(`${s.kind}: ${s.name}`)} <span class="small">(${esc(s.outcome)})</span></li>`)
    .join('');
  const operator = t.operator
    .map(
      (o) =>
        `<li>${esc(`${o.action}(${o.args.map((a) => JSON.stringify(a)).join(', ')})`)} &rarr; ${esc(o.refused !== undefined ? `refused: ${o.refused}` : JSON.stringify(o.answer ?? null))}</li>`,
    )
    .join('');
  const rows = t.trace.map((ev) => {
    const time = `t+${(ev.at / 1000).toFixed(3)}s`;
    if (ev.kind === 'mark') return `<tr><td colspan="3"><b>${esc(time)} ${esc(ev.text)}</b></td></tr>`;
    const e = ev.entry;
    if (!e) return `<tr><td>${esc(ev.nexus)}</td><td>${esc(time)}</td><td>no answer</td></tr>`;
    const lines = [
      `${e.command}`,
      `CDB ${e.cdb}`,
      e.dataOut && `data-out ${e.dataOut}`,
      e.fault && `FAULT ${e.fault}`,
      e.status && `status ${e.status}`,
      e.sense && `sense ${e.sense}`,
      e.senseHex && `sense hex ${e.senseHex}`,
      e.dataInLength ? `data-in ${e.dataInLength} bytes: ${e.dataInHex ?? ''}` : '',
      e.dataInDecoded && `decoded ${e.dataInDecoded}`,
    ].filter(Boolean);
    return `<tr><td>${esc(ev.nexus)} #${e.seq}</td><td>${esc(time)}</td><td><pre>${esc(lines.join('\n'))}</pre></td></tr>`;
  });
  return [
    `<section class="test"><h3>${esc(t.title)}: <span class="${mark[t.outcome]}">${mark[t.outcome]}</span></h3>`,
    t.reason ? `<p>${esc(t.reason)}</p>` : '',
    steps ? `<p class="small">steps</p><ol>${steps}</ol>` : '',
    operator ? `<p class="small">operator (told by the operator, not visible over SCSI)</p><ul>${operator}</ul>` : '',
    rows.length
      ? `<table class="trace"><tr><th style="width:20mm">nexus</th><th style="width:20mm">time</th><th>command (observed over SCSI)</th></tr>${rows.join('')}</table>`
      : '',
    '</section>',
  ].join('');
}

/** The HTML page of `cert` (deterministic: the same certificate renders the same bytes). */
export function renderCertificateHtml(cert: Certificate): string {
  const b = cert.body;
  const p = b.provenance;
  const ok = b.totals.failed === 0 && b.metaProblems.length === 0 && b.totals.passed > 0;
  const run = identityProperties(p, []).filter(([k]) => !k.startsWith('policy.'));
  const policies = Object.entries(p.policies).map(([k, v]) => [k, String(v)] as const);
  const notes = b.verdicts
    .filter((v) => v.outcome !== 'passed')
    .map(
      (v) =>
        `<li><b class="${mark[v.outcome]}">${mark[v.outcome]}</b> ${esc(`${v.pathId} on ${v.library}: ${v.reason ?? ''}`)}</li>`,
    );
  const sig = cert.signature ? `Ed25519 signature by key ${cert.signature.keyFingerprint}` : 'not signed';
  const embedded = JSON.stringify(cert).replace(/</g, '\\u003c');
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">',
    `<title>${esc(b.subject)}</title><style>${CSS}</style></head><body>`,
    `<h1>Conformance certificate</h1><p>${esc(b.subject)}</p>`,
    `<div class="verdict ${ok ? 'ok' : 'bad'}" id="verdict">${ok ? 'CONFORMS' : 'DOES NOT CONFORM'} (${b.totals.passed} passed, ${b.totals.failed} failed, ${b.totals.skipped} skipped${p.interrupted ? ', INTERRUPTED' : ''})</div>`,
    `<p class="digest" id="digest">SHA-256 ${cert.digest.value}<br>(over the canonical JSON of the certificate body; ${esc(sig)}; check: changerbench report verify certificate.json)</p>`,
    factsTable([
      ['target', `${p.target} (${p.transport})`],
      ['tool', `${p.tool.name} ${p.tool.version}, commit ${p.tool.commit}`],
      ['run', `${p.startedAt} to ${p.endedAt}; run id ${p.runId.slice(0, 16)}`],
      ['operator', `${p.operator.kind}${p.operator.name ? `: ${p.operator.name}` : ''} (${p.operator.description})`],
      ['code profile', p.codeProfile],
    ]),
    '<h2 id="devices">Devices</h2>',
    devicesSection(cert),
    '<h2>Verdicts</h2>',
    matrixSection(b.verdicts),
    notes.length ? `<h3>Skips and failures</h3><ul class="small">${notes.join('')}</ul>` : '',
    b.metaProblems.length
      ? `<h3>Meta-check</h3><ul>${b.metaProblems.map((m) => `<li class="FAIL">${esc(m)}</li>`).join('')}</ul>`
      : '',
    '<h2>Run and provenance</h2>',
    factsTable(run),
    '<h3>Policies</h3>',
    factsTable(policies),
    `<div class="tests"><h2>Tests (${b.tests.length})</h2>`,
    b.tests.map(testSection).join('\n'),
    '</div>',
    `<script type="application/json" id="certificate">${embedded}</script>`,
    '</body></html>',
    '',
  ].join('\n');
}

/** The certificate embedded in a certificate.html. Throws when there is none. */
export function extractEmbeddedCertificate(html: string): unknown {
  const m = /<script type="application\/json" id="certificate">([\s\S]*?)<\/script>/.exec(html);
  if (!m?.[1])
    throw new Error('no embedded certificate (<script type="application/json" id="certificate">) in the HTML');
  return JSON.parse(m[1]);
}
