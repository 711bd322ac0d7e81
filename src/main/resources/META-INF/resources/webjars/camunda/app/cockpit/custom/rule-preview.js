// A "Rule preview" page in Cockpit (#/rule-preview, issue 22, ADR 0029): a process owner picks a changed decision table
// and sees what it would change for the register and the running pathways, compared with the deployed version.
// Nothing is written. The page posts to our preview API with the webapp's own session and Camunda's CSRF token in
// X-XSRF-TOKEN, which our API accepts for these three previews only (ADR 0021). Plain DOM; every value from the server
// is set as text, never as HTML.
import {el} from './elements.js';

const PREVIEWS = [
  {
    key: 'eligibility',
    title: 'Case-finding eligibility',
    file: 'case-finding-eligibility.dmn',
    url: '/api/case-finding/preview',
    show: showEligibility
  },
  {
    key: 'trigger',
    title: 'Coordinator trigger',
    file: 'coordinator-trigger.dmn',
    url: '/api/pathway-rules/preview/coordinator-trigger',
    show: showTrigger
  },
  {
    key: 'interval',
    title: 'MDT review interval',
    file: 'mdt-review-interval.dmn',
    url: '/api/pathway-rules/preview/mdt-review-interval',
    show: showInterval
  }
];

function text(value) {
  return value === null || value === undefined || value === '' ? '—' : String(value);
}

function list(values) {
  return values && values.length ? values.join('; ') : '—';
}

function table(headings, rows) {
  return el('table', {className: 'cam-table rule-preview-table'},
    el('thead', {}, el('tr', {}, ...headings.map(h => el('th', {text: h})))),
    el('tbody', {}, ...rows.map(cells => el('tr', {}, ...cells.map(c => el('td', {text: text(c)}))))));
}

function summary(answer, sentence) {
  return el('p', {className: 'rule-preview-summary',
    text: 'Deployed: ' + text(answer.deployed) + '. Uploaded: ' + text(answer.uploaded) + '. ' + sentence});
}

function showEligibility(answer) {
  const changed = (answer.practices || []).filter(p => p.entering.length || p.leaving.length);
  const parts = [summary(answer, answer.entering + ' would enter and ' + answer.leaving
    + ' would leave practices\' lists.')];
  if (!changed.length) {
    parts.push(el('p', {text: 'No one would enter or leave any practice\'s list.'}));
  }
  changed.forEach(practice => {
    // each practice folds away; a short list is open at once
    const details = el('details', {className: 'rule-preview-practice'},
      el('summary', {text: practice.practice + ': eligible now ' + practice.eligibleNow + ', after '
        + practice.eligibleAfter + ' (' + practice.entering.length + ' entering, ' + practice.leaving.length
        + ' leaving)'}));
    details.open = practice.entering.length + practice.leaving.length <= 10;
    const rows = [
      ...practice.entering.map(c => ['enters', c.patientId, c.ltcCount, list(c.reasonsNow), list(c.exclusionsNow),
        list(c.reasonsAfter), list(c.exclusionsAfter)]),
      ...practice.leaving.map(c => ['leaves', c.patientId, c.ltcCount, list(c.reasonsNow), list(c.exclusionsNow),
        list(c.reasonsAfter), list(c.exclusionsAfter)])
    ];
    details.appendChild(table(['Change', 'Patient', 'Long-term conditions', 'Reasons now', 'Exclusions now',
      'Reasons after', 'Exclusions after'], rows));
    parts.push(details);
  });
  return parts;
}

function showTrigger(answer) {
  const changes = answer.changes || [];
  return [
    summary(answer, 'Of ' + count(answer.pathways, 'running pathway', 'running pathways') + ', '
      + answer.wouldGetCoordinatorNow
      + ' would get a coordinator now and ' + answer.wouldGetCoordinatorAfter + ' with the uploaded table.'),
    changes.length
      ? table(['Patient', 'Practice', 'Trigger now', 'Trigger after'],
        changes.map(c => [c.patientId, c.practice, c.triggerNow || 'no coordinator', c.triggerAfter || 'no coordinator']))
      : el('p', {text: 'No running pathway would change.'})
  ];
}

/** A review date as its day; a pathway whose review is not waiting yet has none. */
function day(instant) {
  return instant ? String(instant).substring(0, 10) : 'not scheduled yet';
}

function count(n, one, many) {
  return n + ' ' + (n === 1 ? one : many);
}

function showInterval(answer) {
  const changes = answer.changes || [];
  return [
    summary(answer, 'Of ' + count(answer.pathways, 'running pathway', 'running pathways') + ', '
      + count(answer.reviewsMovedEarlier, 'review', 'reviews') + ' would move earlier and '
      + answer.reviewsMovedLater + ' later.'),
    changes.length
      ? table(['Patient', 'Practice', 'Interval now', 'Interval after', 'Review due now', 'Review due after',
        'Moved by (days)'],
      changes.map(c => [c.patientId, c.practice, c.intervalNow, c.intervalAfter, day(c.reviewDueNow),
        day(c.reviewDueAfter), c.movedByDays > 0 ? '+' + c.movedByDays : c.movedByDays]))
      : el('p', {text: 'No review date would move.'})
  ];
}

/** Camunda's CSRF token as it stands now (its cookie), else the one handed to the plugin when it was drawn. */
function csrfToken(api) {
  const cookie = document.cookie.split(';').map(c => c.trim()).find(c => c.startsWith('XSRF-TOKEN='));
  return cookie ? decodeURIComponent(cookie.substring('XSRF-TOKEN='.length)) : (api && api.CSRFToken) || '';
}

async function upload(preview, file, api, target) {
  target.replaceChildren(el('p', {text: 'Working out the preview…'}));
  const body = new FormData();
  body.append('dmn', file, file.name);
  let response;
  let answer;
  try {
    response = await fetch(preview.url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {Accept: 'application/json', 'X-XSRF-TOKEN': csrfToken(api)},
      body
    });
    answer = await response.json().catch(() => ({}));
  } catch (e) {
    target.replaceChildren(error('The preview could not be reached: ' + e.message));
    return;
  }
  if (!response.ok) {
    const reason = answer.detail || answer.title || response.statusText;
    const field = answer.field ? ' (' + answer.field + ')' : '';
    target.replaceChildren(error(response.status + ': ' + reason + field));
    return;
  }
  target.replaceChildren(...preview.show(answer));
}

function error(message) {
  return el('div', {className: 'alert alert-danger rule-preview-error', role: 'alert', text: message});
}

function section(preview, api) {
  const input = el('input', {type: 'file', accept: '.dmn,.xml,application/xml,text/xml', name: 'dmn',
    id: 'rule-preview-' + preview.key});
  const button = el('button', {type: 'submit', className: 'btn btn-default', text: 'Preview'});
  const answer = el('div', {className: 'rule-preview-answer'});
  const form = el('form', {className: 'form-inline'},
    el('label', {for: input.id, text: 'Changed ' + preview.file + ' '}), input, button);
  form.addEventListener('submit', event => {
    event.preventDefault();
    const file = input.files && input.files[0];
    if (!file) {
      answer.replaceChildren(error('Choose a changed ' + preview.file + ' first.'));
      return;
    }
    button.disabled = true;
    upload(preview, file, api, answer).finally(() => {
      button.disabled = false;
    });
  });
  return el('section', {className: 'rule-preview-section'}, el('h3', {text: preview.title}), form, answer);
}

const STYLE = `
.rule-preview-page { padding: 15px 20px; }
.rule-preview-section { margin: 18px 0 28px; }
.rule-preview-section form label { margin-right: 10px; font-weight: normal; }
.rule-preview-section form input[type=file] { display: inline-block; margin-right: 10px; }
.rule-preview-answer { margin-top: 12px; overflow-x: auto; }
.rule-preview-table { margin-bottom: 12px; }
.rule-preview-practice summary { display: list-item; cursor: pointer; font-weight: bold; margin: 8px 0; }
.rule-preview-error { white-space: pre-wrap; }
`;

export default [
  {
    id: 'pcn.rule-preview.route',
    pluginPoint: 'cockpit.route',
    properties: {path: '/rule-preview', label: 'Rule preview'},
    render: (node, {api} = {}) => {
      if (!document.getElementById('rule-preview-style')) {
        document.head.appendChild(el('style', {id: 'rule-preview-style', text: STYLE}));
      }
      node.appendChild(el('div', {className: 'rule-preview-page'},
        el('h2', {text: 'Rule preview'}),
        el('p', {text: 'Upload a changed decision table to see what it would change compared with the deployed '
          + 'version, for the register as it is now and the pathways running now. Nothing is written and no '
          + 'pathway starts. For process owners and administrators.'}),
        ...PREVIEWS.map(preview => section(preview, api))));
    }
  },
  {
    id: 'pcn.rule-preview.navigation',
    pluginPoint: 'cockpit.navigation',
    priority: 90,
    properties: {pagePath: '#/rule-preview', pathRegex: '/rule-preview', label: 'Rule preview'},
    // Cockpit draws a plugin that renders itself as it is, with no link of its own (it links only template plugins)
    render: node => {
      node.replaceChildren(el('a', {href: '#/rule-preview', text: 'Rule preview'}));
    }
  }
];
