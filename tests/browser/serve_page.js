// The page of `tracer serve` in a real browser (Debian's chromium driven by
// puppeteer-core): node serve_page.js CHROMIUM URL OUTDIR. Prints one line
// per check ("ok NAME" or "FAIL NAME: why") for tests/integration/
// test_serve_browser.sh; downloads OUTDIR/report.md, report.json and
// flow.dot with the page's Download button, writes OUTDIR/edge.txt (the
// noted edge) and OUTDIR/shot.png.
// Any request to another host than the server's is refused and reported.
"use strict";
const fs = require("fs");
const { openServePage } = require("./serve_open.js");
const [browserPath, url, outDir] = process.argv.slice(2);
const BOUND = +(process.env.SERVE_BOUND || 120000); // a hang guard, never a measure

function check(name, ok, why) {
  console.log(ok ? "ok " + name : "FAIL " + name + ": " + (why || ""));
}

async function nodes(page) {
  return page.$eval("#graph", (g) => +g.getAttribute("data-nodes"));
}

let browser = null;
async function main() {
  const o = await openServePage(browserPath, url, BOUND);
  browser = o.browser;
  const { page, foreign, errors } = o;

  await page.goto(url, { waitUntil: "networkidle0" });
  await page.waitForSelector("#graph[data-nodes]");
  const n0 = await nodes(page);
  const drawn = await page.$$eval("#graph g.node", (a) => a.length);
  check("graph_nodes", n0 > 0 && drawn === n0, n0 + " nodes, " + drawn +
    " drawn");
  console.log("nodes " + n0);
  const seeds = await page.$$eval('#graph g.node[data-role="seed"]',
    (a) => a.length);
  check("graph_seed", seeds >= 1, seeds + " seeds");
  const ident = await page.$eval("#identity", (e) => e.textContent);
  check("identity", /seed total 40 = exits .*\(balanced\)/.test(ident),
    ident);

  // the legend: every kind of node drawn, exits by category, in the
  // report's colours (each node's fill is its legend entry's)
  const leg = await page.$$eval("#legend li", (a) => a.map((l) =>
    [l.dataset.key, l.textContent, l.querySelector("rect")
      .getAttribute("fill")]));
  const kinds = await page.$$eval("#graph g.node", (a) => a.map((g) =>
    [g.dataset.palette, g.querySelector("rect, circle")
      .getAttribute("fill")]));
  const legKey = new Map(leg.map(([k, , f]) => [k, f]));
  check("legend_kinds", kinds.every(([k, f]) => legKey.get(k) === f) &&
    leg.length >= 4, JSON.stringify(leg));
  check("legend_exit_category", leg.some(([k, t]) =>
    k.startsWith("exit-") && /^exit: /.test(t)), JSON.stringify(leg));
  check("legend_parts", ["seed", "frontier-hops"].every((k) =>
    legKey.has(k)) && kinds.some(([k]) => k.startsWith("exit-")),
    JSON.stringify(leg));
  const fills = new Set(kinds.map(([, f]) => f));
  check("node_colours", fills.size >= 3, [...fills].join(","));
  // hover: a node's title gives its amounts
  const tip = await page.$eval('#graph g.node[data-role="seed"] title',
    (t) => t.textContent);
  check("hover_amounts", /in [0-9.]+ BTC, out [0-9.]+ BTC/.test(tip), tip);

  // the time slider: at its start fewer edges are drawn, at its end all
  const e0 = await page.$$eval("#graph g.edge-g", (a) => a.length);
  const setTime = (end) => page.$eval("#time", (s, end) => {
    s.value = end ? s.max : s.min;
    s.dispatchEvent(new Event("input"));
  }, end);
  await setTime(false);
  const eMin = await page.$$eval("#graph g.edge-g", (a) => a.length);
  const label = await page.$eval("#time-label", (e) => e.textContent);
  check("time_slider_filters", eMin < e0 && eMin >= 1 &&
    /^\d{4}-\d\d-\d\dT/.test(label), e0 + " edges, " + eMin +
    " at the start, " + label);
  await setTime(true);
  check("time_slider_back", (await page.$$eval("#graph g.edge-g",
    (a) => a.length)) === e0, "");

  // hide a node (by keyboard: focus it, Enter, the Hide button), then
  // show all
  const victim = await page.$('#graph g.node[data-role="exit"]');
  const vname = await victim.evaluate((e) => e.dataset.name);
  await victim.evaluate((e) => e.focus());
  await page.keyboard.press("Enter");
  await page.waitForSelector("#hide-btn:not([disabled])");
  await page.$eval("#hide-btn", (b) => b.focus());
  await page.keyboard.press("Enter");
  const hidden = await page.$$eval("#graph g.node", (a, v) => [a.length,
    a.some((g) => g.dataset.name === v)], vname);
  check("hide_node", hidden[0] < n0 && !hidden[1], JSON.stringify(hidden));
  await page.click("#unhide-btn");
  check("show_all", (await page.$$eval("#graph g.node", (a) => a.length))
    === n0, "");

  // pan and zoom by keyboard on the focused graph
  const vb = () => page.$eval("#graph", (g) => g.getAttribute("viewBox"));
  const vb0 = await vb();
  await page.$eval("#graph", (g) => g.focus());
  await page.keyboard.press("ArrowRight");
  const vb1 = await vb();
  await page.keyboard.press("+");
  const vb2 = await vb();
  const w = (s) => +s.split(" ")[2];
  check("keyboard_pan", vb1 !== vb0 && w(vb1) === w(vb0), vb0 + " / " + vb1);
  check("keyboard_zoom", w(vb2) < w(vb1), vb1 + " / " + vb2);
  await page.keyboard.press("0");
  check("keyboard_fit", (await vb()) === vb0, "");
  // and with the mouse: the wheel zooms
  const gb = await page.$eval("#graph", (g) => { const r =
    g.getBoundingClientRect(); return [r.x + r.width / 2,
    r.y + r.height / 2]; });
  await page.mouse.move(gb[0], gb[1]);
  await page.mouse.wheel({ deltaY: 200 });
  await page.waitForFunction((v) => document.querySelector("#graph")
    .getAttribute("viewBox") !== v, {}, vb0);
  check("wheel_zoom", w(await vb()) > w(vb0), "");
  await page.keyboard.press("0");
  // drag a node with the mouse: it moves, nothing else changes; drag the
  // background: the view pans
  const dragFrom = await page.$eval('#graph g.node[data-role="seed"] rect',
    (r) => { const b = r.getBoundingClientRect(); return [b.x + b.width / 2,
      b.y + b.height / 2, +r.getAttribute("x")]; });
  await page.mouse.move(dragFrom[0], dragFrom[1]);
  await page.mouse.down();
  await page.mouse.move(dragFrom[0] + 60, dragFrom[1] + 40, { steps: 5 });
  await page.mouse.up();
  const dragTo = await page.$eval('#graph g.node[data-role="seed"] rect',
    (r) => +r.getAttribute("x"));
  check("drag_node", dragTo > dragFrom[2] && (await nodes(page)) === n0 &&
    (await page.$$eval("#graph g.node", (a) => a.length)) === n0,
    dragFrom[2] + " -> " + dragTo);
  const corner = await page.$eval("#graph", (g) => { const r =
    g.getBoundingClientRect(); return [r.x + 4, r.y + 4]; });
  const vbp = await vb();
  await page.mouse.move(corner[0], corner[1]);
  await page.mouse.down();
  await page.mouse.move(corner[0] + 50, corner[1] + 30, { steps: 5 });
  await page.mouse.up();
  const vbq = await vb();
  check("drag_pan", vbq !== vbp && w(vbq) === w(vbp), vbp + " / " + vbq);
  await page.keyboard.press("0");

  // search the hack's exchange (entity), case-insensitive
  await page.type("#q", "northwind");
  await page.click("#search-form button");
  await page.waitForSelector("#result-list li button");
  const hits = await page.$$eval("#result-list li", (a) =>
    a.map((x) => x.textContent));
  check("search", hits.some((h) => h.includes("Northwind Exchange")),
    JSON.stringify(hits));

  // a hostile entity stays text
  await page.$eval("#q", (e) => { e.value = ""; });
  await page.type("#q", "evil");
  await page.click("#search-form button");
  await page.waitForFunction(() => [...document.querySelectorAll(
    "#result-list li")].some((l) => l.textContent.includes("<img")));
  const scripts = await page.$$eval("script", (a) => a.map((s) => s.src));
  const imgs = await page.$$eval("img", (a) => a.length);
  check("hostile_inert", scripts.length === 1 && imgs === 0 &&
    !errors.some((e) => e.includes("pwned")), JSON.stringify(scripts) +
    " " + imgs + " " + errors.join(";"));

  // fifo and back
  await page.select("#policy", "fifo");
  await page.waitForSelector('#graph[data-policy="fifo"]');
  const idf = await page.$eval("#identity", (e) => e.textContent);
  check("policy_fifo", idf.includes("policy fifo"), idf);
  await page.select("#policy", "haircut");
  await page.waitForSelector('#graph[data-policy="haircut"]');
  check("policy_back", (await nodes(page)) === n0, "");

  // the comparison
  await page.click("#compare-btn");
  await page.waitForSelector("#compare:not([hidden]) #compare-table tr");
  const head = await page.$$eval("#compare-table tr:first-child th",
    (a) => a.map((x) => x.textContent));
  check("compare", head.join(",") === ",poison,haircut,fifo,lifo,tiho",
    head.join(","));
  const rows = await page.$$eval("#compare-table tr", (a) => a.length);
  check("compare_rows", rows >= 5, rows + " rows");

  // expand the frontier node: the graph grows; collapse: back
  const fr = await page.$('#graph g.node[data-frontier="1"]');
  check("frontier_node", !!fr, "no frontier node");
  if (fr) {
    // by keyboard (a click lands where the compare table scrolled it)
    await fr.evaluate((e) => e.focus());
    await page.keyboard.press("Enter");
    await page.waitForSelector("#expand-btn:not([disabled])");
    await page.click("#expand-btn");
    await page.waitForFunction((n) => +document.querySelector("#graph")
      .getAttribute("data-nodes") > n, {}, n0);
    const n1 = await nodes(page);
    check("expand_grows", n1 > n0, n0 + " -> " + n1);
    const drawn1 = await page.$$eval("#graph g.node", (a) => a.length);
    check("expand_drawn", drawn1 === n1, drawn1 + " drawn of " + n1);
    await page.click("#collapse-btn");
    await page.waitForFunction((n) => +document.querySelector("#graph")
      .getAttribute("data-nodes") === n, {}, n0);
    check("collapse", (await nodes(page)) === n0, "");
  }

  // a note on the seed, by keyboard: focus the node, Enter, type
  await page.$eval('#graph g.node[data-role="seed"]', (e) => e.focus());
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.querySelector("#note-target")
    .value !== "");
  await page.type("#note-text", "browser note 42");
  await page.click("#note-form button");
  await page.waitForFunction(() => document.querySelector("#notes")
    .textContent.includes("browser note 42"));
  check("note", true);
  // the node's details show its note
  await page.$eval('#graph g.node[data-role="seed"]', (e) => e.focus());
  await page.keyboard.press("Enter");
  const dn = await page.$eval("#details .v-notes", (e) => e.textContent);
  check("note_in_details", dn === "browser note 42", dn);
  // a hostile note stays text in the page
  await page.type("#note-text", '<img src=x onerror=alert("note")>');
  await page.click("#note-form button");
  await page.waitForFunction(() => document.querySelector("#notes")
    .textContent.includes("<img src=x"));
  await page.$eval('#graph g.node[data-role="seed"]', (e) => e.focus());
  await page.keyboard.press("Enter");
  const hn = await page.$eval("#details .v-notes", (e) => e.textContent);
  check("hostile_note_inert", (await page.$$eval("img", (a) => a.length))
    === 0 && hn.includes("<img src=x") && !errors.length, hn);

  // the Graphviz layout is drawn: every node a box at dot's position
  const boxes = await page.$$eval("#graph g.node rect", (a) => a.length);
  check("layout_drawn", boxes === n0, boxes + " boxes of " + n0 + " nodes");

  // the address panel of the seed: balances, history, tags and the
  // cluster with its evidence (tracer cluster --json)
  await page.$eval('#graph g.node[data-role="seed"]', (e) => e.focus());
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => [...document.querySelectorAll(
    "#details button")].some((b) => b.textContent === "Address panel"));
  await page.$$eval("#details button", (a) => a.find((b) =>
    b.textContent === "Address panel").click());
  await page.waitForSelector('#panel[data-kind="address"] #panel-cluster');
  const caps = await page.$$eval("#panel-body caption", (a) =>
    a.map((c) => c.textContent));
  check("address_panel", ["Balances", "Tags", "History", "Members"].every(
    (w) => caps.some((c) => c.startsWith(w))), JSON.stringify(caps));
  const cl = await page.$eval("#panel-cluster", (e) => e.textContent);
  check("address_cluster", /Cluster \d+ \(common-input ownership\)/.test(cl)
    && cl.includes("CoinJoins left out"), cl.slice(0, 200));

  // its first transaction: the tx panel with inputs and outputs
  await page.$eval("#panel-body table:nth-of-type(3) button.link",
    (b) => b.click());
  await page.waitForSelector('#panel[data-kind="tx"]');
  const tcaps = await page.$$eval("#panel-body caption", (a) =>
    a.map((c) => c.textContent));
  const title = await page.$eval("#panel-title", (e) => e.textContent);
  check("tx_panel", /^Transaction [0-9a-f]{64}$/.test(title) &&
    tcaps.some((c) => c.startsWith("Inputs")) &&
    tcaps.some((c) => c.startsWith("Outputs")), title + " " +
    JSON.stringify(tcaps));

  // a note on an edge (by keyboard): its own field of the case file
  const edge = await page.$("#graph g.edge-g");
  check("edge_drawn", !!edge, "no edge");
  if (edge) {
    await edge.evaluate((e) => e.focus());
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => document.querySelector("#details h2")
      .textContent === "Edge");
    const on = await page.$eval("#note-target", (e) => e.value);
    const [from, to] = await edge.evaluate((e) => [e.dataset.from,
      e.dataset.to]);
    check("edge_target", on === from + " \u2192 " + to, on);
    fs.writeFileSync(outDir + "/edge.txt", from + "\n" + to + "\n");
    await page.type("#note-text", "edge note 7");
    await page.click("#note-form button");
    await page.waitForFunction(() => document.querySelector("#notes")
      .textContent.includes("edge note 7"));
    check("edge_note", true);
  }

  // downloads: the Download button's files, as the browser saves them
  const cdp = await page.createCDPSession();
  await cdp.send("Browser.setDownloadBehavior", { behavior: "allow",
    downloadPath: outDir, eventsEnabled: true });
  for (const [value, file] of [["report:md", "report.md"],
    ["report:json", "report.json"], ["export:dot", "flow.dot"]]) {
    await page.select("#export-format", value);
    await page.click("#export-btn");
    await page.waitForFunction((f) => document.querySelector("#status")
      .textContent === "downloaded " + f, {}, file);
    const t0 = Date.now();
    while (!fs.existsSync(outDir + "/" + file) && Date.now() - t0 < BOUND)
      await new Promise((r) => setTimeout(r, 100));
    check("download_" + file, fs.existsSync(outDir + "/" + file), "");
  }

  // readable at 1280x800: nothing wider than the window, the graph and
  // the identity in the first screen
  await page.evaluate(() => window.scrollTo(0, 0));
  const fit = await page.evaluate(() => {
    const g = document.querySelector("#graph").getBoundingClientRect();
    const i = document.querySelector("#identity").getBoundingClientRect();
    return [document.documentElement.scrollWidth, g.width, g.bottom,
      i.bottom];
  });
  check("fits_1280x800", fit[0] <= 1280 && fit[1] >= 600 && fit[2] <= 800 &&
    fit[3] <= 800, JSON.stringify(fit));

  await page.screenshot({ path: outDir + "/shot.png" });
  const box = await page.$eval("#graph", (g) => {
    const r = g.getBBox ? g.querySelector("#root").getBBox() : null;
    return r ? [r.width, r.height] : [0, 0];
  });
  check("drawn_area", box[0] > 100 && box[1] > 50, JSON.stringify(box));
  check("no_foreign_requests", foreign.length === 0, foreign.join(" "));
  check("no_page_errors", errors.length === 0, errors.join("; "));
}

main().catch((e) => { console.log("FAIL browser: " + e.stack); })
  .finally(() => { if (browser) browser.close().catch(() => {});
    setTimeout(() => process.exit(0), 5000).unref(); });
