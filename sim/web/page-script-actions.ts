/**
 * The lab view's operator panel, SCSI log and live connection (browser JavaScript): actions go to
 * POST /api/<operation> with a JSON body and the run's token, exactly the control operations of the HTTP control
 * endpoint and the console, and the answer (done, or refused with the library's code and sentence) is shown; the
 * SCSI log is filtered by initiator and command; the EventSource reconnects by itself and the server sends a full
 * snapshot on every connect, so a page that lost its connection resynchronises. Design: docs/lab-view.md.
 */
export const LAB_ACTIONS_SCRIPT = String.raw`
var TOKEN = document.querySelector('meta[name="changerbench-token"]').content;
function show(what, r) {
  var box = $('result');
  if (r && r.ok === false) { box.className = 'box refused'; box.textContent = what + ': refused (' + r.code + '): ' + r.message; }
  else if (r && r.error) { box.className = 'box refused'; box.textContent = what + ': ' + r.error.code + ': ' + r.error.message; }
  else { box.className = 'box done'; box.textContent = what + ': done' + (r && r.value && r.value.volumeTag !== undefined ? ' (' + (r.value.volumeTag || 'no label') + ')' : ''); }
  box.dataset.outcome = r && r.ok === true ? 'done' : 'refused';
}
function op(name, args, what) {
  return fetch('/api/' + name, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Changerbench-Token': TOKEN }, body: JSON.stringify(args || {}) })
    .then(function (res) { return res.json(); }).then(function (r) { show(what || name, r); return r; })
    .catch(function (e) { show(what || name, { error: { code: 'NETWORK', message: String(e) } }); });
}
function btn(text, name, args, cls) { var b = h('button', cls || '', text); b.dataset.op = name; b.addEventListener('click', function () { op(name, args, text); }); return b; }
function paintOps(snap) {
  var o = $('ops'), st = snap.status; o.textContent = ''; o.appendChild(h('h3', '', 'Magazines, door, I/O station'));
  if (st.magazines.length > 12) {
    // Many magazines: choose one, then pull or insert it.
    var pick = h('select'); pick.id = 'magazine-pick';
    st.magazines.forEach(function (m) { var x = h('option', '', m.id + (m.present ? '' : ' (out)')); x.value = m.id; pick.appendChild(x); });
    o.appendChild(pick);
    ['pullMagazine', 'insertMagazine'].forEach(function (name) {
      var b = h('button', '', name === 'pullMagazine' ? 'Pull' : 'Insert'); b.dataset.op = name;
      b.addEventListener('click', function () { op(name, { id: pick.value }, (name === 'pullMagazine' ? 'Pull magazine ' : 'Insert magazine ') + pick.value); });
      o.appendChild(b);
    });
  } else st.magazines.forEach(function (m) {
    var b = m.present ? btn('Pull magazine ' + m.id, 'pullMagazine', { id: m.id }) : btn('Insert magazine ' + m.id, 'insertMagazine', { id: m.id });
    b.dataset.magazine = m.id; o.appendChild(b);
  });
  if (st.door.present) o.appendChild(st.door.open ? btn('Close door', 'closeDoor') : btn('Open door', 'openDoor'));
  if (st.importExport.present) o.appendChild(st.importExport.open ? btn('Close I/O station', 'closeImportExport') : btn('Open I/O station', 'openImportExport'));
}
function select(address) {
  var old = S.selected; S.selected = address;
  [old, address].forEach(function (a) { var c = S.cells.get(a), e = S.byAddr.get(a); if (c && e) paintSlot(c, e); });
  paintSelected();
}
function paintSelected() {
  var e = S.selected === null ? undefined : S.byAddr.get(S.selected), st0 = S.snap.status;
  once('selected', JSON.stringify([e, st0.magazines, st0.door, S.snap.drives]), paintSelectedNow);
}
function paintSelectedNow() {
  var box = $('selected'), e = S.selected === null ? undefined : S.byAddr.get(S.selected);
  box.textContent = '';
  if (!e) { box.appendChild(h('div', 'st', 'Click a slot, drive or I/O element to act on it.')); return; }
  var st = S.snap.status;
  box.appendChild(h('h3', '', typeWord(e.type) + ' ' + e.address + (e.mtx !== null ? ' (mtx ' + mtxWord(e) + ')' : '') + (e.magazine ? ' in magazine ' + e.magazine : '')));
  box.appendChild(h('div', 'st', (e.volumeTag === null ? 'empty' : 'holds ' + (e.volumeTag || '(no label)') + (e.kind === 'cleaning' ? ', cleaning, ' + e.usesRemaining + ' uses left' : '')) + (e.condition ? ' · ' + e.condition : '') + (e.access ? '' : ' · not accessible')));
  var tag = h('input'); tag.id = 'put-tag'; tag.placeholder = 'volume tag'; tag.size = 10;
  var kind = h('select'); kind.id = 'put-kind'; ['data', 'cleaning'].forEach(function (k) { var x = h('option', '', k); x.value = k; kind.appendChild(x); });
  var cart = function () { return { volumeTag: tag.value, kind: kind.value }; };
  var pulled = e.magazine && st.magazines.some(function (m) { return m.id === e.magazine && !m.present; });
  var acts = h('div');
  var add = function (text, name, args) { var b = h('button', '', text); b.dataset.op = name; b.addEventListener('click', function () { op(name, typeof args === 'function' ? args() : args, text); }); acts.appendChild(b); };
  if (e.volumeTag !== null) {
    if (pulled) add('Take from magazine', 'takeFromMagazine', { id: e.magazine, address: e.address });
    else if (e.type === 'importExport') add('Take from I/O station', 'takeFromImportExport', { address: e.address });
    if (!pulled && st.door.present) add('Take through door', 'takeThroughDoor', { address: e.address });
  } else {
    acts.appendChild(tag); acts.appendChild(kind);
    if (pulled) add('Put into magazine', 'putIntoMagazine', function () { return { id: e.magazine, address: e.address, cartridge: cart() }; });
    else if (e.type === 'importExport') add('Put into I/O station', 'putIntoImportExport', function () { return { address: e.address, cartridge: cart() }; });
    if (!pulled && st.door.present) add('Put through door', 'putThroughDoor', function () { return { address: e.address, cartridge: cart() }; });
  }
  if (e.type === 'dataTransfer') {
    var dv = S.snap.drives.find(function (d) { return d.address === e.address; });
    if (dv) add(dv.needsCleaning ? 'Clear needs-cleaning' : 'Set needs-cleaning', 'setDriveNeedsCleaning', { address: e.address, on: !dv.needsCleaning });
  }
  box.appendChild(acts);
}
function hexOf(s) { return parseInt(String(s).replace(/^0x/i, '').replace(/h$/i, ''), 16); }
function wireFaults() {
  document.querySelectorAll('#faults button[data-op]').forEach(function (b) {
    b.addEventListener('click', function () {
      var name = b.dataset.op, args = {};
      if (name === 'failNextCommand') {
        var p = $('fault-sense').value.split('/');
        if (p.length !== 3 || p.some(function (x) { return !/^(0x)?[0-9a-f]{1,2}h?$/i.test(x.trim()); })) return show('Fail next command', { error: { code: 'BAD_SENSE', message: 'write the sense as KEY/ASC/ASCQ in hex, e.g. 04/40/01' } });
        var fault = { key: hexOf(p[0]), asc: hexOf(p[1]), ascq: hexOf(p[2]) };
        if ($('fault-opcode').value.trim() !== '') fault.opcode = hexOf($('fault-opcode').value.trim());
        if ($('fault-deferred').checked) fault.deferred = true;
        args = { fault: fault };
      } else if (name === 'failNextMove') args = { kind: b.dataset.kind };
      else if (name === 'setSlowMotion') args = { factor: Number($('slow-factor').value) };
      else if (name === 'setOnline') args = { online: b.dataset.online === 'true' };
      op(name, args, b.textContent);
    });
  });
}
var LOG = [], MAX_LOG = 2000, seenInit = new Set(), seenCmd = new Set();
function pad(n, w) { return String(n).padStart(w, '0'); }
function clock(t) { var d = new Date(t); return pad(d.getHours(), 2) + ':' + pad(d.getMinutes(), 2) + ':' + pad(d.getSeconds(), 2) + '.' + pad(d.getMilliseconds(), 3); }
function cmdName(l) { return l.command.replace(/ [0-9].*$/, '').replace(/ (storage|drive|all|transport|import\/export|page|VPD|standard|open|close|to|PREVENT|ALLOW)\b.*$/, ''); }
function addOption(sel, set, value, text) { if (set.has(value)) return; set.add(value); var o = h('option', '', text || value); o.value = value; o.title = value; sel.appendChild(o); }
function logRow(l) {
  var tr = h('tr', l.status === 'GOOD' ? '' : l.status === 'CHECK CONDITION' ? 'check' : 'other');
  tr.dataset.initiator = l.initiator; tr.dataset.command = cmdName(l);
  [clock(l.time), shortNexus(l.initiator), l.command, l.sense ? l.status + ' ' + l.senseCode + ' ' + l.sense : l.status, l.durationMs.toFixed(1)].forEach(function (x, i) { var td = h('td', i === 4 ? 'ms' : '', x); td.title = i === 1 ? l.initiator : String(x); tr.appendChild(td); });
  return tr;
}
function visible(l) { var fi = $('filter-initiator').value, fc = $('filter-opcode').value; return (!fi || l.initiator === fi) && (!fc || cmdName(l) === fc); }
function renderLog() { var body = $('log-rows'); body.textContent = ''; LOG.filter(visible).forEach(function (l) { body.appendChild(logRow(l)); }); follow(); }
function follow() { if ($('follow').checked) { var s = $('log-scroll'); s.scrollTop = s.scrollHeight; } }
function addLog(lines) {
  var body = $('log-rows'), last = LOG.length ? LOG[LOG.length - 1].seq : 0;
  lines.forEach(function (l) {
    if (l.seq <= last) return;
    LOG.push(l); addOption($('filter-initiator'), seenInit, l.initiator, shortNexus(l.initiator)); addOption($('filter-opcode'), seenCmd, cmdName(l));
    if (visible(l)) body.appendChild(logRow(l));
  });
  if (LOG.length > MAX_LOG) { LOG.splice(0, LOG.length - MAX_LOG); renderLog(); } else follow();
}
function connect() {
  var es = new EventSource('/events'), conn = $('conn');
  es.addEventListener('open', function () { conn.className = 'conn live'; conn.textContent = 'live'; });
  es.addEventListener('error', function () { conn.className = 'conn lost'; conn.textContent = 'reconnecting…'; });
  es.addEventListener('snapshot', function (m) { var d = JSON.parse(m.data); applySnapshot(d.snapshot); document.body.dataset.seq = d.seq; });
  es.addEventListener('delta', function (m) { var d = JSON.parse(m.data); applyDelta(d); document.body.dataset.seq = d.seq; });
  es.addEventListener('log', function (m) { addLog(JSON.parse(m.data)); });
}
document.addEventListener('DOMContentLoaded', function () {
  wireFaults();
  $('filter-initiator').addEventListener('change', renderLog); $('filter-opcode').addEventListener('change', renderLog);
  $('log-clear').addEventListener('click', function () { LOG = []; renderLog(); });
  connect();
});
`;
