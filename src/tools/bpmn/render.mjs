#!/usr/bin/env node
// Renders BPMN diagrams to PNG with the bpmn-js viewer bundle (from node_modules, no CDN)
// in headless Chromium.
//
//   node src/tools/bpmn/render.mjs [--out docs/images] [--scale 1] processes/a.bpmn ...
//
// Without file arguments every processes/*.bpmn is rendered to docs/images/<name>.png.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const toolDir = dirname(fileURLToPath(import.meta.url));
const projectRoot = resolve(toolDir, '../../..');

const args = process.argv.slice(2);
let outDir = join(projectRoot, 'docs/images');
let scale = 1;
const files = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--out') outDir = resolve(args[++i]);
  else if (args[i] === '--scale') scale = Number(args[++i]);
  else files.push(resolve(args[i]));
}
if (!files.length) {
  const dir = join(projectRoot, 'processes');
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.bpmn')).sort()) files.push(join(dir, f));
}

const chromium = [process.env.CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']
  .find((p) => p && existsSync(p));
if (!chromium) {
  console.error('Chromium not found: install it with `apt-get install -y chromium` (as root) or set CHROMIUM.');
  process.exit(2);
}

const viewerBundle = join(toolDir, 'node_modules/bpmn-js/dist/bpmn-viewer.production.min.js');
const viewerCss = join(toolDir, 'node_modules/bpmn-js/dist/assets/bpmn-js.css');
const fontCss = join(toolDir, 'node_modules/bpmn-js/dist/assets/bpmn-font/css/bpmn.css');
if (!existsSync(viewerBundle)) {
  console.error(`bpmn-js viewer bundle missing (${viewerBundle}); run: npm ci --prefix src/tools/bpmn`);
  process.exit(2);
}

const work = mkdtempSync(join(tmpdir(), 'bpmn-render-'));
mkdirSync(outDir, { recursive: true });
let failed = 0;
try {
  for (const file of files) {
    const xml = readFileSync(file, 'utf8');
    const html = `<!DOCTYPE html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="file://${viewerCss}"><link rel="stylesheet" href="file://${fontCss}">
<style>html,body{margin:0;padding:0}#canvas{width:1600px;height:1000px}</style></head><body><div id="canvas"></div>
<script src="file://${viewerBundle}"></script>
<script>
  const out = (kind, text) => { const pre = document.createElement('pre'); pre.id = 'result'; pre.dataset.kind = kind; pre.textContent = text; document.body.appendChild(pre); };
  (async () => {
    const viewer = new BpmnJS({ container: '#canvas' });
    const { warnings } = await viewer.importXML(${JSON.stringify(xml)});
    const { svg } = await viewer.saveSVG();
    const doc = new DOMParser().parseFromString(svg, 'image/svg+xml').documentElement;
    const width = Math.ceil(parseFloat(doc.getAttribute('width'))), height = Math.ceil(parseFloat(doc.getAttribute('height')));
    const margin = 20, scale = ${scale};
    const img = new Image();
    img.src = 'data:image/svg+xml;base64,' + btoa(unescape(encodeURIComponent(svg)));
    await img.decode();
    const c = document.createElement('canvas');
    c.width = Math.ceil((width + 2 * margin) * scale); c.height = Math.ceil((height + 2 * margin) * scale);
    const ctx = c.getContext('2d');
    ctx.fillStyle = '#fff'; ctx.fillRect(0, 0, c.width, c.height);
    ctx.scale(scale, scale);
    ctx.drawImage(img, margin, margin, width, height);
    out('ok', JSON.stringify({ width: c.width, height: c.height, warnings: warnings.map((w) => w.message), png: c.toDataURL('image/png') }));
  })().catch((e) => out('error', String(e && e.stack || e)));
</script></body></html>`;
    const page = join(work, basename(file, '.bpmn') + '.html');
    writeFileSync(page, html);
    const png = join(outDir, basename(file, '.bpmn') + '.png');
    const dom = execFileSync(chromium, [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run',
      '--allow-file-access-from-files', `--user-data-dir=${join(work, 'profile')}`,
      '--virtual-time-budget=20000', '--dump-dom', `file://${page}`
    ], { stdio: ['ignore', 'pipe', 'pipe'], timeout: 180000, maxBuffer: 256 * 1024 * 1024 }).toString();
    const m = dom.match(/<pre id="result" data-kind="(\w+)">([\s\S]*?)<\/pre>/);
    if (!m) { console.error(`${basename(file)}: renderer produced no result`); failed++; continue; }
    const text = m[2].replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    if (m[1] !== 'ok') { console.error(`${basename(file)}: import failed: ${text}`); failed++; continue; }
    const result = JSON.parse(text);
    writeFileSync(png, Buffer.from(result.png.replace(/^data:image\/png;base64,/, ''), 'base64'));
    for (const w of result.warnings) { console.warn(`${basename(file)}: import warning: ${w}`); failed++; }
    console.log(`${basename(file)} -> ${png} (${result.width}x${result.height})`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
