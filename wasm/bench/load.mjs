// Load time of the demo in headless Chromium on loopback (Debian's /usr/bin/chromium,
// playwright-core): for each of RUNS fresh browser contexts (no cache), from navigation
// and from the page's first script request to the first answer (the app's
// `customer-core:first-answer` mark, set once `init()` resolved and a first call
// answered), with the breakdown (HTML, the JS modules, the .wasm download, compile and
// start). Prints the medians as JSON. Run after wasm/build.sh:
//   node wasm/bench/load.mjs            (RUNS=9; CHROMIUM=/usr/bin/chromium)
import { chromium } from 'playwright-core';
import { serve } from '../demo/serve.mjs';

const RUNS = Number(process.env.RUNS ?? 9);
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const { server, url } = await serve(0);
const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
const runs = [];
try {
  for (let i = 0; i < RUNS; i += 1) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
    runs.push(await page.evaluate(() => {
      const [answer] = performance.getEntriesByName('customer-core:first-answer');
      const resources = performance.getEntriesByType('resource');
      const scripts = resources.filter((r) => r.name.endsWith('.js'));
      const wasm = resources.find((r) => r.name.endsWith('.wasm'));
      const firstScript = Math.min(...scripts.map((r) => r.startTime));
      const lastScript = Math.max(...scripts.map((r) => r.responseEnd));
      return {
        navigation_to_answer: answer.startTime,
        first_script_to_answer: answer.startTime - firstScript,
        html: performance.getEntriesByType('navigation')[0].responseEnd,
        js_modules: scripts.length,
        js_done: lastScript,
        wasm_start: wasm?.startTime ?? null,
        wasm_done: wasm?.responseEnd ?? null,
        wasm_bytes_transferred: wasm?.encodedBodySize ?? null,
        start_after_wasm: wasm ? answer.startTime - wasm.responseEnd : null,
      };
    }));
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}
const out = {};
for (const key of Object.keys(runs[0])) {
  const values = runs.map((r) => r[key]).filter((v) => v !== null);
  out[key] = values.length ? Math.round(median(values) * 10) / 10 : null;
}
console.log(JSON.stringify({ runs: RUNS, medians_ms: out }, null, 2));
