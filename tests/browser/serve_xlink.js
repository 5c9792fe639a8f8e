// A cross-chain case in tracer serve's page (Debian's chromium driven by
// puppeteer-core): node serve_xlink.js CHROMIUM URL EVIDENCE CONVERTED.
// The case's stated BTC -> ETH link must be drawn as its own edge (class
// xlink, its own colour), in the legend, and a click on it must show the
// link's evidence and both amounts in the side panel (selected with the
// keyboard). Prints "ok NAME" or
// "FAIL NAME: why" per check for tests/integration/test_serve_browser.sh.
"use strict";
const { openServePage } = require("./serve_open.js");
const [browserPath, url, evidence, converted] = process.argv.slice(2);
const BOUND = +(process.env.SERVE_BOUND || 120000); // a hang guard

function check(name, ok, why) {
  console.log(ok ? "ok " + name : "FAIL " + name + ": " + (why || ""));
}

let browser = null;
async function main() {
  const o = await openServePage(browserPath, url, BOUND);
  browser = o.browser;
  const { page, foreign, errors } = o;
  await page.goto(url, { waitUntil: "networkidle0" });
  await page.waitForSelector("#graph[data-nodes]");
  const links = await page.$$eval("#graph g.xlink-g", (a) => a.map((g) =>
    [g.getAttribute("data-kind"), g.querySelector(".xlink").tagName,
      getComputedStyle(g.querySelector(".xlink")).stroke]));
  check("xlink_drawn", links.length === 1 && links[0][0] === "stated",
    JSON.stringify(links));
  check("xlink_style", links.length === 1 &&
    links[0][2] === "rgb(173, 20, 87)", JSON.stringify(links));
  const lay = await page.$eval("#graph", (g) => g.getAttribute(
    "data-layout"));
  check("xlink_dot_path", lay !== "dot" || (links.length === 1 &&
    links[0][1] === "path"), lay + " " + JSON.stringify(links));
  const ends = await page.$$eval("#graph g.node", (a) => a.map((g) =>
    g.getAttribute("data-name")));
  const [from, to] = await page.$eval("#graph g.xlink-g", (g) =>
    [g.getAttribute("data-from"), g.getAttribute("data-to")]);
  check("xlink_ends_drawn", ends.includes(from) && ends.includes(to) &&
    /^0x/.test(to) && !/^0x/.test(from), from + " -> " + to);
  const legend = await page.$$eval('#legend li[data-key="xlink"]',
    (a) => a.length);
  check("xlink_legend", legend === 1, legend + " legend items");
  const ident = await page.$eval("#identity", (e) => e.textContent);
  check("xlink_identity", /cross-chain: 1 link followed; btc BTC balanced, eth ETH balanced/.test(ident), ident);
  // by keyboard: a straight link's box is a line, which has no area to
  // click at its centre
  await page.$eval("#graph g.xlink-g", (g) => g.focus());
  await page.keyboard.press("Enter");
  await page.waitForSelector("#details .v-evidence");
  const panel = await page.$eval("#details", (d) => ({
    h: d.querySelector("h2").textContent,
    ev: d.querySelector(".v-evidence").textContent,
    conv: d.querySelector(".v-converted").textContent,
    kind: d.querySelector(".v-kind").textContent }));
  check("xlink_panel", panel.h === "Cross-chain link" &&
    panel.ev === evidence && panel.kind === "stated" &&
    panel.conv === converted, JSON.stringify(panel));
  check("xlink_no_foreign", foreign.length === 0, foreign.join(" "));
  check("xlink_no_page_errors", errors.length === 0, errors.join("; "));
}

main().catch((e) => check("xlink_run", false, String(e && e.stack || e)))
  .finally(() => browser && browser.close());
