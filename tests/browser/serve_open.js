// The page of `tracer serve` opened in Debian's chromium by puppeteer-core,
// for the serve_*.js checks: a 1280x800 page with BOUND as its timeout,
// every request to another host than url's refused and listed in
// `foreign`, page errors and dialogs listed in `errors`.
"use strict";
const puppeteer = require("puppeteer-core");

// Returns { browser, page, foreign, errors }; the caller closes browser.
async function openServePage(browserPath, url, bound) {
  const host = new URL(url).host;
  const browser = await puppeteer.launch({ executablePath: browserPath,
    headless: true, args: ["--no-sandbox", "--disable-gpu",
      "--disable-background-networking", "--no-first-run"] });
  const page = await browser.newPage();
  page.setDefaultTimeout(bound);
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
  return { browser, page, foreign, errors };
}

module.exports = { openServePage };
