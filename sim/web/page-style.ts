/**
 * The lab view's style sheet: a library front (dark chassis, magazines as trays of cartridge slots with labels),
 * drives, I/O station, door and robot as units beside them, an operator panel and the SCSI log. Colours by slot
 * state follow the legend on the page. Design: docs/lab-view.md "What the page shows".
 */
export const LAB_PAGE_STYLE = `
:root { --chassis:#2b2f36; --bezel:#3a3f48; --ink:#e8eaed; --dim:#9aa0a6; --data:#4a90d9; --clean:#e6b422; --empty:#15181c;
  --bad:#d93025; --ok:#34a853; --warn:#f29900; font-family: system-ui, sans-serif; font-size: 13px; }
* { box-sizing: border-box; }
body { margin:0; background:#1b1e23; color:var(--ink); }
header#top { display:flex; align-items:center; gap:16px; padding:8px 14px; background:#111317; border-bottom:1px solid #000; }
.ident { flex:1; } #lib-name { font-weight:600; font-size:15px; margin-right:10px; } #lib-ident { color:var(--dim); }
.lamp { display:inline-block; padding:2px 8px; margin-right:6px; border-radius:10px; background:#333; color:#777; font-weight:600; font-size:11px; }
.lamp.on { background:var(--ok); color:#fff; } .lamp.amber { background:var(--warn); color:#000; } .lamp.red { background:var(--bad); color:#fff; }
#readiness, #slow { color:var(--dim); margin-left:6px; }
.conn { padding:2px 8px; border-radius:4px; background:#333; } .conn.live { background:#1e4620; } .conn.lost { background:var(--bad); }
main { display:grid; grid-template-columns: minmax(0,1fr) 340px; grid-template-rows: auto 320px; gap:10px; padding:10px; }
#front { grid-column:1; } #panel { grid-column:2; grid-row:1 / span 2; } #log { grid-column:1; }
#frame { display:flex; gap:12px; align-items:flex-start; background:var(--chassis); border:2px solid #000; border-radius:8px; padding:12px; box-shadow: inset 0 0 0 2px var(--bezel); }
#magazines { display:flex; flex-wrap:wrap; gap:10px; flex:1; }
.magazine { width:max-content; background:#22262c; border:2px solid #555b66; border-radius:6px; padding:6px; min-width:120px; }
.magazine.pulled { border-style:dashed; border-color:var(--bad); opacity:.85; }
.magazine h3 { margin:0 0 4px; font-size:12px; display:flex; justify-content:space-between; gap:6px; }
.magazine .flags { color:var(--dim); font-weight:400; }
.slots { display:grid; grid-template-columns: repeat(var(--cols, 1), minmax(0, 1fr)); gap:3px; }
.slots.c1 { grid-template-columns: repeat(1, 136px); } .slots.c2 { grid-template-columns: repeat(2, 136px); }
.slots.c3 { grid-template-columns: repeat(3, 136px); } .slots.c4 { grid-template-columns: repeat(4, 136px); }
.slots.dense { grid-template-columns: repeat(auto-fill, 14px); max-height:420px; overflow:auto; width:min(720px, calc(var(--n, 20) * 17px)); }
#magazines.dense { max-height:640px; overflow:auto; align-content:flex-start; } #magazines.dense .magazine { padding:3px; min-width:0; } #magazines.dense .magazine h3 { font-size:10px; }
.slot { position:relative; height:34px; border-radius:3px; border:1px solid #000; background:var(--empty); cursor:pointer; padding:2px 4px; overflow:hidden; }
.slot .addr { font-size:10px; color:var(--dim); } .slot .mtx { float:right; font-size:10px; color:var(--dim); }
.slot .tag { display:block; font-family: ui-monospace, monospace; font-size:11px; white-space:nowrap; }
.slot.data { background:var(--data); } .slot.data .tag, .slot.cleaning .tag { background:#fff; color:#000; padding:0 3px; border-radius:2px; }
.slot.cleaning { background:var(--clean); } .slot.data .addr, .slot.data .mtx, .slot.cleaning .addr, .slot.cleaning .mtx { color:#102030; }
.slot.empty .tag { color:#555; }
.slot.inaccessible { background: repeating-linear-gradient(45deg,#3a3a3a 0 4px,#2a2a2a 4px 8px); color:#888; }
.slot.exception { outline:2px solid var(--bad); outline-offset:-2px; }
.slot .cond { display:block; font-size:9px; color:#ffb4ab; white-space:nowrap; }
.slot.selected { box-shadow: 0 0 0 2px #fff; }
.slots.dense .slot { height:14px; padding:0; } .slots.dense .slot span { display:none; }
#side { display:flex; flex-direction:column; gap:8px; width:300px; }
.unit { background:#22262c; border:1px solid #555b66; border-radius:6px; padding:6px 8px; }
.unit h3 { margin:0 0 4px; font-size:12px; } .unit .st { color:var(--dim); }
.drive { background:#1a1d21; border:1px solid #666; border-radius:5px; padding:6px 8px; margin-bottom:6px; cursor:pointer; }
.drive .bay { display:block; height:18px; margin-top:4px; border-radius:2px; background:#000; font-family:ui-monospace,monospace; padding:1px 4px; }
.drive.loaded .bay { background:var(--data); color:#000; } .drive.loaded.cln .bay { background:var(--clean); }
.badge { display:inline-block; font-size:10px; padding:0 5px; border-radius:8px; margin-left:4px; background:#444; }
.badge.warn { background:var(--warn); color:#000; } .badge.bad { background:var(--bad); } .badge.ok { background:var(--ok); }
.ie-row { display:flex; gap:4px; flex-wrap:wrap; margin-top:4px; } .ie-row .slot { width:136px; }
#legend { margin-top:6px; color:var(--dim); } .key { display:inline-block; margin-right:12px; }
.key::before { content:''; display:inline-block; width:12px; height:12px; margin-right:4px; vertical-align:-2px; border:1px solid #000; }
.key.data::before { background:var(--data); } .key.cleaning::before { background:var(--clean); } .key.empty::before { background:var(--empty); }
.key.inaccessible::before { background:repeating-linear-gradient(45deg,#3a3a3a 0 3px,#2a2a2a 3px 6px); } .key.exception::before { outline:2px solid var(--bad); }
#panel h2, #log h2 { margin:0 0 6px; font-size:14px; } .box { background:#22262c; border:1px solid #444; border-radius:6px; padding:8px; margin-bottom:8px; }
.box h3 { margin:0 0 6px; font-size:12px; } .box label { display:inline-block; margin:3px 6px 3px 0; }
button { background:#3c4350; color:var(--ink); border:1px solid #666; border-radius:4px; padding:3px 8px; margin:2px 2px 2px 0; cursor:pointer; }
button:hover { background:#4b5462; } button.danger { border-color:var(--bad); }
input, select { background:#111; color:var(--ink); border:1px solid #555; border-radius:3px; padding:2px 4px; }
#result:empty { display:none; } #result.refused { border-color:var(--bad); color:#ffb4ab; } #result.done { border-color:var(--ok); }
#nexuses table { width:100%; border-collapse:collapse; font-size:11px; } #nexuses td, #nexuses th { text-align:left; padding:2px 3px; border-bottom:1px solid #333; vertical-align:top; }
.logbar { display:flex; align-items:center; gap:12px; } .logbar h2 { margin:0; white-space:nowrap; } .logbar select { max-width:320px; }
.wrap { overflow-wrap:anywhere; } #panel { min-width:0; } #nexuses table { table-layout:fixed; }
#log-scroll { height:280px; overflow:auto; background:#111317; border:1px solid #333; border-radius:4px; margin-top:6px; }
#log table { width:100%; border-collapse:collapse; font-family:ui-monospace,monospace; font-size:11.5px; }
#log th { position:sticky; top:0; background:#22262c; text-align:left; padding:3px 6px; }
#log td { padding:1px 6px; border-bottom:1px solid #1f2227; white-space:nowrap; max-width:420px; overflow:hidden; text-overflow:ellipsis; }
#log td:nth-child(2) { max-width:230px; } #log td:nth-child(4) { max-width:520px; }
#log tr.check td { color:#ffb4ab; } #log tr.other td { color:var(--warn); } #log td.ms { text-align:right; }
`;
