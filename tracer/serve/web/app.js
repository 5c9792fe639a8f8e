/* tracer serve's page: draws the flow graph the API gives (every label
 * set with textContent, so that a hostile tag or note stays text). */
"use strict";
const NS = "http://www.w3.org/2000/svg";
const $ = (id) => document.getElementById(id);
const st = { cases: [], kase: 0, hops: null, base: null, doc: null,
  graph: null, hidden: new Set(), sel: null, before: null, until: null,
  moved: new Map(), drag: null,
  view: { x: 0, y: 0, w: 1000, h: 520 } };

function status(msg) { $("status").textContent = msg || ""; }

async function api(path, opts) {
  const r = await fetch(path, Object.assign({ credentials: "same-origin" },
    opts || {}));
  const text = await r.text();
  if (!r.ok) {
    let m = text;
    try { m = JSON.parse(text).error.message; } catch (e) { /* not JSON */ }
    throw new Error(r.status + ": " + m);
  }
  return text;
}
const apiJson = async (p, o) => JSON.parse(await api(p, o));

function params(extra) {
  const p = new URLSearchParams({ case: String(st.kase),
    policy: $("policy").value });
  if (st.hops) p.set("hops", String(st.hops));
  for (const k in (extra || {})) p.set(k, extra[k]);
  return p.toString();
}

function el(tag, attrs, text) {
  const e = document.createElementNS(NS, tag);
  for (const k in attrs) e.setAttribute(k, attrs[k]);
  if (text !== undefined) e.textContent = text;
  return e;
}

/* units of the graph's asset, or of o's (a node, an edge or a link's
 * side: a cross-chain graph's runs are in their own assets) */
function fmt(units, o) {
  const src = o && o.asset ? o : st.graph;
  const d = src ? src.decimals : 0;
  let s = String(units).padStart(d + 1, "0");
  let i = s.slice(0, s.length - d), f = s.slice(s.length - d);
  f = f.replace(/0+$/, "");
  return i + (f ? "." + f : "") + " " + (src ? src.asset : "");
}

function frontier() {
  const f = new Set();
  for (const u of st.doc.unresolved)
    if (u.reason === "hops") f.add(u.address);
  return f;
}

/* Graphviz's positions (/api/graph's "layout"), else columns by the
 * fewest hops from a seed, rows in order of first taint. */
function layout(g) {
  if (st.lay) return st.lay.nodes.map((n) => ({ x: n.x, y: n.y }));
  const depth = new Array(g.nodes.length).fill(-1), q = [];
  g.nodes.forEach((n, i) => { if (n.role === "seed") { depth[i] = 0;
    q.push(i); } });
  const out = g.nodes.map(() => []);
  for (const e of g.edges) out[e.from].push(e.to);
  while (q.length) {
    const i = q.shift();
    for (const j of out[i]) if (depth[j] < 0) { depth[j] = depth[i] + 1;
      q.push(j); }
  }
  const rows = {}, pos = [];
  g.nodes.forEach((n, i) => {
    const d = depth[i] < 0 ? 0 : depth[i];
    rows[d] = (rows[d] || 0) + 1;
    pos[i] = { x: 80 + d * 190, y: 40 + (rows[d] - 1) * 70 };
  });
  return pos;
}

/* dot's control points (1 + 3n, then the arrow's tip) as an SVG path. */
function splinePath(pts) {
  const n = 1 + 3 * Math.floor((pts.length - 1) / 3);
  let d = "M" + pts[0].join(",");
  for (let i = 1; i + 2 < n; i += 3)
    d += " C" + pts[i].join(",") + " " + pts[i + 1].join(",") + " " +
      pts[i + 2].join(",");
  if (pts.length > n) d += " L" + pts[pts.length - 1].join(",");
  return d;
}

/* fn on a click, or Enter or Space on the focused element */
function onActivate(e, fn) {
  e.addEventListener("click", fn);
  e.addEventListener("keydown", (ev) => {
    if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); fn(); }
  });
}

function visibleEdge(e) {
  if (st.hidden.has(e.from) || st.hidden.has(e.to)) return false;
  return st.until === null || e.first_time_unix === null ||
    e.first_time_unix <= st.until;
}

function draw() {
  const g = st.graph, svg = $("graph"), fr = frontier();
  const pos = layout(g);
  for (const [i, p] of st.moved) pos[i] = p; // nodes dragged elsewhere
  if (st.fit) {
    const xs = pos.map((p) => p.x), ys = pos.map((p) => p.y);
    const w = Math.max(400, (st.lay ? st.lay.width :
      xs.reduce((m, x) => Math.max(m, x), 0)) + 120);
    const h = Math.max(300, (st.lay ? st.lay.height :
      ys.reduce((m, y) => Math.max(m, y), 0)) + 60);
    st.view = { x: 0, y: 0, w: Math.max(w, h * 1000 / 520),
      h: Math.max(h, w * 520 / 1000) };
    st.fit = false;
  }
  svg.textContent = "";
  const root = el("g", { id: "root" });
  svg.appendChild(root);
  const shown = new Set();
  g.nodes.forEach((n, i) => { if (n.role === "seed" && !st.hidden.has(i))
    shown.add(i); });
  g.edges.forEach((e, k) => {
    if (!visibleEdge(e)) return;
    shown.add(e.from); shown.add(e.to);
    const a = pos[e.from], b = pos[e.to];
    const pts = st.lay && !st.moved.has(e.from) && !st.moved.has(e.to) ?
      st.lay.edges[k].points : [];
    const line = pts.length >= 4 ? el("path", { class: "edge",
      d: splinePath(pts), "stroke-width": 1 + Math.min(5, e.txs) }) :
      el("line", { class: "edge", x1: a.x, y1: a.y, x2: b.x, y2: b.y,
        "stroke-width": 1 + Math.min(5, e.txs) });
    line.appendChild(el("title", {}, fmt(e.amount, e) + " in " + e.txs +
      " tx"));
    const eg = el("g", { class: "edge-g" + (st.selEdge === k ?
      " selected" : ""), tabindex: "0", "data-edge": k,
      "data-from": g.nodes[e.from].name, "data-to": g.nodes[e.to].name });
    eg.appendChild(line);
    onActivate(eg, () => selectEdge(k));
    root.appendChild(eg);
    root.appendChild(el("text", { class: "edge-label",
      x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 - 4 }, fmt(e.amount, e)));
  });
  drawLinks(root, pos, shown);
  for (const i of shown) {
    const n = g.nodes[i], p = pos[i];
    const cls = "node " + n.role + (st.sel === i ? " selected" : "") +
      (st.before && !st.before.has(n.name) ? " new" : "");
    const grp = el("g", { class: cls, tabindex: "0", "data-id": i,
      "data-name": n.name, "data-role": n.role,
      "data-frontier": fr.has(n.name) ? "1" : "0" });
    const shape = "shape" + (fr.has(n.name) ? " frontier" : "");
    const L = st.lay && st.lay.nodes[i], pal = palette(n);
    grp.setAttribute("data-palette", pal.key);
    grp.appendChild(L ? el("rect", { x: p.x - L.w / 2, y: p.y - L.h / 2,
      width: L.w, height: L.h, rx: 8, class: shape, fill: pal.fill }) :
      el("circle", { cx: p.x, cy: p.y, r: 14, class: shape,
        fill: pal.fill }));
    grp.appendChild(el("title", {}, n.name + (n.entity ? " (" + n.entity +
      ")" : "") + (n.chain ? " on " + n.chain : "") + "\nin " +
      fmt(n.in, n) + ", out " + fmt(n.out, n)));
    grp.appendChild(el("text", { class: "node-label" + (L ? " in" : ""),
      x: L ? p.x : p.x - 30, y: L ? p.y + 4 : p.y + 28,
      fill: L ? pal.text : "#1a1a1a" },
      n.entity || n.name.slice(0, 12) + "…"));
    grp.addEventListener("mousedown", (ev) => {
      ev.stopPropagation(); // a drag of the node, not a pan
      st.drag = { i, grp, x: ev.clientX, y: ev.clientY, p, moved: false };
    });
    grp.addEventListener("click", () => {
      if (!st.dragged) select(i);
    });
    grp.addEventListener("keydown", (ev) => {
      if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault();
        select(i); }
    });
    root.appendChild(grp);
  }
  setView();
  const a = st.doc.assets[0];
  $("identity").textContent = a ? a.asset + ": seed total " +
    a.formatted.seed_total + " = exits " + a.formatted.exits_total +
    " + held " + a.formatted.held + " + fees " + a.formatted.fees +
    " + unresolved " + a.formatted.unresolved + (a.balanced ?
    " (balanced)" : a.balanced === null ? " (poison: exposure, no " +
    "identity)" : " (NOT balanced)") + " — policy " + st.doc.policy +
    ", hops " + st.doc.limits.hops : "no asset";
  const x = st.doc.crosschain;
  if (x) $("identity").textContent += " — cross-chain: " + x.links.length +
    " link" + (x.links.length === 1 ? "" : "s") + " followed; " +
    x.assets.map((g) => g.chain + " " + g.asset + (g.balanced ?
      " balanced" : g.conserving ? " NOT balanced" : " exposure")).join(
      ", ");
  $("unhide-btn").disabled = st.hidden.size === 0;
}

/* The cross-chain links followed (/api/graph's graph.links): a dashed
 * edge of their own colour from the address the taint reached to the
 * one the other chain paid; a click shows the link and its evidence. */
function drawLinks(root, pos, shown) {
  const g = st.graph;
  (g.links || []).forEach((l, k) => {
    if (st.hidden.has(l.from) || st.hidden.has(l.to)) return;
    shown.add(l.from); shown.add(l.to);
    const a = pos[l.from], b = pos[l.to];
    const L = st.lay && st.lay.links && st.lay.links[k];
    const pts = L && !st.moved.has(l.from) && !st.moved.has(l.to) ?
      L.points : [];
    const line = pts.length >= 4 ? el("path", { class: "xlink",
      d: splinePath(pts) }) : el("line", { class: "xlink", x1: a.x,
        y1: a.y, x2: b.x, y2: b.y });
    line.appendChild(el("title", {}, l.kind + " link (" + l.confidence +
      "): " + fmt(l.source.taint, l.source) + " \u2192 " +
      fmt(l.destination.converted, l.destination)));
    const lg = el("g", { class: "xlink-g" + (st.selLink === k ?
      " selected" : ""), tabindex: "0", "data-link": k,
      "data-kind": l.kind, "data-from": g.nodes[l.from].name,
      "data-to": g.nodes[l.to].name });
    lg.appendChild(line);
    onActivate(lg, () => selectLink(k));
    root.appendChild(lg);
    root.appendChild(el("text", { class: "xlink-label",
      x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 - 6 }, l.kind + " link"));
  });
}

/* The side panel of a cross-chain link: both sides, kind, confidence
 * and the evidence. */
function selectLink(k) {
  const l = st.graph.links[k];
  st.sel = null; st.selEdge = null; st.noteEdge = null; st.selLink = k;
  const d = $("details");
  d.textContent = "";
  d.appendChild(Object.assign(document.createElement("h2"),
    { textContent: "Cross-chain link" }));
  const dl = document.createElement("dl");
  const side = (s) => s.chain + " " + s.txid + ":" + s.n;
  for (const [key, v] of [["link", "links[" + l.link + "]"],
    ["kind", l.kind], ["confidence", l.confidence],
    ["evidence", l.evidence || "—"], ["from", side(l.source)],
    ["taint", fmt(l.source.taint, l.source)],
    ["from-time", l.source.time || "—"], ["to", side(l.destination)],
    ["converted", fmt(l.destination.converted, l.destination)],
    ["to-time", l.destination.time || "—"]]) {
    dl.appendChild(Object.assign(document.createElement("dt"),
      { textContent: key }));
    dl.appendChild(Object.assign(document.createElement("dd"),
      { textContent: v, className: "v-" + key }));
  }
  d.appendChild(dl);
  $("expand-btn").disabled = true;
  $("hide-btn").disabled = true;
  draw();
}

/* A node's colours: the palette entry the server named (the report's
 * and the DOT's colours, tracer/render/palette.c). */
function palette(n) {
  return st.palette.get(n.palette) || { key: n.palette, label: n.palette,
    fill: "#ffffff", text: "#1a1a1a" };
}

/* The legend: every kind of node in the graph (exits by category), in
 * the palette's order, and the frontier's border. */
function legend() {
  const ul = $("legend"), used = new Set(st.graph.nodes.map((n) =>
    n.palette));
  ul.textContent = "";
  const item = (key, label, attrs) => {
    const li = document.createElement("li");
    li.setAttribute("data-key", key);
    const sw = el("svg", { class: "sw", width: 14, height: 14,
      "aria-hidden": "true" });
    sw.appendChild(el("rect", Object.assign({ x: 1, y: 1, width: 12,
      height: 12, rx: 2, stroke: "#555" }, attrs)));
    li.appendChild(sw);
    li.appendChild(document.createTextNode(label));
    ul.appendChild(li);
  };
  for (const p of st.graph.palette)
    if (used.has(p.key)) item(p.key, p.label, { fill: p.fill });
  item("frontier-hops", "frontier (stopped by hops: expand it)",
    { fill: "#ffffff", class: "frontier" });
  if ((st.graph.links || []).length)
    item("xlink", "cross-chain link (click: its evidence)",
      { fill: "#ffffff", class: "xlink-sw" });
}

function setView() {
  const v = st.view;
  $("graph").setAttribute("viewBox", v.x + " " + v.y + " " + v.w + " " +
    v.h);
}

/* The notes of the case: its notes, then one line per note on an
 * edge. */
function showNotes(c) {
  $("notes").textContent = [c.notes || ""].concat((c.node_notes || []).map(
    (n) => "[" + n.node + "] " + n.text), (c.edge_notes || []).map(
    (n) => "[" + n.from + " \u2192 " + n.to + "] " + n.text)).filter((x) =>
    x).join("\n");
}

/* The case's notes on the node named name, joined. */
function nodeNotes(name) {
  return (st.cases[st.kase].node_notes || []).filter((n) =>
    n.node === name).map((n) => n.text).join("; ");
}

function selectEdge(k) {
  const e = st.graph.edges[k], g = st.graph;
  const from = g.nodes[e.from].name, to = g.nodes[e.to].name;
  st.sel = null; st.selEdge = k; st.selLink = null;
  st.noteEdge = { from, to, label: from + " \u2192 " + to };
  const d = $("details");
  d.textContent = "";
  d.appendChild(Object.assign(document.createElement("h2"),
    { textContent: "Edge" }));
  const dl = document.createElement("dl");
  const notes = (st.cases[st.kase].edge_notes || []).filter((n) =>
    n.from === from && n.to === to).map((n) => n.text).join("; ");
  for (const [key, v] of [["from", from], ["to", to],
    ["amount", fmt(e.amount, e)], ["transactions", String(e.txs)],
    ["first", e.first_time || "—"], ["last", e.last_time || "—"],
    ["notes", notes || "—"]]) {
    dl.appendChild(Object.assign(document.createElement("dt"),
      { textContent: key }));
    dl.appendChild(Object.assign(document.createElement("dd"),
      { textContent: v, className: "v-" + key }));
  }
  d.appendChild(dl);
  $("note-target").value = st.noteEdge.label;
  $("expand-btn").disabled = true;
  $("hide-btn").disabled = true;
  draw();
}

function select(i) {
  st.sel = i; st.selEdge = null; st.noteEdge = null; st.selLink = null;
  const n = st.graph.nodes[i], fr = frontier();
  const d = $("details");
  d.textContent = "";
  d.appendChild(Object.assign(document.createElement("h2"),
    { textContent: "Details" }));
  const dl = document.createElement("dl");
  const rows = [["address", n.name], ["role", n.role +
    (fr.has(n.name) ? " (frontier)" : "")], ["entity", n.entity || "—"],
    ["chain", n.chain || "—"],
    ["category", n.category || "—"], ["received", fmt(n.in, n)],
    ["sent", fmt(n.out, n)], ["exit", fmt(n.exit, n)],
    ["held", fmt(n.held, n)],
    ["notes", nodeNotes(n.name) || "—"]];
  for (const [k, v] of rows) {
    dl.appendChild(Object.assign(document.createElement("dt"),
      { textContent: k }));
    dl.appendChild(Object.assign(document.createElement("dd"),
      { textContent: v, className: "v-" + k }));
  }
  d.appendChild(dl);
  if (!n.cluster && n.role !== "other") d.appendChild(linkButton(
    "Address panel", () => showAddress(st.cases[st.kase].chain, n.name)));
  $("note-target").value = n.name;
  $("expand-btn").disabled = !fr.has(n.name);
  $("hide-btn").disabled = n.role === "seed";
  draw();
}

function timeSlider() {
  const ts = st.graph.edges.map((e) => e.first_time_unix).filter((t) =>
    t !== null);
  const s = $("time");
  if (!ts.length) { s.disabled = true; return; }
  s.min = Math.min(...ts); s.max = Math.max(...ts);
  s.value = s.max; st.until = null;
  $("time-label").textContent = new Date(s.max * 1000).toISOString();
}

async function load() {
  status("tracing…");
  try {
    const r = await apiJson("/api/graph?" + params());
    st.doc = r.trace; st.graph = r.graph; st.lay = r.layout;
    st.palette = new Map(r.graph.palette.map((p) => [p.key, p]));
    if (st.base === null) st.base = st.doc.limits.hops;
    st.sel = null; st.fit = true; st.moved.clear();
    timeSlider();
    legend();
    draw();
    $("graph").setAttribute("data-nodes", String(st.graph.nodes.length));
    $("graph").setAttribute("data-policy", st.doc.policy);
    $("graph").setAttribute("data-layout", st.lay ? "dot" : "hops");
    status("");
  } catch (e) { status(e.message); }
}

async function loadCases() {
  const r = await apiJson("/api/cases");
  st.cases = r.cases;
  const sel = $("case");
  sel.textContent = "";
  for (const c of r.cases) sel.appendChild(Object.assign(
    document.createElement("option"), { value: c.id, textContent: c.name }));
  if (!r.cases.length) { status("no case given: tracer serve --case F");
    return; }
  showCase(0);
}

function showCase(i) {
  st.kase = i; st.hops = null; st.base = null; st.before = null;
  st.hidden.clear();
  const c = st.cases[i];
  $("policy").value = c.policy;
  showNotes(c);
  load();
}

async function compare() {
  try {
    const r = await apiJson("/api/compare?" + params({}).replace(
      /&?policy=[^&]*/, ""));
    const t = $("compare-table");
    t.textContent = "";
    const head = t.insertRow();
    for (const h of ["", ...r.policies]) head.appendChild(Object.assign(
      document.createElement("th"), { textContent: h }));
    const add = (label, vals) => {
      const row = t.insertRow();
      row.insertCell().textContent = label;
      for (const v of vals) row.insertCell().textContent = fmt(v);
    };
    for (const x of r.exits) add(x.entity + " (" + (x.category || "") +
      ")", x.amounts);
    for (const k of ["exits_total", "held", "fees", "unresolved"])
      add(k, r.assets.map((a) => a[k]));
    $("compare").hidden = false;
    $("compare").scrollIntoView();
  } catch (e) { status(e.message); }
}

async function search(ev) {
  ev.preventDefault();
  const q = $("q").value.trim();
  if (!q) return;
  try {
    const r = await apiJson("/api/search?q=" + encodeURIComponent(q));
    const ul = $("result-list");
    ul.textContent = "";
    for (const x of r.results) {
      const li = document.createElement("li");
      const b = Object.assign(document.createElement("button"),
        { type: "button" });
      if (x.kind === "case") {
        b.textContent = "case: " + x.name;
        b.addEventListener("click", () => { $("case").value = x.case;
          showCase(x.case); });
      } else if (x.kind === "address") {
        b.textContent = "address: " + x.address;
        b.addEventListener("click", () => showAddress(x.chain, x.address));
      } else if (x.kind === "tx") {
        b.textContent = "transaction: " + x.txid;
        b.addEventListener("click", () => showTx(x.chain, x.txid));
      } else {
        b.textContent = x.entity + " (" + x.category + ") " + x.address;
        b.addEventListener("click", () => {
          const i = st.graph ? st.graph.nodes.findIndex((n) =>
            n.name === x.address) : -1;
          if (i >= 0) select(i);
          showAddress(x.chain, x.address);
        });
      }
      li.appendChild(b);
      ul.appendChild(li);
    }
    if (!r.results.length) ul.textContent = "nothing found";
  } catch (e) { status(e.message); }
}

/* The address/transaction panel: rows of [label, value] and tables. */
function panel(title, kind) {
  const p = $("panel");
  p.hidden = false;
  p.setAttribute("data-kind", kind);
  $("panel-title").textContent = title;
  const body = $("panel-body");
  body.textContent = "";
  return body;
}

function rows(body, list) {
  const dl = document.createElement("dl");
  for (const [k, v] of list) {
    dl.appendChild(Object.assign(document.createElement("dt"),
      { textContent: k }));
    dl.appendChild(Object.assign(document.createElement("dd"),
      { textContent: v }));
  }
  body.appendChild(dl);
}

/* A table of objects: cols are [heading, function of a row giving a
 * string or a DOM node]. */
function table(body, caption, cols, list) {
  const t = document.createElement("table");
  t.className = "panel-table";
  t.appendChild(Object.assign(document.createElement("caption"),
    { textContent: caption + " (" + list.length + ")" }));
  const h = t.insertRow();
  for (const [name] of cols) h.appendChild(Object.assign(
    document.createElement("th"), { textContent: name }));
  for (const x of list) {
    const r = t.insertRow();
    for (const [, f] of cols) {
      const v = f(x), c = r.insertCell();
      if (v instanceof Node) c.appendChild(v);
      else c.textContent = v === null || v === undefined ? "—" : String(v);
    }
  }
  body.appendChild(t);
}

function units(v, d) {
  if (v === null || v === undefined) return "—";
  if (d === null || d === undefined) return String(v);
  const s = String(v).padStart(d + 1, "0");
  const f = s.slice(s.length - d).replace(/0+$/, "");
  return s.slice(0, s.length - d) + (f ? "." + f : "");
}

function linkButton(text, fn) {
  const b = Object.assign(document.createElement("button"),
    { type: "button", textContent: text, className: "link" });
  b.addEventListener("click", fn);
  return b;
}

async function showAddress(chain, address) {
  try {
    const d = await apiJson("/api/address?" + new URLSearchParams({ chain,
      address, txs: "1" }));
    const body = panel("Address " + d.address, "address");
    const dec = d.assets.length ? d.assets[0].decimals : null;
    rows(body, [["chain", d.chain + " (" + d.network + ")"],
      ["transactions", String(d.tx_count)],
      ["first seen", d.first_seen ? d.first_seen.time : "—"],
      ["last seen", d.last_seen ? d.last_seen.time : "—"]]);
    table(body, "Balances", [["asset", (a) => a.asset],
      ["balance", (a) => units(a.balance, a.decimals)],
      ["received", (a) => units(a.received, a.decimals)],
      ["sent", (a) => units(a.sent, a.decimals)],
      ["complete", (a) => a.complete ? "yes" : "no"]], d.assets);
    table(body, "Tags", [["entity", (t) => t.entity],
      ["category", (t) => t.category], ["source", (t) => t.source],
      ["confidence", (t) => t.confidence],
      ["inferred", (t) => t.inferred ? "yes" : "no"]], d.tags);
    table(body, "History", [["time", (t) => t.time],
      ["transaction", (t) => linkButton(t.txid.slice(0, 16) + "…",
        () => showTx(d.chain, t.txid))],
      ["in", (t) => units(t.in, dec)], ["out", (t) => units(t.out, dec)]],
      d.txs || []);
    for (const w of d.warnings) body.appendChild(Object.assign(
      document.createElement("p"), { textContent: "warning: " + w,
        className: "warning" }));
    clusterPanel(body, await apiJson("/api/cluster?" + new URLSearchParams(
      { chain: d.chain, network: d.network, address: d.address,
        members: "50" })));
  } catch (e) { status(e.message); }
}

/* The document of `tracer cluster --json`: the cluster with its
 * evidence (the tag it inherits and why, its members and their tags). */
function clusterPanel(body, c) {
  const sec = Object.assign(document.createElement("section"),
    { id: "panel-cluster" });
  sec.appendChild(Object.assign(document.createElement("h3"),
    { textContent: "Cluster " + c.cluster + " (common-input ownership)" }));
  const inf = c.inferred;
  rows(sec, [["addresses", String(c.size)],
    ["CoinJoins left out", String(c.coinjoins_excluded)],
    ["inherits", inf ? inf.entity + " (" + inf.category + ", " +
      inf.source + ")" : "nothing"],
    ["evidence", inf && inf.evidence ? inf.evidence : "—"]]);
  const tag = (m) => m.tag ? m.tag.entity + " (" + m.tag.category +
    (m.tag.inferred ? ", inferred" : "") + ")" : "—";
  table(sec, "Members", [["address", (m) => m.address === c.address ?
    m.address : linkButton(m.address, () => showAddress(c.chain,
      m.address))], ["tag", tag],
    ["source", (m) => m.tag ? m.tag.source : null]], c.members);
  body.appendChild(sec);
}

async function showTx(chain, txid) {
  try {
    const d = await apiJson("/api/tx?" + new URLSearchParams({ chain,
      txid }));
    const body = panel("Transaction " + d.txid, "tx");
    const addr = (a) => a ? linkButton(a, () => showAddress(d.chain, a)) :
      "—";
    rows(body, [["chain", d.chain + " (" + d.network + ")"],
      ["height", d.height === null ? "—" : String(d.height)],
      ["time", d.time || "—"], ["fee", d.fee === null ? "—" :
        String(d.fee)], ["failed", d.failed ? "yes" : "no"]]);
    if (d.inputs) table(body, "Inputs", [["address", (i) =>
      addr(i.address)], ["value", (i) => i.value],
      ["spends", (i) => i.coinbase ? "coinbase" : i.prev_txid ?
        i.prev_txid.slice(0, 16) + "…:" + i.prev_vout : null]], d.inputs);
    if (d.outputs) table(body, "Outputs", [["n", (o) => o.n],
      ["address", (o) => addr(o.address)], ["value", (o) => o.value],
      ["level", (o) => o.level]], d.outputs);
    if (d.legs) table(body, "Legs", [["n", (l) => l.n],
      ["kind", (l) => l.kind], ["asset", (l) => l.asset || "native"],
      ["from", (l) => addr(l.from)], ["to", (l) => addr(l.to)],
      ["value", (l) => l.value], ["level", (l) => l.level]], d.legs);
  } catch (e) { status(e.message); }
}

async function saveNote(ev) {
  ev.preventDefault();
  try {
    const on = $("note-target").value, ne = st.noteEdge;
    const note = ne && on === ne.label ? { case: st.kase, from: ne.from,
      to: ne.to, text: $("note-text").value } : { case: st.kase,
      node: on, text: $("note-text").value };
    const r = await apiJson("/api/note", { method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(note) });
    st.cases[st.kase].notes = r.notes;
    st.cases[st.kase].edge_notes = r.edge_notes;
    st.cases[st.kase].node_notes = r.node_notes;
    showNotes(st.cases[st.kase]);
    $("note-text").value = "";
    status("note saved in the case file");
  } catch (e) { status(e.message); }
}

/* The bytes of `tracer report` or `tracer export` for the current view
 * (case, policy, hops), saved under the name the server gives. */
async function exportAs(value) {
  const [kind, format] = value.split(":");
  try {
    const r = await fetch("/api/" + kind + "?" + params({ format }),
      { credentials: "same-origin" });
    if (!r.ok) throw new Error(r.status + ": " + (await r.text()));
    const cd = r.headers.get("Content-Disposition") || "";
    const m = /filename="([^"]+)"/.exec(cd);
    const a = document.createElement("a");
    a.href = URL.createObjectURL(await r.blob());
    a.download = m ? m[1] : kind + "." + format;
    document.body.appendChild(a);
    a.click();
    a.remove();
    status("downloaded " + a.download);
  } catch (e) { status(e.message); }
}

function panZoom() {
  const svg = $("graph");
  let drag = null;
  svg.addEventListener("wheel", (ev) => {
    ev.preventDefault();
    const k = ev.deltaY > 0 ? 1.15 : 1 / 1.15, v = st.view;
    v.x += v.w * (1 - k) / 2; v.y += v.h * (1 - k) / 2; v.w *= k; v.h *= k;
    setView();
  }, { passive: false });
  svg.addEventListener("mousedown", (ev) => { drag = [ev.clientX,
    ev.clientY]; });
  window.addEventListener("mouseup", () => {
    drag = null;
    const d = st.drag;
    st.drag = null;
    if (!d || !d.moved) return;
    // a node dropped: it keeps its new place, its edges drawn straight
    const s = st.view.w / svg.clientWidth;
    st.moved.set(d.i, { x: d.p.x + (d.dx || 0) * s,
      y: d.p.y + (d.dy || 0) * s });
    st.dragged = true; // the click that ends the drag selects nothing
    setTimeout(() => { st.dragged = false; }, 0);
    draw();
  });
  svg.addEventListener("mousemove", (ev) => {
    const d = st.drag;
    if (d) {
      d.dx = ev.clientX - d.x; d.dy = ev.clientY - d.y;
      d.moved = d.moved || Math.abs(d.dx) + Math.abs(d.dy) > 3;
      const s = st.view.w / svg.clientWidth;
      if (d.moved) d.grp.setAttribute("transform", "translate(" +
        d.dx * s + "," + d.dy * s + ")");
      return;
    }
    if (!drag) return;
    const s = st.view.w / svg.clientWidth;
    st.view.x -= (ev.clientX - drag[0]) * s;
    st.view.y -= (ev.clientY - drag[1]) * s;
    drag = [ev.clientX, ev.clientY];
    setView();
  });
  // by keyboard, on the focused graph: arrows pan, + and - zoom, 0 fits
  svg.addEventListener("keydown", (ev) => {
    if (ev.target !== svg) return;
    const v = st.view, step = { ArrowLeft: [-0.1, 0], ArrowRight: [0.1, 0],
      ArrowUp: [0, -0.1], ArrowDown: [0, 0.1] }[ev.key];
    const k = { "+": 1 / 1.25, "=": 1 / 1.25, "-": 1.25 }[ev.key];
    if (step) { v.x += step[0] * v.w; v.y += step[1] * v.h; }
    else if (k) { v.x += v.w * (1 - k) / 2; v.y += v.h * (1 - k) / 2;
      v.w *= k; v.h *= k; }
    else if (ev.key === "0") { st.fit = true; draw(); return; }
    else return;
    ev.preventDefault();
    setView();
  });
}

function init() {
  $("search-form").addEventListener("submit", search);
  $("case").addEventListener("change", (e) => showCase(+e.target.value));
  $("policy").addEventListener("change", load);
  $("compare-btn").addEventListener("click", compare);
  $("note-form").addEventListener("submit", saveNote);
  $("export-btn").addEventListener("click",
    () => exportAs($("export-format").value));
  $("expand-btn").addEventListener("click", () => {
    st.before = new Set(st.graph.nodes.map((n) => n.name));
    st.hops = st.doc.limits.hops + (+$("expand-hops").value || 1);
    $("collapse-btn").disabled = false;
    load();
  });
  $("collapse-btn").addEventListener("click", () => {
    st.hops = null; st.before = null;
    $("collapse-btn").disabled = true;
    load();
  });
  $("hide-btn").addEventListener("click", () => {
    if (st.sel !== null) st.hidden.add(st.sel);
    st.sel = null; draw();
  });
  $("unhide-btn").addEventListener("click", () => { st.hidden.clear();
    draw(); });
  $("time").addEventListener("input", (e) => {
    st.until = +e.target.value;
    $("time-label").textContent = new Date(st.until * 1000).toISOString();
    draw();
  });
  panZoom();
  loadCases().catch((e) => status(e.message));
}
document.addEventListener("DOMContentLoaded", init);
