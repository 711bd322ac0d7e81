// Our configuration, read by the webapp in place of its bundled one (the webapps' supported customisation; no Camunda
// file is patched): the product's name in the header and the page title; a Versions tab on each process definition
// (custom/pathway-versions.js, ADR 0029).
export default {
  customScripts: ['custom/pathway-versions'],
  app: {
    // shown as "<vendor> <name>" in the header and the page title
    vendor: 'PCN',
    name: 'Coordinated care'
  }
};
