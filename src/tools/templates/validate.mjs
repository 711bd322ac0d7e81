// Validates every Camunda 7 element template in element-templates/ with @bpmn-io/element-templates-validator,
// the validator Camunda Modeler runs on the templates it loads (it carries the
// @camunda/element-templates-json-schema schema named by each template's $schema). Also refuses a template id used
// twice, which Modeler would silently shadow. Whether the diagrams use the templates, and whether every bean a
// template names exists, is checked by ElementTemplatesTest (it needs the Spring context).
import { readFileSync, readdirSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateAll, getSchemaPackage, getSchemaVersion } from '@bpmn-io/element-templates-validator';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const DIR = join(ROOT, 'element-templates');
const SCHEMA = 'https://unpkg.com/@camunda/element-templates-json-schema/resources/schema.json';

let errors = 0;
const err = (where, message) => { errors++; console.error(`${where}: ${message}`); };
const files = process.argv.length > 2
  ? process.argv.slice(2).map(f => resolve(f))
  : readdirSync(DIR).filter(f => f.endsWith('.json')).sort().map(f => join(DIR, f));
if (files.length === 0) err(DIR, 'no element templates');
const seen = new Map();
let count = 0;
for (const file of files) {
  const name = file.startsWith(ROOT) ? file.slice(ROOT.length + 1) : file;
  let templates;
  try {
    templates = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    err(name, `not JSON: ${e.message}`);
    continue;
  }
  templates = Array.isArray(templates) ? templates : [templates];
  const { valid, results } = validateAll(templates);
  results.forEach((result, i) => {
    const id = templates[i] && templates[i].id || `#${i}`;
    for (const e of result.errors || []) {
      err(`${name} ${id}`, `${e.message} at ${e.instancePath || '/'}`);
    }
  });
  if (!valid && results.every(r => !r.errors || r.errors.length === 0)) err(name, 'invalid');
  for (const t of templates) {
    count++;
    if (t.$schema !== SCHEMA) err(`${name} ${t.id}`, `$schema must be ${SCHEMA}`);
    if (!Number.isInteger(t.version)) err(`${name} ${t.id}`, 'needs an integer version (diagrams record it as camunda:modelerTemplateVersion)');
    if (seen.has(t.id)) err(`${name} ${t.id}`, `id also used in ${seen.get(t.id)}`);
    seen.set(t.id, name);
  }
}
if (errors) {
  console.error(`Element templates: ${errors} error(s)`);
  process.exit(1);
}
console.log(`Element templates: ${count} templates valid against ${getSchemaPackage()}@${getSchemaVersion()}`);
