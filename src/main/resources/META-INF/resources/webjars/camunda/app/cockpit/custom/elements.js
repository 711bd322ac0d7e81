// Builds page elements for our Cockpit plugins. Values go in as text (textContent), never as HTML, so whatever a
// record holds is shown as typed and never runs.
export function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  Object.entries(attributes || {}).forEach(([name, value]) => {
    if (name === 'text') {
      node.textContent = value;
    } else if (name === 'className') {
      node.className = value;
    } else {
      node.setAttribute(name, value);
    }
  });
  children.filter(Boolean).forEach(child => node.appendChild(child));
  return node;
}
