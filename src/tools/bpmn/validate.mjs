#!/usr/bin/env node
// Structural checks bpmnlint does not do, for processes/*.bpmn (run by lint.sh after bpmnlint):
//  * XML parses without warnings (camunda extensions known)
//  * every sequence flow's sourceRef/targetRef exists and is mirrored by <incoming>/<outgoing>
//  * every flow node, sequence flow, annotation and association has exactly one DI shape/edge,
//    and no DI element points at nothing
//  * children of expanded (event) sub-processes lie inside their parent's bounds; no two sibling
//    shapes overlap (boundary events excepted); edges start/end on their source/target shapes
//  * Camunda conventions of docs/pathway.md: executable, history TTL P180D; service tasks
//    delegateExpression + asyncBefore + R3/PT5M retries, unless an async continuation already stands between it
//    and the last wait state (Task_OpenEpisode: synchronous); user tasks formRef + deployment binding + dueDate +
//    a complete listener, and asyncAfter (with R3/PT5M) exactly when something that could fail (a decision, a
//    synchronous delegate, a create listener) would otherwise run in the clinician's completion (docs/adr/0003);
//    conditional flows of forking gateways named; call activities pass the business key
//  * every element id mentioned in docs/pathway.md exists in one of the diagrams
//  * no form in forms/ has a dynamic list: Tasklist 7.24 keeps Complete disabled once a field inside one changes
//    (docs/adr/0012)
// Exits 1 when anything is wrong.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import BpmnModdle from 'bpmn-moddle';
import camundaModdle from 'camunda-bpmn-moddle/resources/camunda.json' with { type: 'json' };

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const files = process.argv.slice(2).length
  ? process.argv.slice(2).map((f) => resolve(f))
  : readdirSync(join(root, 'processes')).filter((f) => f.endsWith('.bpmn')).sort().map((f) => join(root, 'processes', f));

let errors = 0;
const allIds = new Set();
// Checks that need every diagram (a call activity's called process, a called process's callers) run at the end.
const deferred = [];
const processById = new Map();
const callersOf = new Map(); // calledElement -> call activities
const err = (file, msg) => { errors++; console.error(`${basename(file)}: ${msg}`); };

const ext = (el, type) => ((el.extensionElements && el.extensionElements.values) || []).filter((v) => v.$type === type);
const within = (inner, outer) => inner.x >= outer.x - 0.5 && inner.y >= outer.y - 0.5 &&
  inner.x + inner.width <= outer.x + outer.width + 0.5 && inner.y + inner.height <= outer.y + outer.height + 0.5;
const overlap = (a, b) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
for (const file of files) {
  const xml = readFileSync(file, 'utf8');
  const moddle = new BpmnModdle({ camunda: camundaModdle });
  let definitions, warnings;
  try {
    ({ rootElement: definitions, warnings } = await moddle.fromXML(xml));
  } catch (e) { err(file, 'not well-formed: ' + e.message); continue; }
  for (const w of warnings) err(file, 'parse warning: ' + w.message);

  const processes = definitions.rootElements.filter((e) => e.$type === 'bpmn:Process');
  const diagramElements = new Map(); // id -> di
  for (const d of definitions.diagrams || []) {
    for (const di of d.plane.planeElement || []) {
      if (!di.bpmnElement) { err(file, `DI ${di.id} points at no element`); continue; }
      const id = di.bpmnElement.id;
      if (diagramElements.has(id)) err(file, `${id} has more than one DI element`);
      diagramElements.set(id, di);
    }
  }

  for (const proc of processes) {
    processById.set(proc.id, proc);
    if (!proc.isExecutable) err(file, `process ${proc.id} is not executable`);
    if (proc.get('camunda:historyTimeToLive') !== 'P180D') err(file, `process ${proc.id} historyTimeToLive is not P180D`);
    if (!(proc.documentation || []).length) err(file, `process ${proc.id} has no documentation`);

    const checkContainer = (container, parentBounds) => {
      const elements = container.flowElements || [];
      const ids = new Set(elements.map((e) => e.id));
      const siblings = [];
      for (const el of elements) {
        allIds.add(el.id);
        const di = diagramElements.get(el.id);
        if (!di) { err(file, `${el.id} has no DI`); continue; }
        if (el.$type === 'bpmn:SequenceFlow') {
          if (di.$type !== 'bpmndi:BPMNEdge') err(file, `${el.id} DI is not an edge`);
          if (!el.sourceRef || !ids.has(el.sourceRef.id)) err(file, `${el.id} sourceRef missing or outside its container`);
          if (!el.targetRef || !ids.has(el.targetRef.id)) err(file, `${el.id} targetRef missing or outside its container`);
          if (el.sourceRef && !(el.sourceRef.outgoing || []).includes(el)) err(file, `${el.id} not listed as outgoing of ${el.sourceRef.id}`);
          if (el.targetRef && !(el.targetRef.incoming || []).includes(el)) err(file, `${el.id} not listed as incoming of ${el.targetRef.id}`);
          const wps = di.waypoint || [];
          if (wps.length < 2) err(file, `${el.id} edge has fewer than two waypoints`);
          for (let i = 1; i < wps.length; i++) {
            if (wps[i].x !== wps[i - 1].x && wps[i].y !== wps[i - 1].y) err(file, `${el.id} edge segment ${i} is not orthogonal`);
          }
          const sb = diagramElements.get(el.sourceRef.id)?.bounds, tb = diagramElements.get(el.targetRef.id)?.bounds;
          const grow = (b) => ({ x: b.x - 2, y: b.y - 2, width: b.width + 4, height: b.height + 4 });
          if (sb && wps[0] && !within({ ...wps[0], width: 0, height: 0 }, grow(sb))) err(file, `${el.id} does not start on ${el.sourceRef.id}`);
          if (tb && wps.length && !within({ ...wps[wps.length - 1], width: 0, height: 0 }, grow(tb))) err(file, `${el.id} does not end on ${el.targetRef.id}`);
          const fork = el.sourceRef.$type.endsWith('Gateway') && (el.sourceRef.outgoing || []).length > 1;
          if (el.conditionExpression && !el.name) err(file, `${el.id} is conditional but has no name`);
          if (fork && el.sourceRef.$type === 'bpmn:ExclusiveGateway' && !el.conditionExpression) err(file, `${el.id} leaves forking ${el.sourceRef.id} without a condition`);
          if (!/^Flow_[A-Z]/.test(el.id)) err(file, `${el.id} is not a readable Flow_… id`);
          continue;
        }
        // flow node
        if (di.$type !== 'bpmndi:BPMNShape') { err(file, `${el.id} DI is not a shape`); continue; }
        if (parentBounds && !within(di.bounds, parentBounds)) err(file, `${el.id} lies outside its sub-process`);
        if (di.label && di.label.bounds && parentBounds && !within(di.label.bounds, parentBounds)) err(file, `label of ${el.id} lies outside its sub-process`);
        if (el.$type !== 'bpmn:BoundaryEvent') siblings.push({ id: el.id, b: di.bounds });
        for (const f of el.incoming || []) if (f.targetRef !== el) err(file, `${el.id} lists incoming ${f.id} which targets ${f.targetRef && f.targetRef.id}`);
        for (const f of el.outgoing || []) if (f.sourceRef !== el) err(file, `${el.id} lists outgoing ${f.id} which starts at ${f.sourceRef && f.sourceRef.id}`);
        if (!el.name && !el.$type.endsWith('Gateway')) err(file, `${el.id} has no name`);

        if (el.$type === 'bpmn:ServiceTask') {
          if (!/^\$\{\w+\}$/.test(el.get('camunda:delegateExpression') || '')) err(file, `${el.id} has no camunda:delegateExpression`);
          const retry = ext(el, 'camunda:FailedJobRetryTimeCycle')[0];
          if (el.id === 'Task_OpenEpisode') {
            if (el.get('camunda:asyncBefore') || el.get('camunda:async')) err(file, `${el.id} must be synchronous`);
          } else if (!el.get('camunda:asyncBefore')) {
            if (!behindAsyncContinuation(el)) err(file, `${el.id} is neither asyncBefore nor behind an asyncAfter user task`);
          } else if (!retry || retry.body !== 'R3/PT5M') err(file, `${el.id} has no R3/PT5M failedJobRetryTimeCycle`);
        }
        if (el.$type === 'bpmn:UserTask') {
          if (!el.get('camunda:formRef')) err(file, `${el.id} has no camunda:formRef`);
          if (el.get('camunda:formRefBinding') !== 'deployment') err(file, `${el.id} formRefBinding is not deployment`);
          if (!/^\$\{dateTime\(\)\.plusDays\(\d+\)\.toDate\(\)\}$/.test(el.get('camunda:dueDate') || '')) err(file, `${el.id} has no dueDate expression`);
          deferred.push(() => {
            const risk = firstRiskAfter(el);
            const retry = ext(el, 'camunda:FailedJobRetryTimeCycle')[0];
            if (risk && !el.get('camunda:asyncAfter')) err(file, `${el.id} must be asyncAfter: ${risk} would run in the clinician's completion`);
            if (!risk && el.get('camunda:asyncAfter')) err(file, `${el.id} asyncAfter is redundant (the next step is a wait state or an async boundary) and costs a job per completion`);
            if (el.get('camunda:asyncAfter') && (!retry || retry.body !== 'R3/PT5M')) err(file, `${el.id} is asyncAfter without an R3/PT5M failedJobRetryTimeCycle`);
          });
          if (!el.get('camunda:assignee') && !el.get('camunda:candidateGroups')) err(file, `${el.id} has neither assignee nor candidateGroups`);
          const listeners = ext(el, 'camunda:TaskListener');
          if (!listeners.some((l) => l.event === 'complete' && l.delegateExpression)) err(file, `${el.id} has no complete task listener`);
          const form = join(root, 'forms', el.get('camunda:formRef') + '.form');
          if (!existsSync(form)) console.warn(`${basename(file)}: note: ${el.id} uses form ${el.get('camunda:formRef')} (forms/${basename(form)} not present yet)`);
          else {
            let formId;
            try { formId = JSON.parse(readFileSync(form, 'utf8')).id; } catch (e) { formId = undefined; }
            if (formId !== el.get('camunda:formRef')) err(file, `${el.id}: forms/${basename(form)} has id ${formId}, not ${el.get('camunda:formRef')}`);
          }
        }
        if (el.$type === 'bpmn:CallActivity') {
          const called = el.get('calledElement');
          if (!callersOf.has(called)) callersOf.set(called, []);
          callersOf.get(called).push(el);
          if (el.get('camunda:calledElementBinding') !== 'latest') err(file, `${el.id} calledElementBinding is not latest`);
          if (!ext(el, 'camunda:In').some((i) => i.businessKey === '#{execution.processBusinessKey}')) err(file, `${el.id} does not pass the business key`);
        }
        if (el.$type === 'bpmn:BusinessRuleTask') {
          for (const a of ['camunda:decisionRef', 'camunda:resultVariable', 'camunda:mapDecisionResult']) if (!el.get(a)) err(file, `${el.id} has no ${a}`);
        }
        if (el.$type === 'bpmn:SubProcess') {
          if (!di.isExpanded) err(file, `${el.id} is not expanded in the diagram`);
          checkContainer(el, di.bounds);
        }
      }
      for (let i = 0; i < siblings.length; i++) {
        for (let j = i + 1; j < siblings.length; j++) {
          const a = siblings[i], b = siblings[j];
          const nested = within(a.b, b.b) || within(b.b, a.b);
          if (overlap(a.b, b.b) && !nested) err(file, `${a.id} overlaps ${b.id}`);
        }
      }
      for (const art of container.artifacts || []) {
        allIds.add(art.id);
        if (!diagramElements.get(art.id)) err(file, `${art.id} has no DI`);
      }
    };
    checkContainer(proc, null);
  }
  warnLayout(file, definitions);
  for (const m of definitions.rootElements.filter((e) => e.$type === 'bpmn:Message')) {
    allIds.add(m.id);
    if (m.id !== 'Message_' + m.name) err(file, `message ${m.id} should be named ${m.id.replace(/^Message_/, '')}`);
  }
}

/** Readability warnings (not errors): labels on top of shapes or labels, flows drawn through shapes. */
function warnLayout(file, definitions) {
  const pe = (definitions.diagrams[0] && definitions.diagrams[0].plane.planeElement) || [];
  const boxes = [];
  for (const s of pe.filter((e) => e.$type === 'bpmndi:BPMNShape' && e.bpmnElement)) {
    const frame = s.bpmnElement.$type === 'bpmn:SubProcess';
    boxes.push({ id: s.bpmnElement.id, b: s.bounds, kind: frame ? 'frame' : 'shape', el: s.bpmnElement });
    if (s.label && s.label.bounds) boxes.push({ id: s.bpmnElement.id + ' (label)', b: s.label.bounds, kind: 'label', el: s.bpmnElement });
  }
  const edges = pe.filter((e) => e.$type === 'bpmndi:BPMNEdge' && e.bpmnElement);
  for (const e of edges) if (e.label && e.label.bounds) boxes.push({ id: e.bpmnElement.id + ' (label)', b: e.label.bounds, kind: 'label', el: e.bpmnElement });
  const warn = (msg) => console.warn(`${basename(file)}: layout warning: ${msg}`);
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const A = boxes[i], B = boxes[j];
      if (A.kind === 'frame' || B.kind === 'frame') {
        const fr = A.kind === 'frame' ? A : B, o = A.kind === 'frame' ? B : A;
        if (overlap(fr.b, o.b) && !within(o.b, fr.b) && !within(fr.b, o.b)) warn(`${o.id} crosses the border of ${fr.id}`);
        continue;
      }
      if (A.kind === 'shape' && B.kind === 'shape') continue; // checked as an error per container
      if (A.el === B.el && (A.kind === 'shape' || B.kind === 'shape')) {
        const shape = A.kind === 'shape' ? A : B, label = A.kind === 'shape' ? B : A;
        if (/Gateway$/.test(shape.el.$type) ? overlap(label.b, { x: shape.b.x + 12, y: shape.b.y + 12, width: shape.b.width - 24, height: shape.b.height - 24 }) : overlap(label.b, shape.b)) warn(`${label.id} covers its own shape`);
        continue;
      }
      if (overlap(A.b, B.b)) warn(`${A.id} overlaps ${B.id}`);
    }
  }
  for (const e of edges) {
    const el = e.bpmnElement, wps = e.waypoint || [];
    if (el.$type !== 'bpmn:SequenceFlow') continue;
    for (let k = 1; k < wps.length; k++) {
      const a = wps[k - 1], b = wps[k];
      const seg = { x: Math.min(a.x, b.x) + 0.5, y: Math.min(a.y, b.y) + 0.5, width: Math.max(1, Math.abs(a.x - b.x) - 1), height: Math.max(1, Math.abs(a.y - b.y) - 1) };
      for (const B of boxes) {
        if (B.kind === 'frame' || B.el === el) continue;
        if (B.kind === 'shape' && (B.el === el.sourceRef || B.el === el.targetRef || B.el === el.sourceRef.attachedToRef)) continue;
        const box = B.kind === 'shape' ? { x: B.b.x + 2, y: B.b.y + 2, width: B.b.width - 4, height: B.b.height - 4 } : B.b;
        if (overlap(seg, box)) warn(`${el.id} is drawn through ${B.id}`);
      }
    }
  }
}

for (const check of deferred) check();

/**
 * The first element that could fail and would run synchronously after `node` completes, before the next wait state
 * or async boundary; null when there is none. Follows gateways, embedded and called processes and their ends.
 */
function firstRiskAfter(node) {
  const seen = new Set();
  const next = (el) => (el.outgoing || []).map((f) => f.targetRef);
  const visit = (el) => {
    if (!el || seen.has(el)) return null;
    seen.add(el);
    const t = el.$type;
    if (el.get && el.get('camunda:asyncBefore')) return null;
    if (t === 'bpmn:EventBasedGateway' || t === 'bpmn:IntermediateCatchEvent' || t === 'bpmn:ReceiveTask') return null;
    if (t === 'bpmn:UserTask') {
      const create = ext(el, 'camunda:TaskListener').find((l) => l.event === 'create' || l.event === 'assignment');
      return create ? `the create listener of ${el.id}` : null;
    }
    if (['bpmn:ServiceTask', 'bpmn:SendTask', 'bpmn:ScriptTask', 'bpmn:BusinessRuleTask', 'bpmn:Task'].includes(t)) return el.id;
    if (t === 'bpmn:CallActivity') {
      const called = processById.get(el.get('calledElement'));
      if (!called) return `${el.id} (calls an unknown process)`;
      return visitAll((called.flowElements || []).filter((e) => e.$type === 'bpmn:StartEvent' && !(e.eventDefinitions || []).length));
    }
    if (t === 'bpmn:SubProcess') {
      return visitAll((el.flowElements || []).filter((e) => e.$type === 'bpmn:StartEvent'));
    }
    if (t === 'bpmn:EndEvent') {
      const parent = el.$parent;
      if (parent.$type === 'bpmn:SubProcess') return visitAll(next(parent));
      if (parent.$type === 'bpmn:Process') return visitAll((callersOf.get(parent.id) || []).flatMap(next));
      return null;
    }
    if (el.get && el.get('camunda:asyncAfter')) return null;
    return visitAll(next(el)); // gateways, start and throw events
  };
  const visitAll = (els) => { for (const e of els) { const r = visit(e); if (r) return r; } return null; };
  return visitAll(next(node));
}

/** True when every way into `node` passes, through gateways and synchronous tasks, an asyncAfter element. */
function behindAsyncContinuation(node) {
  const seen = new Set();
  const back = (el) => {
    if (seen.has(el)) return true;
    seen.add(el);
    return (el.incoming || []).length > 0 && (el.incoming || []).every((f) => {
      const s = f.sourceRef;
      if (s.get('camunda:asyncAfter')) return true;
      if (s.get('camunda:asyncBefore')) return false;
      return /Gateway$|BusinessRuleTask$|ServiceTask$/.test(s.$type) && back(s);
    });
  };
  return back(node);
}

// every id named in the contract exists
const contract = join(root, 'docs/pathway.md');
if (existsSync(contract) && process.argv.slice(2).length === 0) {
  const text = readFileSync(contract, 'utf8');
  const mentioned = new Set([...text.matchAll(/`((?:StartEvent|Task|CallActivity|SubProcess|Gateway|Event|Timer|End|EventSubProcess|Message)_[A-Za-z0-9]+)`/g)].map((m) => m[1]));
  for (const id of mentioned) if (!allIds.has(id)) { errors++; console.error(`docs/pathway.md names ${id}, which no diagram has`); }
}

// forms Tasklist can complete
if (process.argv.slice(2).length === 0 && existsSync(join(root, 'forms'))) {
  const walk = (components, found) => (components || []).forEach((c) => {
    if (c.type === 'dynamiclist') found.push(c.id);
    walk(c.components, found);
  });
  for (const name of readdirSync(join(root, 'forms')).filter((f) => f.endsWith('.form')).sort()) {
    const found = [];
    walk(JSON.parse(readFileSync(join(root, 'forms', name), 'utf8')).components, found);
    for (const id of found) {
      errors++;
      console.error(`forms/${name}: ${id} is a dynamic list; Tasklist 7.24 cannot complete a form once a field in one changes (ADR 0012)`);
    }
  }
}

if (errors) { console.error(`✖ ${errors} structural problem(s)`); process.exit(1); }
console.log(`✔ ${files.length} diagram(s): structure, DI and Camunda conventions OK`);
