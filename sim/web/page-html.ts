/**
 * The lab view's page: one HTML document with no inline script or style (the Content-Security-Policy allows only
 * /lab.js and /lab.css from this server) and no external assets. The run's token is in a meta element, so only
 * a page served by this simulator can send actions. Design: docs/lab-view.md.
 */

const escapeAttr = (s: string): string => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** The page for this run. */
export function labPageHtml(token: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="changerbench-token" content="${escapeAttr(token)}">
<title>changerbench lab view</title>
<link rel="stylesheet" href="/lab.css">
<script src="/lab.js" defer></script>
</head>
<body>
<header id="top">
  <div class="ident"><span id="lib-name">connecting…</span><span id="lib-ident"></span></div>
  <div class="lamps"><span id="lamp-power" class="lamp">POWER</span><span id="lamp-ready" class="lamp">READY</span><span id="readiness"></span><span id="slow"></span></div>
  <div id="conn" class="conn">connecting</div>
</header>
<main>
  <section id="front" aria-label="library front">
    <div id="frame">
      <div id="magazines"></div>
      <div id="side">
        <div id="robot" class="unit"></div>
        <div id="station" class="unit"></div>
        <div id="door" class="unit"></div>
        <div id="drives"></div>
      </div>
    </div>
    <div id="legend">
      <span class="key data">data</span><span class="key cleaning">cleaning (uses left)</span><span class="key empty">empty</span>
      <span class="key inaccessible">inaccessible (magazine out, station open)</span><span class="key exception">exception (ASC/ASCQ)</span>
    </div>
  </section>
  <section id="panel" aria-label="operator panel">
    <h2>Operator</h2>
    <div id="selected" class="box">Click a slot, drive or I/O element to act on it.</div>
    <div id="ops" class="box"></div>
    <div id="faults" class="box">
      <h3>Faults</h3>
      <label>Fail next command with sense <input id="fault-sense" value="04/40/01" size="9" aria-label="sense KEY/ASC/ASCQ"></label>
      <label>only opcode <input id="fault-opcode" placeholder="any" size="4" aria-label="opcode (hex)"></label>
      <label><input id="fault-deferred" type="checkbox"> deferred</label>
      <button data-op="failNextCommand">Fail next command</button>
      <div><button data-op="failNextMove" data-kind="changer">Fail next move</button>
      <button data-op="failNextMove" data-kind="positioning">Fail next positioning</button>
      <button data-op="clearFaults">Clear faults</button></div>
      <label>Slow motion × <input id="slow-factor" value="1" size="4" aria-label="slow motion factor"></label> <button data-op="setSlowMotion">Set</button>
      <div><button data-op="powerCycle" class="danger">Power-cycle</button> <button data-op="setOnline" data-online="false">Offline</button> <button data-op="setOnline" data-online="true">Online</button></div>
    </div>
    <div id="result" class="box" role="status" aria-live="polite"></div>
    <div id="nexuses" class="box"></div>
  </section>
  <section id="log" aria-label="SCSI log">
    <div class="logbar"><h2>SCSI log</h2>
      <label>initiator <select id="filter-initiator"><option value="">all</option></select></label>
      <label>command <select id="filter-opcode"><option value="">all</option></select></label>
      <label><input id="follow" type="checkbox" checked> follow</label>
      <button id="log-clear">clear</button></div>
    <div id="log-scroll"><table><thead><tr><th>time</th><th>initiator</th><th>command</th><th>status / sense</th><th>ms</th></tr></thead><tbody id="log-rows"></tbody></table></div>
  </section>
</main>
</body>
</html>
`;
}
