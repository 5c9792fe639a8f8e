// The page of `tracer serve` in a real browser (Debian's chromium driven by
// puppeteer-core): node serve_page.js CHROMIUM URL OUTDIR. Prints one line
// per check ("ok NAME" or "FAIL NAME: why") for tests/integration/
// test_serve_browser.sh; downloads OUTDIR/report.md, report.json and
// flow.dot with the page's Download button, writes OUTDIR/edge.txt (the
// noted edge) and OUTDIR/shot.png.
// Any request to another host than the server's is refused and reported.
"use strict";
const puppeteer = require("puppeteer-core");
const fs = require("fs");
const [browserPath, url, outDir] = process.argv.slice(2);
const host = new URL(url).host;
const BOUND = +(process.env.SERVE_BOUND || 120000); // a hang guard, never a measure

function check(name, ok, why) {
  console.log(ok ? "ok " + name : "FAIL " + name + ": " + (why || ""));
}

async function nodes(page) {
  return page.$eval("#graph", (g) => +g.getAttribute("data-nodes"));
}

let browser = null;
async function main() {
  browser = await puppeteer.launch({ executablePath: browserPath,
    headless: true, args: ["--no-sandbox", "--disable-gpu",
      "--disable-background-networking", "--no-first-run"] });
  const page = await browser.newPage();
  page.setDefaultTimeout(BOUND);
  await page.setViewport({ width: 1280, height: 800 });
  const foreign = [], errors = [];
  await page.setRequestInterception(true);
  page.on("request", (r) => {
    const u = new URL(r.url());
    if (u.protocol !== "data:" && u.protocol !== "blob:" && u.host !== host) {
      foreign.push(r.url());
      r.abort();
    } else {
      r.continue();
    }
  });
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("dialog", (d) => { errors.push("dialog: " + d.message());
    d.dismiss(); });

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
