// Our configuration, read by the webapp in place of its bundled one (the webapps' supported customisation; no Camunda
// file is patched): the product's name in the header and the page title, and our plugins.
export default {
  app: {
    // shown as "<vendor> <name>" in the header and the page title
    vendor: 'PCN',
    name: 'Coordinated care'
  },
  customScripts: [
    // app/cockpit/outcomes/outcomes.js: the outcomes dashboard (issue 20, ADR 0025)
    'outcomes/outcomes',
    // app/cockpit/custom/pathway-versions.js: a Versions tab on each process definition (ADR 0029)
    'custom/pathway-versions',
    // app/cockpit/custom/rule-preview.js: a Rule preview page for changed decision tables (issue 22, ADR 0029)
    'custom/rule-preview'
  ]
};
