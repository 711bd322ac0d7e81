// A "Versions" tab on a process definition's page in Cockpit (ADR 0029): how many instances run on each version of
// the process, from our API (GET /api/process-migrations/versions), read with the webapp's own session (GET only,
// ADR 0021). Process owners and administrators see the counts; anyone else sees that they may not. Moving instances
// is done through POST /api/process-migrations (docs/api.md), which needs a password (HTTP Basic), not this page.
// Plain DOM, every value from the server as text.

function el(tag, props, ...children) {
  const node = document.createElement(tag);
  Object.assign(node, props || {});
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

async function render(node, processDefinitionId) {
  const key = String(processDefinitionId || '').split(':')[0];
  node.replaceChildren(el('p', {}, 'Loading…'));
  try {
    const response = await fetch(
      '/api/process-migrations/versions?processDefinitionKey=' + encodeURIComponent(key),
      { credentials: 'same-origin', headers: { Accept: 'application/json' } }
    );
    if (response.status === 403) {
      node.replaceChildren(el('p', {}, 'Only process owners and administrators see and move versions.'));
      return;
    }
    if (!response.ok) {
      node.replaceChildren(el('p', {}, 'The versions could not be read (' + response.status + ').'));
      return;
    }
    const counts = await response.json();
    const rows = Object.keys(counts)
      .sort((a, b) => Number(a) - Number(b))
      .map((version) => el('tr', {}, el('td', {}, 'version ' + version), el('td', {}, counts[version] + ' running')));
    node.replaceChildren(
      el('table', { className: 'cam-table' }, el('tbody', {}, ...rows)),
      el('p', {}, 'To move running instances to a newer version, plan and run the migration with ',
        el('code', {}, 'POST /api/process-migrations/plan'), ' and ', el('code', {}, 'POST /api/process-migrations'),
        ' (see docs/api.md, "Moving running pathways to a new version").')
    );
  } catch (e) {
    node.replaceChildren(el('p', {}, 'The versions could not be read.'));
  }
}

export default {
  id: 'coordinated-care-pathway-versions',
  pluginPoint: 'cockpit.processDefinition.runtime.tab',
  priority: 5,
  render: (node, { processDefinitionId }) => {
    render(node, processDefinitionId);
  },
  properties: {
    label: 'Versions'
  }
};
