// The HTML report in a real browser (Debian's chromium driven by
// puppeteer-core): node report_page.js CHROMIUM REPORT.html [CONTROL.html].
// Prints one line per check ("ok NAME" or "FAIL NAME: why") for
// tests/integration/test_html_browser.sh. Every request other than the
// file itself is refused and reported. CONTROL is the same report with
// its script changed by one byte: the browser must refuse it (its hash no
// longer matches the CSP), which shows the CSP check sees a violation.
"use strict";
const puppeteer = require("puppeteer-core");
const crypto = require("crypto");
const fs = require("fs");
const [browserPath, file, control] = process.argv.slice(2);
const BOUND = 120000; // a hang guard, never a measure

function check(name, ok, why) {
  console.log(ok ? "ok " + name : "FAIL " + name + ": " + (why || ""));
}

async function open(browser, path) {
  const page = await browser.newPage();
  page.setDefaultTimeout(BOUND);
  await page.setViewport({ width: 1280, height: 900 });
  const out = { page, foreign: [], errors: [], csp: [] };
  await page.setRequestInterception(true);
  page.on("request", (r) => {
    if (r.url() === "file://" + path || r.url().startsWith("data:")) {
      r.continue();
    } else {
      out.foreign.push(r.url());
      r.abort();
    }
  });
  page.on("pageerror", (e) => out.errors.push(String(e)));
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) out.csp.push(m.text());
  });
  await page.evaluateOnNewDocument(() => {
    window.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      window.__csp.push(e.violatedDirective + " " + e.blockedURI));
  });
  await page.goto("file://" + path, { waitUntil: "load" });
  out.csp = out.csp.concat(await page.evaluate(() => window.__csp));
  return out;
}

async function main() {
  const browser = await puppeteer.launch({ executablePath: browserPath,
    headless: true, args: ["--no-sandbox", "--disable-gpu",
      "--disable-background-networking", "--no-first-run",
      "--host-resolver-rules=MAP * ~NOTFOUND"] });
  try {
    const { page, foreign, errors, csp } = await open(browser, file);

    // the script's hash is the one the CSP names
    const html = fs.readFileSync(file, "utf8");
    const pol = (html.match(/Content-Security-Policy" content="([^"]*)"/) ||
      [])[1] || "";
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)];
    const sha = scripts.length === 1 ? crypto.createHash("sha256")
      .update(scripts[0][1], "utf8").digest("base64") : "";
    check("csp_hash", scripts.length === 1 &&
      pol.includes("script-src 'sha256-" + sha + "'"),
      scripts.length + " scripts; policy " + pol);
    check("csp_strict", /^default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-[A-Za-z0-9+/=]+'$/.test(pol), pol);
    check("no_csp_violation", csp.length === 0, csp.join("; "));
    const zoomable = await page.$eval("figure.graph",
      (f) => f.classList.contains("zoomable"));
    check("script_ran", zoomable, "figure.graph has no class zoomable");

    // the legend: every kind of node
    const legend = await page.$$eval("ul.legend .sw",
      (a) => a.map((e) => e.getAttribute("data-key")));
    const want = ["seed", "exit-exchange", "exit-deposit", "held", "hub",
      "frontier", "other", "intermediate"];
    check("legend", want.every((k) => legend.includes(k)),
      "legend keys: " + legend.join(","));

    // labels at least 10 CSS pixels at the default zoom: the font size in
    // the SVG's units times the scale from those units to the screen
    const sizes = await page.$$eval("figure.graph svg g.node text, " +
      "figure.graph svg g.edge text", (ts) => ts.map((t) => {
      const b = t.getBBox(), r = t.getBoundingClientRect();
      return b.height > 0 ? parseFloat(t.getAttribute("font-size")) *
        r.height / b.height : 0;
    }));
    const least = Math.min(...sizes);
    check("label_size", sizes.length > 0 && least >= 10,
      sizes.length + " labels, smallest " + least.toFixed(2) + " px");
    console.log("labels " + sizes.length + " smallest_px " +
      least.toFixed(2));

    // the tooltip (<title>) holds the whole address, the label a short one
    const tip = await page.$$eval("figure.graph g.node", (gs) =>
      gs.map((g) => [g.querySelector("title").textContent,
        g.querySelector("text").textContent]));
    const shortened = tip.filter(([t, l]) => l.includes("\u2026") &&
      t.includes(l.split("\u2026")[0]) &&
      t.endsWith(l.split("\u2026")[1].split(" ")[0]));
    check("tooltip_full_address", shortened.length > 0,
      JSON.stringify(tip.slice(0, 3)));
    // frontier nodes (the palette's fill) say "follow here"
    const [follow, frontier] = await page.$eval("figure.graph svg", (s) => [
      [...s.querySelectorAll("g.node text")].filter((t) =>
        t.textContent === "follow here").length,
      [...s.querySelectorAll("g.node path, g.node polygon")].filter((p) =>
        p.getAttribute("fill") === "#ffb74d").length]);
    check("frontier_follow_here", follow >= (frontier ? 1 : 0) &&
      (process.env.FRONTIER !== "1" || follow > 0),
      follow + " labels, " + frontier + " frontier shapes");
    // zoom: a wheel event changes the transform
    const before = await page.$eval("figure.graph svg",
      (s) => s.style.transform);
    await page.$eval("figure.graph .gview", (v) => {
      const r = v.getBoundingClientRect();
      v.dispatchEvent(new WheelEvent("wheel", { deltaY: -300,
        clientX: r.left + 50, clientY: r.top + 50, bubbles: true,
        cancelable: true }));
    });
    const after = await page.$eval("figure.graph svg",
      (s) => s.style.transform);
    check("wheel_zoom", before !== after && /scale\(/.test(after),
      before + " -> " + after);
    // pan: a drag moves it
    await page.$eval("figure.graph .gview", (v) => v.scrollIntoView());
    const box = await (await page.$("figure.graph .gview")).boundingBox();
    await page.mouse.move(box.x + 100, box.y + 100);
    await page.mouse.down();
    await page.mouse.move(box.x + 160, box.y + 130, { steps: 3 });
    await page.mouse.up();
    const panned = await page.$eval("figure.graph svg",
      (s) => s.style.transform);
    check("drag_pan", panned !== after, after + " -> " + panned);

    // addresses and txids do not wrap inside
    const wraps = await page.$$eval("td code", (cs) => cs.filter((c) =>
      c.getClientRects().length > 1 ||
      getComputedStyle(c).whiteSpace !== "nowrap").length);
    check("code_nowrap", wraps === 0, wraps + " wrapped");
    const mono = await page.$eval("td code",
      (c) => getComputedStyle(c).fontFamily);
    check("code_monospace", /mono/i.test(mono), mono);

    if (process.env.SHOT) {
      await page.$eval("figure.graph", (f) => f.scrollIntoView());
      await page.screenshot({ path: process.env.SHOT });
    }
    check("no_requests", foreign.length === 0, foreign.join(" "));
    check("no_page_errors", errors.length === 0, errors.join("; "));

    if (control) {
      const c = await open(browser, control);
      const ran = await c.page.$eval("figure.graph",
        (f) => f.classList.contains("zoomable"));
      check("control_refused", c.csp.length > 0 && !ran,
        c.csp.length + " violations, script ran " + ran);
    }
  } finally {
    await browser.close();
  }
}

main().catch((e) => {
  console.log("FAIL page_run: " + String(e && e.stack || e));
  process.exit(1);
});
