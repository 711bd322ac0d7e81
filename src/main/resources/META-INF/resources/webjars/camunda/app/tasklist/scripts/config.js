// Our Tasklist configuration, read by the webapp in place of its bundled one (the webapps' supported customisation;
// no Camunda file is patched). The product's name in the header and page title; the Patient tab of a task
// (custom/patient-tab.js, ADR 0021); the keyboard shortcuts as shipped.
export default {
  customScripts: ['custom/patient-tab'],
  app: {
    // shown as "<vendor> <name>" in the header and the page title
    vendor: 'PCN',
    name: 'Coordinated care'
  },
  shortcuts: {
    claimTask: { key: 'ctrl+alt+c', description: 'claims the currently selected task' },
    focusFilter: { key: 'ctrl+shift+f', description: 'set the focus to the first filter in the list' },
    focusList: { key: 'ctrl+alt+l', description: 'sets the focus to the first task in the list' },
    focusForm: { key: 'ctrl+alt+f', description: 'sets the focus to the first input field in a task form' },
    startProcess: { key: 'ctrl+alt+p', description: 'opens the start process modal dialog' }
  }
};
