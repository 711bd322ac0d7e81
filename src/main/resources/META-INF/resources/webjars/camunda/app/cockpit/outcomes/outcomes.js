// Outcomes for PCN managers and clinical leads in Cockpit (issue 20, ADR 0025): a box on Cockpit's dashboard, and a
// page of its own at #/outcomes with period and practice or neighbourhood selectors. Every figure comes from our
// GET /api/outcomes as the logged-in user; each chart has its numbers in a table beside it and a CSV link. Values are
// only ever set as textContent, never as HTML. Charts are drawn by Chart.js served from the jar (a WebJar).
import {el} from '../custom/elements.js';

const API = '/api/outcomes';
const CHART_JS = '/webjars/chart.js/4.4.1/dist/chart.umd.js';
const CHARTS = [];

let chartLibrary;

/** Chart.js's UMD build, loaded once. Cockpit may define an AMD loader; hidden while it loads so Chart is global. */
function loadChartJs() {
  if (window.Chart) {
    return Promise.resolve(window.Chart);
  }
  if (!chartLibrary) {
    chartLibrary = new Promise((resolve, reject) => {
      const amd = window.define;
      window.define = undefined;
      const script = document.createElement('script');
      script.src = CHART_JS;
      script.onload = () => {
        window.define = amd;
        resolve(window.Chart);
      };
      script.onerror = () => {
        window.define = amd;
        reject(new Error('Chart.js could not be loaded from ' + CHART_JS));
      };
      document.head.appendChild(script);
    });
  }
  return chartLibrary;
}

function query(params) {
  const search = new URLSearchParams();
  Object.entries(params).forEach(([name, value]) => {
    if (value) {
      search.set(name, value);
    }
  });
  const text = search.toString();
  return text ? '?' + text : '';
}

async function fetchReport(params) {
  const response = await fetch(API + query(params), {
    credentials: 'same-origin',
    headers: {Accept: 'application/json'}
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const reason = body.detail || response.statusText;
    throw new Error(response.status + ': ' + reason);
  }
  return body;
}

function isFigure(cell) {
  return cell !== null && typeof cell === 'object' && 'suppressed' in cell;
}

/** A figure as the table shows it: the number, "suppressed" (fewer than minPeople people), or a dash. */
function figureText(cell) {
  if (!isFigure(cell)) {
    return cell === null || cell === undefined ? '' : String(cell);
  }
  if (cell.suppressed) {
    return 'suppressed';
  }
  if (cell.value === null || cell.value === undefined) {
    return '–';
  }
  return cell.people !== null && cell.people !== undefined && cell.people !== cell.value
    ? cell.value + ' (' + cell.people + ' people)'
    : String(cell.value);
}

function numberOf(cell) {
  return isFigure(cell) && !cell.suppressed && typeof cell.value === 'number' ? cell.value : null;
}

function dataTable(name, table, params) {
  const head = el('tr', {}, ...table.columns.map(column => el('th', {text: column})));
  const rows = table.rows.map(row => el('tr', {},
    ...table.columns.map(column => {
      const cell = row[column];
      const td = el('td', {'data-column': column});
      if (name === 'funnel' && numberOf(cell) > 0) {
        const link = el('a', {href: '', text: figureText(cell), title: 'Who is behind this number'});
        link.addEventListener('click', event => {
          event.preventDefault();
          showPeople(td.closest('section'), row[table.columns[0]], params);
        });
        td.appendChild(link);
      } else {
        td.textContent = figureText(cell);
      }
      if (isFigure(cell) && cell.suppressed) {
        td.className = 'outcomes-suppressed';
        td.title = 'Fewer people than the reporting minimum: suppressed';
      }
      return td;
    })));
  return el('table', {className: 'table table-condensed outcomes-table', 'data-table': name},
    el('thead', {}, head), el('tbody', {}, ...rows));
}

/** The people behind a funnel count, each linked to their pathway in Cockpit and in our API. */
async function showPeople(sectionNode, stage, params) {
  let list = sectionNode.querySelector('.outcomes-people');
  if (!list) {
    list = el('div', {className: 'outcomes-people'});
    sectionNode.appendChild(list);
  }
  list.textContent = 'Loading…';
  try {
    const response = await fetch(API + '/people' + query({...params, stage}), {
      credentials: 'same-origin',
      headers: {Accept: 'application/json'}
    });
    const body = await response.json();
    if (!response.ok) {
      throw new Error(body.detail || response.statusText);
    }
    list.textContent = '';
    list.appendChild(el('h5', {text: stage + ': ' + figureText(body.count)}));
    const items = body.people.map(person => el('li', {},
      el('a', {href: '#/process-instance/' + encodeURIComponent(person.processInstanceId) + '/runtime',
        text: person.patientId}),
      el('span', {text: ' (' + person.practice + ') '}),
      el('a', {href: '/api/patients/' + encodeURIComponent(person.patientId) + '/pathway', text: 'pathway',
        target: '_blank', rel: 'noopener'})));
    list.appendChild(el('ul', {}, ...items));
  } catch (e) {
    list.textContent = 'Could not list the people: ' + e.message;
  }
}

/** The first column names each row; the chart draws the figure columns. */
function chart(Chart, canvas, table, type) {
  const labelColumn = table.columns[0];
  const figureColumns = table.columns.filter(column => table.rows.some(row => isFigure(row[column])));
  const colours = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b'];
  CHARTS.push(new Chart(canvas, {
    type,
    data: {
      labels: table.rows.map(row => String(row[labelColumn])),
      datasets: figureColumns.map((column, i) => ({
        label: column,
        data: table.rows.map(row => numberOf(row[column])),
        backgroundColor: colours[i % colours.length],
        borderColor: colours[i % colours.length]
      }))
    },
    options: {
      animation: false,
      indexAxis: type === 'bar' && table.rows.length > 6 ? 'y' : 'x',
      plugins: {legend: {display: figureColumns.length > 1}},
      scales: {x: {ticks: {autoSkip: false}}, y: {ticks: {autoSkip: false}}},
      responsive: true,
      maintainAspectRatio: false
    }
  }));
}

function section(Chart, name, table, params, type) {
  const csv = el('a', {href: API + '/' + name + '.csv' + query(params), text: 'CSV', download: ''});
  const heading = el('h4', {text: table.title + ' '}, csv);
  const figure = el('div', {className: 'outcomes-chart'});
  const canvas = el('canvas', {'aria-label': table.title, role: 'img'});
  figure.appendChild(canvas);
  const body = el('div', {className: 'outcomes-section-body'});
  if (type && Chart && table.rows.length) {
    body.appendChild(figure);
  }
  body.appendChild(el('div', {className: 'outcomes-numbers'}, dataTable(name, table, params)));
  const node = el('section', {className: 'outcomes-section', 'data-section': name}, heading, body);
  if (type && Chart && table.rows.length) {
    // drawn once the canvas is in the page
    setTimeout(() => chart(Chart, canvas, table, type), 0);
  }
  return node;
}

const LAYOUT = [
  ['funnel', 'bar'],
  ['byMonth', 'line'],
  ['time', 'bar'],
  ['outcomes', 'bar'],
  ['referrals', 'bar'],
  ['overdueTasks', 'bar'],
  ['caseloads', null],
  ['equity', null]
];

function clearCharts() {
  while (CHARTS.length) {
    CHARTS.pop().destroy();
  }
}

async function renderReport(target, params, sections) {
  clearCharts();
  target.textContent = 'Loading outcomes…';
  let report;
  let Chart = null;
  try {
    report = await fetchReport(params);
  } catch (e) {
    target.textContent = 'Outcomes could not be read: ' + e.message;
    return null;
  }
  try {
    Chart = await loadChartJs();
  } catch (e) {
    Chart = null;
  }
  target.textContent = '';
  target.appendChild(el('p', {
    className: 'outcomes-cohort',
    text: 'Practices ' + report.practices.join(', ') + ': ' + report.cohort
      + '. Figures drawn from fewer than ' + report.minPeople + ' people are suppressed.'
  }));
  LAYOUT.filter(([name]) => sections.includes(name)).forEach(([name, type]) => {
    target.appendChild(section(Chart, name, report.tables[name], params, type));
  });
  return report;
}

function selectors(onChange) {
  const today = new Date().toISOString().substring(0, 10);
  const yearAgo = new Date(Date.now() - 364 * 86400000).toISOString().substring(0, 10);
  const from = el('input', {type: 'date', name: 'from', value: yearAgo});
  const to = el('input', {type: 'date', name: 'to', value: today});
  const practice = el('select', {name: 'practice'}, el('option', {value: '', text: 'All my practices'}));
  const neighbourhood = el('select', {name: 'neighbourhood'}, el('option', {value: '', text: 'All neighbourhoods'}));
  const show = el('button', {type: 'submit', className: 'btn btn-default', text: 'Show'});
  const form = el('form', {className: 'form-inline outcomes-selectors'},
    el('label', {text: 'From '}, from), el('label', {text: ' To '}, to),
    el('label', {text: ' Practice '}, practice), el('label', {text: ' Neighbourhood '}, neighbourhood), show);
  const params = () => ({from: from.value, to: to.value, practice: practice.value, neighbourhood: neighbourhood.value});
  form.addEventListener('submit', event => {
    event.preventDefault();
    onChange(params());
  });
  const fill = choices => {
    if (practice.options.length > 1 || !choices) {
      return;
    }
    choices.forEach(p => practice.appendChild(el('option', {value: p.odsCode, text: p.name + ' (' + p.odsCode + ')'})));
    [...new Set(choices.map(p => p.neighbourhood))].sort()
      .forEach(n => neighbourhood.appendChild(el('option', {value: n, text: n})));
  };
  return {form, params, fill};
}

const STYLE = `
.outcomes-page { padding: 15px 20px; }
.outcomes-section { margin: 18px 0; }
.outcomes-section-body { display: flex; flex-wrap: wrap; gap: 20px; align-items: flex-start; }
.outcomes-chart { position: relative; width: 520px; height: 300px; }
.outcomes-numbers { flex: 1; min-width: 320px; overflow-x: auto; }
.outcomes-suppressed { color: #777; font-style: italic; }
.outcomes-people ul { columns: 3; font-size: 90%; }
.outcomes-selectors label { margin-right: 10px; font-weight: normal; }
`;

function addStyle() {
  if (!document.getElementById('outcomes-style')) {
    document.head.appendChild(el('style', {id: 'outcomes-style', text: STYLE}));
  }
}

export default [
  {
    id: 'pcn.outcomes.dashboard',
    pluginPoint: 'cockpit.dashboard',
    priority: 10,
    render: node => {
      addStyle();
      const target = el('div', {className: 'outcomes-dashboard'});
      node.appendChild(el('h3', {}, el('a', {href: '#/outcomes', text: 'Coordinated care outcomes'})));
      node.appendChild(target);
      renderReport(target, {}, ['funnel', 'outcomes']);
    },
    unmount: clearCharts
  },
  {
    id: 'pcn.outcomes.route',
    pluginPoint: 'cockpit.route',
    properties: {path: '/outcomes', label: 'Outcomes'},
    render: node => {
      addStyle();
      const target = el('div', {className: 'outcomes-report'});
      let choose;
      const show = async params => {
        const report = await renderReport(target, params, LAYOUT.map(([name]) => name));
        if (report) {
          choose.fill(report.choices);
        }
      };
      choose = selectors(show);
      node.appendChild(el('div', {className: 'outcomes-page'},
        el('h2', {text: 'Coordinated care outcomes'}), choose.form, target));
      show(choose.params());
    },
    unmount: clearCharts
  },
  {
    id: 'pcn.outcomes.navigation',
    pluginPoint: 'cockpit.navigation',
    priority: 100,
    properties: {pagePath: '#/outcomes', pathRegex: '/outcomes', label: 'Outcomes'},
    // Cockpit draws a plugin that renders itself as it is, with no link of its own (it links only template plugins)
    render: node => {
      const link = document.createElement('a');
      link.href = '#/outcomes';
      link.textContent = 'Outcomes';
      node.replaceChildren(link);
    }
  }
];
