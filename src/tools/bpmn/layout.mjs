#!/usr/bin/env node
// Generates BPMN DI (diagram interchange) for processes/*.bpmn.
//
//   node src/tools/bpmn/layout.mjs processes/coordinated-care.bpmn [...]
//
// The semantic XML (everything outside <bpmndi:BPMNDiagram>) is left byte-for-byte as written;
// only the diagram part is replaced.
//
// * If layouts/<process file name>.mjs exists, its hand-tuned layout is used: positions of every
//   shape, routing hints for every flow and positions of labels. Flows are routed orthogonally
//   and docked on the shapes' borders; labels are sized from their text.
// * Otherwise bpmn-auto-layout lays the diagram out (good for simple linear diagrams; it cannot
//   lay out expanded sub-processes, so diagrams with those need a layout file).
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import BpmnModdle from 'bpmn-moddle';
import camundaModdle from 'camunda-bpmn-moddle/resources/camunda.json' with { type: 'json' };
import { layoutProcess } from 'bpmn-auto-layout';

const toolDir = dirname(fileURLToPath(import.meta.url));

const SIZE = {
  'bpmn:StartEvent': [36, 36], 'bpmn:EndEvent': [36, 36], 'bpmn:BoundaryEvent': [36, 36],
  'bpmn:IntermediateCatchEvent': [36, 36], 'bpmn:IntermediateThrowEvent': [36, 36],
  'bpmn:ExclusiveGateway': [50, 50], 'bpmn:ParallelGateway': [50, 50], 'bpmn:EventBasedGateway': [50, 50],
  'bpmn:InclusiveGateway': [50, 50]
};
const isActivity = (el) => /Task$|^bpmn:CallActivity$/.test(el.$type);
/**
 * Default size of a flow node. Tasks are 100x80 unless their name would need three or more lines
 * (the task-type icon then overlaps the first line): those are widened up to 140.
 */
function sizeOf(el) {
  if (SIZE[el.$type]) return SIZE[el.$type];
  if (isActivity(el) && el.name) {
    // task names are drawn at 12px with 5px padding; keep a 5% safety margin on the estimate
    for (const w of [100, 110, 120, 130, 140]) {
      if (wrap(el.name, (w - 10) * 11 / 12 / 1.05).length <= 2) return [w, 80];
    }
    return [140, 80];
  }
  return [100, 80];
}
const hasExternalLabel = (el) => /Event$|Gateway$/.test(el.$type) || el.$type === 'bpmn:SequenceFlow';

// ---- text measuring (bpmn-js external labels: Arial 11px, line height 1.2) ----
const CHAR_W = { narrow: 3.1, normal: 6.2, wide: 8.5 };
function charWidth(c) {
  if ('iljtfrI.,:;!\'|() '.includes(c)) return c === ' ' ? 3.1 : CHAR_W.narrow;
  if ('mwMW@'.includes(c)) return CHAR_W.wide;
  if (c >= 'A' && c <= 'Z') return 7.3;
  return CHAR_W.normal;
}
const textWidth = (s) => [...s].reduce((w, c) => w + charWidth(c), 0);
function wrap(text, maxWidth) {
  const lines = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    const candidate = line ? line + ' ' + word : word;
    if (line && textWidth(candidate) > maxWidth) { lines.push(line); line = word; } else line = candidate;
  }
  if (line) lines.push(line);
  return lines;
}
function labelSize(text, maxWidth = 90) {
  const lines = wrap(text, maxWidth);
  const width = Math.ceil(Math.min(maxWidth, Math.max(...lines.map(textWidth))) + 4);
  return { width, height: Math.ceil(lines.length * 13.2 + 1) };
}

// ---- geometry ----
const center = (b) => ({ x: b.x + b.width / 2, y: b.y + b.height / 2 });
const r = (n) => Math.round(n);

/** Point where an axis-parallel segment from `from` towards shape `b` meets b's border. */
function dock(b, toward, isGateway) {
  const c = center(b);
  const insideX = toward.x > b.x && toward.x < b.x + b.width;
  const insideY = toward.y > b.y && toward.y < b.y + b.height;
  if (insideY && !insideX) {
    // horizontal approach
    const y = isGateway ? c.y : toward.y;
    return { x: toward.x < c.x ? b.x : b.x + b.width, y };
  }
  if (insideX && !insideY) {
    const x = isGateway ? c.x : toward.x;
    return { x, y: toward.y < c.y ? b.y : b.y + b.height };
  }
  // diagonal approach: aim at the nearest side's middle
  const dx = toward.x - c.x, dy = toward.y - c.y;
  if (Math.abs(dx) * b.height >= Math.abs(dy) * b.width) return { x: dx < 0 ? b.x : b.x + b.width, y: c.y };
  return { x: c.x, y: dy < 0 ? b.y : b.y + b.height };
}

function routeEdge(sb, tb, hint, sGw, tGw) {
  const s = center(sb), t = center(tb);
  let via;
  if (Array.isArray(hint)) via = hint.map(([x, y]) => ({ x, y }));
  else if (hint === 'vh') via = [{ x: s.x, y: t.y }];
  else if (hint === 'hv') via = [{ x: t.x, y: s.y }];
  else if (Math.abs(s.y - t.y) < 1 || Math.abs(s.x - t.x) < 1) via = [];
  else via = [{ x: t.x, y: s.y }];
  const first = via.length ? via[0] : t;
  const last = via.length ? via[via.length - 1] : s;
  let start = dock(sb, first, sGw);
  let end = dock(tb, last, tGw);
  if (!via.length) {
    // straight line: keep it axis-parallel
    if (Math.abs(s.y - t.y) < 1) { start = { x: start.x, y: s.y }; end = { x: end.x, y: s.y }; }
    else if (Math.abs(s.x - t.x) < 1) { start = { x: s.x, y: start.y }; end = { x: s.x, y: end.y }; }
  }
  return [start, ...via, end].map((p) => ({ x: r(p.x), y: r(p.y) }));
}

function labelBounds(text, pos, shapeBounds, maxWidth) {
  const { width, height } = labelSize(text, maxWidth);
  const c = shapeBounds ? center(shapeBounds) : null;
  let x, y;
  if (pos && typeof pos === 'object') { x = pos.x - width / 2; y = pos.y - height / 2; }
  else if (pos === 'top') { x = c.x - width / 2; y = shapeBounds.y - height - 5; }
  else if (pos === 'left') { x = shapeBounds.x - width - 6; y = c.y - height / 2; }
  else if (pos === 'right') { x = shapeBounds.x + shapeBounds.width + 6; y = c.y - height / 2; }
  else if (pos === 'top-left') { x = c.x - width - 4; y = shapeBounds.y - height - 2; }
  else if (pos === 'top-right') { x = c.x + 6; y = shapeBounds.y - height - 2; }
  else if (pos === 'bottom-right') { x = c.x + 8; y = shapeBounds.y + shapeBounds.height - 2; }
  else { x = c.x - width / 2; y = shapeBounds.y + shapeBounds.height + 5; }
  return { x: r(x), y: r(y), width, height };
}

/** Stretches every x coordinate of a layout spec by spec.scaleX (keeps shape sizes). */
function scaleSpec(spec) {
  const k = spec.scaleX || 1;
  if (k === 1) return spec;
  const sx = (x) => Math.round(x * k);
  const sp = (p) => (p && typeof p === 'object' && 'x' in p ? { ...p, x: sx(p.x) } : p);
  const shapes = {};
  for (const [id, s] of Object.entries(spec.shapes)) {
    if (Array.isArray(s)) shapes[id] = [sx(s[0]), s[1]];
    else if (s.annotation) shapes[id] = { ...s, x: sx(s.x) };
    else shapes[id] = { ...s, x: sx(s.x), w: Math.round(s.w * k) };
  }
  const labels = {};
  for (const [id, l] of Object.entries(spec.labels || {})) labels[id] = sp(l);
  const edges = {};
  for (const [id, e] of Object.entries(spec.edges || {})) {
    edges[id] = {
      ...e,
      route: Array.isArray(e.route) ? e.route.map(([x, y]) => [sx(x), y]) : e.route,
      label: sp(e.label),
      waypoints: e.waypoints ? e.waypoints.map(([x, y]) => [sx(x), y]) : undefined
    };
  }
  return { ...spec, shapes, labels, edges };
}

async function layoutWithSpec(xml, spec) {
  spec = scaleSpec(spec);
  const moddle = new BpmnModdle({ camunda: camundaModdle });
  const { rootElement: definitions, warnings } = await moddle.fromXML(xml);
  if (warnings.length) throw new Error('parse warnings: ' + warnings.map((w) => w.message).join('; '));
  const process = definitions.rootElements.find((e) => e.$type === 'bpmn:Process');

  const shapes = []; const edges = [];
  const bounds = new Map();
  const missing = [];

  function visit(container) {
    const elements = container.flowElements || [];
    for (const el of elements.filter((e) => e.$type !== 'bpmn:SequenceFlow')) {
      const s = spec.shapes[el.id];
      if (!s) { missing.push(el.id); continue; }
      let b;
      if (Array.isArray(s)) {
        const [w, h] = s.length === 4 ? [s[2], s[3]] : sizeOf(el);
        b = { x: s[0] - w / 2, y: s[1] - h / 2, width: w, height: h };
      }
      else b = { x: s.x, y: s.y, width: s.w, height: s.h };
      bounds.set(el.id, b);
      shapes.push({ el, b });
      if (el.$type === 'bpmn:SubProcess') visit(el);
    }
    for (const el of container.artifacts || []) {
      if (el.$type === 'bpmn:TextAnnotation') {
        const s = spec.shapes[el.id];
        if (!s) { missing.push(el.id); continue; }
        const b = { x: s.x, y: s.y, width: s.w, height: s.h };
        bounds.set(el.id, b); shapes.push({ el, b });
      }
    }
  }
  visit(process);

  function visitEdges(container) {
    for (const el of container.flowElements || []) {
      if (el.$type === 'bpmn:SequenceFlow') {
        const e = spec.edges[el.id] || {};
        const sb = bounds.get(el.sourceRef.id), tb = bounds.get(el.targetRef.id);
        if (!sb || !tb) { missing.push(el.id); continue; }
        const wps = e.waypoints || routeEdge(sb, tb, e.route, /Gateway$/.test(el.sourceRef.$type), /Gateway$/.test(el.targetRef.$type));
        edges.push({ el, wps, label: el.name ? labelBounds(el.name, e.label || midLabel(wps), null, e.labelWidth) : null });
      }
      if (el.$type === 'bpmn:SubProcess') visitEdges(el);
    }
    for (const el of container.artifacts || []) {
      if (el.$type === 'bpmn:Association') {
        const e = spec.edges[el.id];
        if (!e || !e.waypoints) { missing.push(el.id); continue; }
        edges.push({ el, wps: e.waypoints.map(([x, y]) => ({ x, y })) });
      }
    }
  }
  visitEdges(process);
  if (missing.length) throw new Error('layout has no position for: ' + missing.join(', '));

  const fmt = (b) => `x="${r(b.x)}" y="${r(b.y)}" width="${r(b.width)}" height="${r(b.height)}"`;
  const out = [];
  out.push('  <bpmndi:BPMNDiagram id="BPMNDiagram_1">');
  out.push(`    <bpmndi:BPMNPlane id="BPMNPlane_1" bpmnElement="${process.id}">`);
  for (const { el, b } of shapes) {
    const attrs = [`id="${el.id}_di"`, `bpmnElement="${el.id}"`];
    if (el.$type === 'bpmn:SubProcess') attrs.push('isExpanded="true"');
    if (el.$type === 'bpmn:ExclusiveGateway') attrs.push('isMarkerVisible="true"');
    out.push(`      <bpmndi:BPMNShape ${attrs.join(' ')}>`);
    out.push(`        <dc:Bounds ${fmt(b)} />`);
    if (hasExternalLabel(el) && el.name) {
      const pos = (spec.labels || {})[el.id] || (/Gateway$/.test(el.$type) ? 'top' : 'bottom');
      const lb = labelBounds(el.name, pos, b, (spec.labelWidths || {})[el.id]);
      out.push('        <bpmndi:BPMNLabel>', `          <dc:Bounds ${fmt(lb)} />`, '        </bpmndi:BPMNLabel>');
    }
    out.push('      </bpmndi:BPMNShape>');
  }
  for (const { el, wps, label } of edges) {
    out.push(`      <bpmndi:BPMNEdge id="${el.id}_di" bpmnElement="${el.id}">`);
    for (const p of wps) out.push(`        <di:waypoint x="${r(p.x)}" y="${r(p.y)}" />`);
    if (label) out.push('        <bpmndi:BPMNLabel>', `          <dc:Bounds ${fmt(label)} />`, '        </bpmndi:BPMNLabel>');
    out.push('      </bpmndi:BPMNEdge>');
  }
  out.push('    </bpmndi:BPMNPlane>', '  </bpmndi:BPMNDiagram>');
  return out.join('\n');
}

function midLabel(wps) {
  // above the middle of the longest segment
  let best = null;
  for (let i = 1; i < wps.length; i++) {
    const a = wps[i - 1], b = wps[i];
    const len = Math.abs(a.x - b.x) + Math.abs(a.y - b.y);
    if (!best || len > best.len) best = { a, b, len };
  }
  const horizontal = best.a.y === best.b.y;
  return horizontal ? { x: (best.a.x + best.b.x) / 2, y: best.a.y - 12 } : { x: best.a.x + 30, y: (best.a.y + best.b.y) / 2 };
}

function replaceDiagram(xml, diagramXml) {
  const stripped = xml.replace(/\s*<bpmndi:BPMNDiagram[\s\S]*<\/bpmndi:BPMNDiagram>/, '');
  return stripped.replace(/\n?<\/bpmn:definitions>\s*$/, '\n' + diagramXml + '\n</bpmn:definitions>\n');
}

const files = process.argv.slice(2);
if (!files.length) { console.error('usage: layout.mjs <file.bpmn>...'); process.exit(2); }
for (const file of files.map((f) => resolve(f))) {
  const xml = readFileSync(file, 'utf8');
  const specFile = join(toolDir, 'layouts', basename(file, '.bpmn') + '.mjs');
  let diagram;
  if (existsSync(specFile)) {
    const spec = (await import(pathToFileURL(specFile).href)).default;
    diagram = await layoutWithSpec(xml, spec);
    console.log(`${basename(file)}: laid out from ${basename(specFile)}`);
  } else {
    const laidOut = await layoutProcess(xml.replace(/\s*<bpmndi:BPMNDiagram[\s\S]*<\/bpmndi:BPMNDiagram>/, ''));
    diagram = laidOut.match(/ *<bpmndi:BPMNDiagram[\s\S]*<\/bpmndi:BPMNDiagram>/)[0];
    console.log(`${basename(file)}: laid out with bpmn-auto-layout`);
  }
  writeFileSync(file, replaceDiagram(xml, diagram));
}
