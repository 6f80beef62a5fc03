// browsercheck.mjs opens an HTML training report in headless Chromium
// (Debian's /usr/bin/chromium, driven by playwright-core) and checks it
// as a person's browser would show it:
//   - it loads with no console error and no request beyond the file;
//   - axe-core finds no accessibility violation;
//   - every figure of the JSON report appears in the page's text, and
//     every row of its compliance, learner and question tables is a row
//     of the page's tables, figure by figure;
//   - at 320 CSS pixels wide (400% zoom of a 1280-pixel window) the page
//     reflows: nothing but a table's own scroller is wider than the
//     window;
// and saves screenshots at 1280 wide and at 400% zoom.
//
// Usage: node scripts/browsercheck.mjs REPORT.html REPORT.json OUTDIR
// NODE_MODULES (or $HOME/.cache/upskill-ci/node_modules) must hold
// playwright-core and axe-core; .ci/run installs them.
// Prints one JSON object with the findings; exits 1 if any check fails.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [htmlPath, jsonPath, outDir] = process.argv.slice(2);
if (!htmlPath || !jsonPath || !outDir) {
  console.error('usage: node browsercheck.mjs REPORT.html REPORT.json OUTDIR');
  process.exit(2);
}
const modules = process.env.NODE_MODULES || path.join(process.env.HOME || '', '.cache', 'upskill-ci', 'node_modules');
const require = createRequire(path.join(modules, 'browsercheck.cjs'));
const { chromium } = require('playwright-core');
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';

// figures lists every number in the JSON report (but the form's version)
// and every date, as the page must show them.
function figures(value, key, out) {
  if (typeof value === 'number' && key !== 'version') out.add(String(value));
  else if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) out.add(value);
  else if (Array.isArray(value)) value.forEach((v) => figures(v, key, out));
  else if (value && typeof value === 'object') Object.entries(value).forEach(([k, v]) => figures(v, k, out));
  return out;
}

const report = JSON.parse(readFileSync(jsonPath, 'utf8'));
const url = pathToFileURL(path.resolve(htmlPath)).href;
const result = { consoleErrors: [], requests: [], violations: [], missingFigures: [], missingRows: [], overflow: [], screenshots: [] };

const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
try {
  for (const view of [
    { name: 'report-1280.png', width: 1280, height: 900, scale: 1 },
    { name: 'report-400-percent.png', width: 320, height: 225, scale: 4 },
  ]) {
    const context = await browser.newContext({ viewport: { width: view.width, height: view.height }, deviceScaleFactor: view.scale });
    const page = await context.newPage();
    page.on('console', (m) => { if (m.type() === 'error') result.consoleErrors.push(m.text()); });
    page.on('pageerror', (e) => result.consoleErrors.push(String(e)));
    page.on('request', (r) => { if (r.url() !== url) result.requests.push(r.url()); });
    await page.goto(url, { waitUntil: 'load' });
    if (view.scale === 1) {
      await page.evaluate(axeSource);
      const axe = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
      result.violations = axe.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
      const text = await page.evaluate(() => document.body.innerText);
      for (const f of figures(report, '', new Set())) {
        const re = new RegExp('(^|[^0-9])' + f.replace(/[-]/g, '\\-') + '([^0-9]|$)');
        if (!re.test(text)) result.missingFigures.push(f);
      }
      result.scripts = await page.evaluate(() => document.querySelectorAll('script').length);
      // Each figure in its place: every row of the JSON report's tables
      // is a row of the page's, cell by cell (null: any text).
      const rows = await page.evaluate(() => [...document.querySelectorAll('tr')].map((tr) => [...tr.cells].map((c) => c.innerText.trim())));
      const want = [];
      const dash = (v) => (v === '' || v === null ? '-' : String(v));
      for (const c of report.compliance) {
        want.push([c.team || 'No team', c.module_title, c.learners, c.compliant.count, c.due_soon.count, c.overdue.count, c.not_started.count].map(String));
      }
      for (const l of report.learners) {
        for (const it of l.items) {
          want.push([l.name, l.team || 'No team', it.module_title, null, dash(it.due), dash(it.completed), dash(it.valid_until),
            it.best_score === null ? '-' : it.best_score + '%', String(it.attempts)]);
        }
      }
      for (const q of report.questions) {
        want.push([q.pack + ' ' + q.question, null, null, String(q.answered), q.facility_percent + '%',
          q.discrimination_index === null ? '-' : q.discrimination_index + '%', null]);
      }
      result.missingRows = want.filter((cells) => !rows.some((r) => r.length === cells.length && cells.every((c, i) => c === null || r[i] === c)))
        .slice(0, 10);
      result.rowsChecked = want.length;
    } else {
      // Reflow: no element outside a table's or chart's own scroller
      // (two-dimensional content, which WCAG 1.4.10 lets scroll) reaches
      // past the window's right edge.
      result.overflow = await page.evaluate(() => {
        const width = document.documentElement.clientWidth;
        const out = [];
        for (const el of document.querySelectorAll('body *')) {
          if (el.closest('.table-wrap, .chart-wrap')) continue;
          const r = el.getBoundingClientRect();
          if (r.right > width + 1) out.push(`${el.tagName.toLowerCase()} ends at ${Math.round(r.right)}px of ${width}`);
        }
        if (document.documentElement.scrollWidth > width + 1) out.push(`the page scrolls sideways: ${document.documentElement.scrollWidth}px of ${width}`);
        return out.slice(0, 10);
      });
    }
    const shot = path.join(outDir, view.name);
    await page.screenshot({ path: shot, fullPage: true });
    result.screenshots.push(shot);
    if (view.scale > 1) {
      // What a person zoomed in sees first, and each chart: the whole
      // page at 400% is too tall to look at in one go.
      const top = path.join(outDir, 'report-400-percent-top.png');
      await page.screenshot({ path: top });
      result.screenshots.push(top);
      const charts = page.locator('figure');
      for (let i = 0; i < await charts.count(); i++) {
        const file = path.join(outDir, `report-400-percent-chart-${i + 1}.png`);
        await charts.nth(i).screenshot({ path: file });
        result.screenshots.push(file);
      }
    }
    await context.close();
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify(result, null, 2));
const failed = result.consoleErrors.length || result.requests.length || result.violations.length ||
  result.missingFigures.length || result.missingRows.length || result.overflow.length || result.scripts;
process.exit(failed ? 1 : 0);
