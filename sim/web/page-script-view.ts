/**
 * The lab view's drawing code (browser JavaScript, plain ES2020, no framework): the library front built once
 * per snapshot (magazines as trays of slots, fixed storage, I/O station, drives, robot, door) with one element
 * per slot kept by address, so that a delta only repaints the slots that changed. Every slot carries
 * data-address, data-mtx, data-state and data-tag for people and tests. Design: docs/lab-view.md.
 */
export const LAB_VIEW_SCRIPT = String.raw`
var S = { snap: null, byAddr: new Map(), cells: new Map(), selected: null, keys: {} };
/** Runs paint only when key differs from the last one painted under name (keeps buttons and inputs stable). */
function once(name, key, paint) { if (S.keys[name] === key) return; S.keys[name] = key; paint(); }
function $(id) { return document.getElementById(id); }
function h(tag, cls, text) { var e = document.createElement(tag); if (cls) e.className = cls; if (text !== undefined && text !== null) e.textContent = String(text); return e; }
/** "iqn...:host (ISID 0x80...)" for an iSCSI nexus "initiator,i,ISID,target,t,TPGT"; other ids as they are. */
function shortNexus(id) { var p = String(id).split(','); return p.length >= 3 && p[1] === 'i' ? p[0] + ' (' + p[2] + ')' : id; }
function typeWord(t) { return { storage: 'slot', importExport: 'I/O', dataTransfer: 'drive', transport: 'robot' }[t] || t; }
function mtxWord(e) { if (e.mtx === null) return ''; return e.type === 'dataTransfer' ? 'drive ' + e.mtx : '#' + e.mtx; }
function paintSlot(cell, e) {
  cell.className = 'slot ' + e.state + (S.selected === e.address ? ' selected' : '');
  cell.dataset.address = e.address; cell.dataset.mtx = e.mtx === null ? '' : e.mtx; cell.dataset.state = e.state;
  cell.dataset.tag = e.volumeTag === null ? '' : e.volumeTag; cell.dataset.type = e.type;
  cell.textContent = '';
  cell.appendChild(h('span', 'addr', e.address)); cell.appendChild(h('span', 'mtx', mtxWord(e)));
  var label = e.volumeTag === null ? 'empty' : (e.volumeTag || '(no label)');
  if (e.kind === 'cleaning') label += ' · ' + e.usesRemaining + ' left';
  var pulled = e.magazine !== null && S.snap && S.snap.status.magazines.some(function (m) { return m.id === e.magazine && !m.present; });
  if (e.state === 'inaccessible') label = (e.volumeTag === null ? (pulled ? 'out' : 'empty') : label) + (e.condition ? ' · ' + e.condition.slice(0, 5) : '');
  cell.appendChild(h('span', 'tag', label));
  if (e.condition && e.state !== 'inaccessible') cell.appendChild(h('span', 'cond', e.condition));
  cell.title = typeWord(e.type) + ' ' + e.address + (e.mtx !== null ? ' (mtx ' + mtxWord(e) + ')' : '') + ': ' + label +
    (e.access ? '' : ', not accessible') + (e.condition ? ', ' + (e.except ? 'exception ' : '') + e.condition : '') + (e.source !== null ? ', from ' + e.source : '');
}
function slotCell(e) { var c = h('div', 'slot'); c.addEventListener('click', function () { select(e.address); }); S.cells.set(e.address, c); paintSlot(c, e); return c; }
function columnsFor(n) { if (n > 200 || S.dense) return 'dense'; if (n > 36) return 'c4'; if (n > 12) return 'c2'; return 'c1'; }
function tray(title, flags, pulled, list) {
  var m = h('div', 'magazine' + (pulled ? ' pulled' : ''));
  var head = h('h3'); head.appendChild(h('span', '', title)); head.appendChild(h('span', 'flags', flags)); m.appendChild(head);
  var grid = h('div', 'slots ' + columnsFor(list.length)); grid.style.setProperty('--n', String(list.length));
  list.forEach(function (e) { grid.appendChild(slotCell(e)); });
  m.appendChild(grid); return m;
}
function buildFront(snap) {
  S.cells.clear(); S.keys = {}; var box = $('magazines'); box.textContent = '';
  var st = snap.status, inMag = new Set();
  S.dense = snap.elements.length > 600; box.classList.toggle('dense', S.dense);
  st.magazines.forEach(function (m) {
    var list = m.addresses.map(function (a) { inMag.add(a); return S.byAddr.get(a); }).filter(Boolean);
    var t = tray(m.name + ' [' + m.id + ']', (m.present ? 'in' : 'PULLED') + (m.locked ? ' · locked' : ''), !m.present, list);
    t.dataset.magazine = m.id; t.id = 'magazine-' + m.id; box.appendChild(t);
  });
  var fixed = snap.elements.filter(function (e) { return e.type === 'storage' && !inMag.has(e.address); });
  if (fixed.length) box.appendChild(tray('Fixed storage', fixed.length + ' slots', false, fixed));
  paintUnits(snap);
}
function ieCells(snap) {
  var row = h('div', 'ie-row'), inMag = new Map(), drawn = [];
  snap.status.magazines.forEach(function (m) { m.addresses.forEach(function (a) { inMag.set(a, m.id); }); });
  snap.status.importExport.addresses.forEach(function (a) {
    var e = S.byAddr.get(a); if (!e) return;
    if (inMag.has(a)) drawn.push(a + ' (#' + e.mtx + ') in magazine ' + inMag.get(a)); else row.appendChild(slotCell(e));
  });
  if (drawn.length > 6) row.appendChild(h('span', 'st', drawn.length + ' elements drawn in their magazines (' + drawn[0] + ' … ' + drawn[drawn.length - 1] + ')'));
  else if (drawn.length) row.appendChild(h('span', 'st', 'drawn in their magazine: ' + drawn.join(', ')));
  return row;
}
function paintUnits(snap) {
  var st = snap.status;
  $('lib-name').textContent = snap.library.name;
  $('lib-ident').textContent = snap.library.vendor + ' ' + snap.library.product + ' · s/n ' + snap.library.serial + ' · ' + snap.library.id;
  var ready = snap.readiness === 'ready';
  $('lamp-power').className = 'lamp ' + (st.poweringOn ? 'amber' : 'on');
  $('lamp-ready').className = 'lamp ' + (ready ? 'on' : st.online ? 'amber' : 'red');
  $('readiness').textContent = snap.readiness; $('readiness').dataset.readiness = snap.readiness;
  $('slow').textContent = st.slowFactor !== 1 ? 'motion slowed ×' + st.slowFactor : '';
  var r = $('robot'); r.textContent = ''; r.appendChild(h('h3', '', 'Robot'));
  var gripper = snap.elements.filter(function (e) { return e.type === 'transport'; }).map(function (e) { return e.address + ': ' + (e.volumeTag === null ? 'empty gripper' : 'holding ' + (e.volumeTag || '(no label)')); }).join(', ');
  r.appendChild(h('div', 'st', st.robot.busy ? 'moving: ' + (st.robot.current || '…') : 'idle'));
  r.appendChild(h('div', 'st', 'queue: ' + st.robot.queued + (gripper ? ' · ' + gripper : '')));
  r.dataset.busy = st.robot.busy;
  var s = $('station'); s.textContent = ''; s.appendChild(h('h3', '', 'I/O station'));
  if (!st.importExport.present) s.appendChild(h('div', 'st', 'none reported'));
  else {
    var ies = st.importExport.addresses, span = ies.length > 8 ? ies.length + ' elements ' + Math.min.apply(null, ies) + '-' + Math.max.apply(null, ies) : 'elements ' + ies.join(', ');
    s.appendChild(h('div', 'st', (st.importExport.open ? 'OPEN' : 'closed') + (st.importExport.locked ? ' · locked' : ' · unlocked') + ' · ' + span)); s.appendChild(ieCells(snap));
  }
  s.dataset.open = st.importExport.open;
  var d = $('door'); d.textContent = ''; d.appendChild(h('h3', '', 'Access door'));
  if (!st.door.present) d.appendChild(h('div', 'st', 'no door'));
  else d.appendChild(h('div', 'st', (st.door.open ? 'OPEN' : 'closed') + (st.door.locked ? ' · locked' : ' · unlocked')));
  var held = h('div', 'st wrap', 'removal prevented by: ' + (st.prevent.holders.length ? st.prevent.holders.map(shortNexus).join(', ') : 'nobody'));
  held.title = st.prevent.holders.join('\n'); d.appendChild(held);
  d.dataset.open = st.door.open;
  var dr = $('drives'); dr.textContent = '';
  snap.drives.forEach(function (v) {
    var e = S.byAddr.get(v.address); var box = h('div', 'drive' + (e && e.volumeTag !== null ? ' loaded' : '') + (e && e.kind === 'cleaning' ? ' cln' : ''));
    box.dataset.address = v.address; box.dataset.tag = e && e.volumeTag !== null ? e.volumeTag : '';
    var head = h('div', '', 'Drive ' + v.mtx + ' · ' + v.address); head.appendChild(h('span', 'st', ' ' + v.product + ' s/n ' + v.serial));
    if (v.needsCleaning) head.appendChild(h('span', 'badge warn', 'needs cleaning'));
    if (v.cleaning) head.appendChild(h('span', 'badge ok', 'cleaning'));
    box.appendChild(head);
    box.appendChild(h('span', 'bay', e && e.volumeTag !== null ? (e.volumeTag || '(no label)') + (e.source !== null ? '  ← ' + e.source : '') : 'empty'));
    box.addEventListener('click', function () { select(v.address); });
    dr.appendChild(box);
  });
  paintNexuses(snap);
  once('ops', JSON.stringify([st.magazines, st.door, st.importExport]), function () { paintOps(snap); });
  paintSelected();
}
function paintNexuses(snap) {
  var n = $('nexuses'); n.textContent = ''; n.appendChild(h('h3', '', 'Initiators (I_T nexuses)'));
  if (!snap.nexuses.length) { n.appendChild(h('div', 'st', 'none since the last reset')); return; }
  var t = h('table'); var hr = h('tr'); ['nexus', 'pending unit attentions', 'holds'].forEach(function (x) { hr.appendChild(h('th', '', x)); }); t.appendChild(hr);
  snap.nexuses.forEach(function (x) {
    var tr = h('tr'), who = h('td', 'wrap', shortNexus(x.id)); who.title = x.id; tr.appendChild(who);
    tr.appendChild(h('td', '', (x.unitAttentions.join('; ') || 'none') + (x.deferred ? '; deferred ' + x.deferred : '')));
    tr.appendChild(h('td', '', [x.prevents ? 'PREVENT' : '', x.reserves ? 'RESERVED' : ''].filter(Boolean).join(' ') || '—'));
    t.appendChild(tr);
  });
  n.appendChild(t);
}
function applySnapshot(snap) {
  S.snap = snap; S.byAddr = new Map(); snap.elements.forEach(function (e) { S.byAddr.set(e.address, e); });
  buildFront(snap);
}
function applyDelta(d) {
  if (!S.snap) return;
  var rebuild = JSON.stringify(S.snap.status.magazines.map(function (m) { return m.id + m.present; })) !== JSON.stringify(d.snapshot.status.magazines.map(function (m) { return m.id + m.present; }));
  d.elements.forEach(function (e) { S.byAddr.set(e.address, e); var c = S.cells.get(e.address); if (c) paintSlot(c, e); });
  S.snap = Object.assign({}, d.snapshot, { elements: S.snap.elements.map(function (e) { return S.byAddr.get(e.address); }) });
  if (rebuild) buildFront(S.snap); else paintUnits(S.snap);
}
`;
