// The drawing time of `tracer serve`'s page in a real browser (Debian's
// chromium driven by puppeteer-core), for tests/bench/serve.sh: a figure,
// never asserted. node bench_page.js CHROMIUM URL RUNS
// opens URL (the server's token URL) RUNS times, each in a fresh page of
// a fresh browser context (no cache, no cookie), and takes the page's own
// clock (performance.now(), 0 at the navigation's start):
//   drawn   the moment the page marks the graph drawn (draw() done, then
//           #graph gets data-nodes), seen by a MutationObserver, and
//           checked: every node of the answer is a g.node of the SVG
//   painted the next frame after it (the browser has laid out and
//           painted the SVG)
//   graph   when the /api/graph answer had arrived (Resource Timing's
//           responseEnd): painted - graph is the page's share (parsing
//           the JSON, building and painting the SVG)
// Prints one JSON line: {"runs", "nodes", "drawn", "painted_seconds":
// [sorted], "graph_seconds": [...], "page_seconds": [...]}.
"use strict";
const puppeteer = require("puppeteer-core");
const [browserPath, url, runsArg] = process.argv.slice(2);
const RUNS = +(runsArg || 5);
const BOUND = +(process.env.SERVE_BOUND || 300000); // a hang guard

function marker() {
  const seen = () => {
    const g = document.getElementById("graph");
    if (!g || !g.hasAttribute("data-nodes") || window.__drawn !== undefined)
      return;
    window.__drawn = performance.now();
    window.__nodes = +g.getAttribute("data-nodes");
    window.__gnodes = g.querySelectorAll("g.node").length;
    requestAnimationFrame(() => requestAnimationFrame(() => {
      window.__painted = performance.now();
    }));
  };
  new MutationObserver(seen).observe(document, { subtree: true,
    attributes: true, attributeFilter: ["data-nodes"] });
}

let browser = null;
async function main() {
  browser = await puppeteer.launch({ executablePath: browserPath,
    headless: true, args: ["--no-sandbox", "--disable-gpu",
      "--disable-background-networking", "--no-first-run"] });
  const painted = [], graph = [], pageShare = [];
  let nodes = 0, drawn = 0;
  for (let i = 0; i < RUNS; i++) {
    const ctx = await browser.createBrowserContext();
    const page = await ctx.newPage();
    page.setDefaultTimeout(BOUND);
    await page.setViewport({ width: 1280, height: 800 });
    await page.evaluateOnNewDocument(marker);
    await page.goto(url);
    await page.waitForFunction(() => window.__painted !== undefined,
      { polling: 100 });
    const r = await page.evaluate(() => {
      const g = performance.getEntriesByType("resource").find((e) =>
        e.name.includes("/api/graph"));
      return { painted: window.__painted, nodes: window.__nodes,
        drawn: window.__gnodes, graph: g ? g.responseEnd : null };
    });
    nodes = r.nodes;
    drawn = r.drawn;
    painted.push(r.painted / 1000);
    if (r.graph !== null) {
      graph.push(r.graph / 1000);
      pageShare.push((r.painted - r.graph) / 1000);
    }
    await ctx.close();
  }
  const sorted = (a) => a.sort((x, y) => x - y).map((x) => +x.toFixed(4));
  console.log(JSON.stringify({ runs: RUNS, nodes, drawn,
    painted_seconds: sorted(painted), graph_seconds: sorted(graph),
    page_seconds: sorted(pageShare) }));
}

main().catch((e) => { console.error("bench_page: " + e.stack);
  process.exitCode = 1; })
  .finally(() => { if (browser) browser.close().catch(() => {});
    setTimeout(() => process.exit(), 5000).unref(); });
