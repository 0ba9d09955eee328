"""The review page's inline style sheet and script (the page loads nothing from the network)."""

CSS = """
*{box-sizing:border-box}
body{margin:0;font:14px/1.4 system-ui,"DejaVu Sans",sans-serif;color:#222;background:#e9ebee;
  height:100vh;display:flex;flex-direction:column}
header{display:flex;justify-content:space-between;align-items:center;gap:12px;padding:6px 14px;background:#1f3a5f;color:#fff}
header .doc-title{font-size:12px;opacity:.9;max-width:70vw;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
header .doc-src{font-size:12px;opacity:.75}
header button{margin-left:6px;padding:4px 10px;border:0;border-radius:3px;cursor:pointer;background:#fff;
  color:#1f3a5f;font-weight:600}
#counts{font-size:12px;margin-right:6px}
main{flex:1;display:grid;grid-template-columns:minmax(0,1fr) 440px;min-height:0}
#pages{overflow:auto;padding:12px 18px}
#records{overflow:auto;padding:8px 10px;background:#f7f7f9;border-left:1px solid #ccd}
.page{max-width:900px;margin:0 auto 18px}
.page h2{font-size:12px;color:#557;margin:4px 0;font-weight:600}
.sheet{position:relative;width:100%;background:#fff;box-shadow:0 1px 4px rgba(0,0,0,.25)}
.sheet img{position:absolute;inset:0;width:100%;height:100%;display:block}
.sheet .hl{position:absolute;background:rgba(255,196,0,.22);border:1px solid rgba(230,150,0,.55);border-radius:2px;cursor:pointer}
.sheet .hl:hover,.sheet .hl.hover{background:rgba(255,160,0,.38)}
.sheet .hl.accepted{background:rgba(40,170,70,.18);border-color:rgba(40,150,60,.6)}
.sheet .hl.rejected{background:rgba(220,40,40,.15);border-color:rgba(200,30,30,.6)}
.sheet .hl.active{background:rgba(0,120,255,.25);border:2px solid #0a64d8;z-index:2}
.sheet .rep{position:absolute;border-bottom:2px dotted #d0021b;background:rgba(208,2,27,.10);z-index:3}
.text-view{white-space:pre-wrap;background:#fff;padding:24px 32px;font:14px/1.6 "DejaVu Serif",serif;
  box-shadow:0 1px 4px rgba(0,0,0,.25);margin:0}
.text-view .hl{background:rgba(255,196,0,.3);cursor:pointer}
.text-view .hl.active{background:rgba(0,120,255,.28);outline:1px solid #0a64d8}
.text-view .rep,.repair-note .rep{text-decoration:underline dotted #d0021b 2px;background:rgba(208,2,27,.10)}
.note{color:#a33;font-size:12px;margin:2px 0}
.recs{list-style:none;margin:0;padding:0}
.rec{background:#fff;border:1px solid #d8dae0;border-left:4px solid #ccc;border-radius:3px;margin:0 0 8px;
  padding:6px 8px;cursor:pointer}
.rec.selected{border-color:#0a64d8;box-shadow:0 0 0 2px rgba(10,100,216,.35)}
.rec.hover{background:#fffbe6}
.rec[data-state=accepted]{border-left-color:#2a9a46}
.rec[data-state=rejected]{border-left-color:#c62828;opacity:.6}
.rec-head{display:flex;align-items:center;gap:6px}
.rec-head .clause{font-weight:700;color:#1f3a5f}
.rec-head .pageno{font-size:12px;color:#778;flex:1}
.rec-head button{border:1px solid #bbb;background:#fff;border-radius:3px;width:28px;height:24px;cursor:pointer;font-size:14px}
.rec[data-state=accepted] .tick{background:#2a9a46;color:#fff;border-color:#2a9a46}
.rec[data-state=rejected] .reject{background:#c62828;color:#fff;border-color:#c62828}
.rec dl{display:grid;grid-template-columns:72px 1fr;gap:2px 8px;margin:4px 0 0;font-size:13px}
.rec dt{color:#667}
.rec dd{margin:0}
.rec dd.task{display:-webkit-box;-webkit-line-clamp:4;-webkit-box-orient:vertical;overflow:hidden}
.rec.selected dd.task{display:block}
.warnings{color:#9a4a00;font-size:12px;margin:4px 0;padding-left:18px}
.repair-note{font-size:12px;margin:0 0 8px}
#tip{position:fixed;z-index:10;max-width:380px;background:#222;color:#fff;font-size:12px;padding:6px 8px;
  border-radius:4px;pointer-events:none;box-shadow:0 2px 6px rgba(0,0,0,.4)}
#tip b{color:#ffd54f}
"""

JS = r"""
(function(){
"use strict";
var data = JSON.parse(document.getElementById("review-data").textContent);
var recs = data.records;
var storeKey = "directive-review:" + data.sha256;
var tip = document.getElementById("tip");
function $all(sel, root){ return Array.prototype.slice.call((root || document).querySelectorAll(sel)); }
function card(i){ return document.getElementById("rec-" + i); }
function highlights(i){
  return $all(".hl").filter(function(el){
    var list = (el.getAttribute("data-recs") || el.getAttribute("data-rec") || "").split(" ");
    return list.indexOf(String(i)) >= 0;
  });
}
function select(i, fromPage){
  $all(".hl.active").forEach(function(el){ el.classList.remove("active"); });
  $all(".rec.selected").forEach(function(el){ el.classList.remove("selected"); });
  var hs = highlights(i);
  hs.forEach(function(el){ el.classList.add("active"); });
  var c = card(i);
  if (c) { c.classList.add("selected"); c.scrollIntoView({block: "nearest"}); }
  if (hs.length && !fromPage) hs[0].scrollIntoView({block: "center"});
  else if (!hs.length && !fromPage) {
    var page = document.getElementById("page-" + recs[i].page);
    if (page) page.scrollIntoView({block: "start"});
  }
  document.body.setAttribute("data-selected", String(i));
}
var ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;"};
function esc(s){ return String(s).replace(/[&<>"]/g, function(c){ return ENTITIES[c]; }); }
function showTip(ev, i){
  var r = recs[i];
  var task = r.task.length > 220 ? r.task.slice(0, 220) + "…" : r.task;
  tip.innerHTML = "<b>" + esc(r.clause) + "</b> · " + esc(r.lead.join("; ")) +
    (r.deadline ? "<br><i>" + esc(r.deadline) + "</i>" : "") + "<br>" + esc(task);
  tip.hidden = false;
  var x = Math.min(ev.clientX + 14, window.innerWidth - tip.offsetWidth - 8);
  var y = ev.clientY + 16;
  if (y + tip.offsetHeight > window.innerHeight) y = ev.clientY - tip.offsetHeight - 10;
  tip.style.left = x + "px"; tip.style.top = y + "px";
}
function hover(i, on){
  var c = card(i); if (c) c.classList.toggle("hover", on);
  highlights(i).forEach(function(el){ el.classList.toggle("hover", on); });
}
$all(".hl").forEach(function(el){
  var i = Number(el.getAttribute("data-rec"));
  el.addEventListener("mousemove", function(ev){ showTip(ev, i); });
  el.addEventListener("mouseenter", function(){ hover(i, true); });
  el.addEventListener("mouseleave", function(){ tip.hidden = true; hover(i, false); });
  el.addEventListener("click", function(){ select(i, true); });
});
var states = {};
try { states = JSON.parse(localStorage.getItem(storeKey) || "{}"); } catch (e) { states = {}; }
function save(){ try { localStorage.setItem(storeKey, JSON.stringify(states)); } catch (e) {} }
function setState(i, state){
  var id = recs[i].id;
  if (state) states[id] = state; else delete states[id];
  var c = card(i); c.setAttribute("data-state", state || "");
  highlights(i).forEach(function(el){
    el.classList.toggle("accepted", state === "accepted");
    el.classList.toggle("rejected", state === "rejected");
  });
  counts();
}
function counts(){
  var a = 0, r = 0;
  recs.forEach(function(rec){ if (states[rec.id] === "accepted") a++; else if (states[rec.id] === "rejected") r++; });
  document.getElementById("counts").textContent = a + " duyệt · " + r + " loại · " + (recs.length - a - r) + " chưa xem";
  document.getElementById("export").textContent = "Xuất CSV (" + a + ")";
}
$all(".rec").forEach(function(c){
  var i = Number(c.getAttribute("data-rec"));
  c.addEventListener("click", function(ev){
    var t = ev.target;
    if (t.classList.contains("tick")) { setState(i, c.getAttribute("data-state") === "accepted" ? "" : "accepted"); }
    else if (t.classList.contains("reject")) { setState(i, c.getAttribute("data-state") === "rejected" ? "" : "rejected"); }
    select(i, false);
  });
  c.addEventListener("mouseenter", function(){ hover(i, true); });
  c.addEventListener("mouseleave", function(){ hover(i, false); });
});
recs.forEach(function(rec, i){ setState(i, states[rec.id] || ""); });
function cell(v){
  v = v == null ? "" : String(v);
  return /[",\r\n;]/.test(v) || v !== v.trim() ? "\"" + v.replace(/"/g, "\"\"") + "\"" : v;
}
function buildCsv(){
  var lines = [data.columns.map(cell).join(",")];
  var n = 0;
  recs.forEach(function(rec){
    if (states[rec.id] !== "accepted") return;
    n++;
    lines.push(data.columns.map(function(col){ return cell(col === "STT" ? String(n) : rec.row[col]); }).join(","));
  });
  return "\ufeff" + lines.join("\r\n") + "\r\n";
}
window.directiveReview = {select: select, setState: setState, buildCsv: buildCsv, records: recs};
document.getElementById("tick-rest").addEventListener("click", function(){
  recs.forEach(function(rec, i){ if (!states[rec.id]) setState(i, "accepted"); });
  save();
});
document.getElementById("export").addEventListener("click", function(){
  var blob = new Blob([buildCsv()], {type: "text/csv;charset=utf-8"});
  var a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = data.file + ".tracker.csv";
  document.body.appendChild(a); a.click();
  setTimeout(function(){ URL.revokeObjectURL(a.href); a.remove(); }, 1000);
});
document.addEventListener("click", function(){ save(); });
})();
"""
