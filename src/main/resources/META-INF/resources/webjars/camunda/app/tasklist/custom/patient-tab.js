// The Patient tab of a task in Tasklist (ADR 0021): the story of the task's patient from our API, read with the
// webapp's own session (GET only). Plain DOM, no framework, nothing fetched from the internet. Every value from the
// server goes into the page as text (textContent), never as HTML.

const SESSION_READ = { credentials: 'same-origin', headers: { Accept: 'application/json' } };

// el('p', {className: 'x'}, 'text', child): an element whose string children are text nodes
function el(tag, props, ...children) {
  const node = document.createElement(tag);
  Object.assign(node, props || {});
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// "FAMILY_OR_CARER" reads "Family or carer"
function words(constant) {
  if (!constant) return '';
  const text = String(constant).toLowerCase().replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function day(value) {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
}

function section(title, ...content) {
  return el('section', { className: 'cc-section' }, el('h4', {}, title), ...content);
}

function none(text) {
  return el('p', { className: 'cc-none' }, text);
}

function facts(pairs) {
  const list = el('dl', { className: 'cc-facts' });
  for (const [term, value] of pairs) {
    if (value === null || value === undefined || value === '') continue;
    list.append(el('dt', {}, term), el('dd', {}, value));
  }
  return list;
}

function table(headings, rows) {
  return el('table', { className: 'table table-condensed cc-table' },
    el('thead', {}, el('tr', {}, ...headings.map(h => el('th', {}, h)))),
    el('tbody', {}, ...rows.map(cells => el('tr', {}, ...cells.map(c => el('td', {}, c ?? ''))))));
}

function identity(p) {
  return section('Patient',
    el('p', { className: 'cc-name' }, p.name, p.deceased ? ' (deceased)' : ''),
    facts([
      ['NHS number', p.nhsNumber],
      ['Born', p.birthDate ? `${day(p.birthDate)} (${p.age})` : ''],
      ['Practice', `${p.practiceName} (${p.practice})`],
      ['FHIR id', p.patientId]
    ]),
    none('Contact preferences: none are recorded in the register yet.'));
}

function conditions(categories) {
  if (!categories.length) return section('Long-term conditions', none('No active long-term conditions recorded.'));
  return section('Long-term conditions',
    ...categories.map(c => el('div', { className: 'cc-category' },
      el('h5', {}, c.category),
      el('ul', {}, ...c.conditions.map(x => el('li', { className: 'cc-condition' },
        x.term, ' ', el('span', { className: 'cc-code' }, `SNOMED ${x.code}`),
        ` since ${x.onsetDate ? day(x.onsetDate) : 'an unknown date'}`))))));
}

function hospital(frailty, encounters) {
  const frail = frailty.length
    ? el('ul', {}, ...frailty.map(f => el('li', {},
        `${words(f.category)} frailty`,
        f.efiScore != null ? ` (eFI ${f.efiScore})` : '',
        f.code ? ` (coded ${f.code})` : '',
        `, ${day(f.date)}`)))
    : none('No frailty recorded.');
  const visits = encounters.length
    ? table(['Date', 'Event'], encounters.map(e => [day(e.date), {
        UNPLANNED_ADMISSION: 'Unplanned admission',
        AE_ATTENDANCE: 'A&E attendance',
        HOSPITAL_DISCHARGE: 'Discharge'
      }[e.type] || words(e.type)]))
    : none('No unplanned admissions, A&E attendances or discharges in the last 12 months.');
  return section('Frailty and hospital use (last 12 months)', frail, visits);
}

function holders(title, list) {
  if (!list.length) return el('div', {}, el('h5', {}, title), none('Nobody yet.'));
  const current = list.filter(h => !h.until);
  const before = list.filter(h => h.until);
  return el('div', {},
    el('h5', {}, title),
    ...current.map(h => el('p', { className: 'cc-holder' },
      el('strong', {}, h.name), h.role ? `, ${h.role}` : '', ` since ${day(h.from)}`)),
    current.length ? null : none('Nobody holds this role now.'),
    before.length ? el('p', { className: 'cc-before' },
      'Before: ', before.map(h => `${h.name} (${day(h.from)} to ${day(h.until)})`).join('; ')) : null);
}

function plan(p) {
  if (!p) return section('Care and support plan', none('No care and support plan agreed yet.'));
  const shares = (p.shares || []).map(s => `${words(s.recipient)}${s.sharedAt ? '' : ' (not yet sent)'}`);
  return section(`Care and support plan (version ${p.version})`,
    el('h5', {}, 'What matters to the person'), el('p', { className: 'cc-text' }, p.whatMattersToMe),
    el('h5', {}, 'Goals'), el('p', { className: 'cc-text' }, p.goals),
    el('h5', {}, 'Actions'),
    (p.actions || []).length
      ? table(['Action', 'Who', 'By'], p.actions.map(a => [a.description, a.owner, day(a.dueDate)]))
      : none('No actions.'),
    facts([
      ['Review date', day(p.reviewDate)],
      ['Shared with', shares.join(', ') || 'nobody'],
      ['Consent to share', p.consentToShare ? 'Given' : 'Not given'],
      ['Agreed', `${day(p.createdAt)} by ${p.createdBy}`]
    ]));
}

function referrals(list) {
  return section('Referrals', list.length
    ? table(['Referral', 'Status', 'Proposed', 'Note'],
        list.map(r => [words(r.type), words(r.status), day(r.proposedAt), r.outcomeNote || r.responseNote || r.note]))
    : none('No referrals.'));
}

function reviews(list) {
  return section('MDT reviews', list.length
    ? table(['Held', 'Outcome', 'Attendees', 'Notes'],
        list.map(m => [m.heldOn ? day(m.heldOn) : 'Prepared, not yet held', words(m.outcome), m.attendees, m.notes]))
    : none('No MDT reviews.'));
}

function documents(list) {
  return section('Letters and plan documents', list.length
    ? el('ul', {}, ...list.map(d => el('li', {},
        el('a', { href: d.href, target: '_blank', rel: 'noopener' }, d.title || words(d.kind)),
        ` ${day(d.createdAt)}`,
        d.pdfHref ? el('span', {}, ' ', el('a', { href: d.pdfHref, target: '_blank', rel: 'noopener' }, 'PDF')) : null)))
    : none('No documents.'));
}

function timeline(list) {
  return section('Timeline', el('ol', { className: 'cc-timeline' }, ...list.map(t => el('li', {},
    el('span', { className: 'cc-when' }, day(t.at)), ' ', t.what,
    t.by ? ` by ${t.by}` : '', t.details ? `: ${t.details}` : ''))));
}

function story(s) {
  const parts = [identity(s.patient), conditions(s.conditions || []), hospital(s.frailty || [], s.hospitalEncounters || [])];
  const p = s.pathway;
  if (p) {
    parts.push(
      section('Who is responsible', holders('Named professional', p.namedProfessionals || []),
        holders('Care coordinator', p.careCoordinators || [])),
      plan(p.currentPlan), referrals(p.referrals || []), reviews(p.mdtReviews || []));
  }
  parts.push(documents(s.documents || []));
  if (p) parts.push(timeline(p.timeline || []));
  return el('div', { className: 'cc-patient' }, ...parts);
}

function message(text, kind) {
  return el('div', { className: `cc-patient cc-message alert alert-${kind}` }, text);
}

async function show(node, taskId) {
  node.replaceChildren(el('p', { className: 'cc-loading' }, 'Loading the patient…'));
  let view;
  try {
    const response = await fetch(`/api/tasks/${encodeURIComponent(taskId)}/patient`, SESSION_READ);
    const body = await response.json().catch(() => null);
    if (response.ok) {
      view = story(body);
    } else if (response.status === 403 || response.status === 401) {
      view = message('No access: this patient is not one of your practice\'s patients.', 'warning');
    } else if (response.status === 404) {
      view = message((body && body.detail) || 'This task is not part of a patient\'s pathway.', 'info');
    } else {
      view = message('The patient\'s record could not be loaded. Try again in a moment.', 'danger');
    }
  } catch (e) {
    view = message('The patient\'s record could not be loaded. Try again in a moment.', 'danger');
  }
  if (node.dataset.ccTask === taskId) node.replaceChildren(view); // not if another task was opened meanwhile
}

export default [
  {
    id: 'coordinated-care.patient',
    pluginPoint: 'tasklist.task.detail',
    priority: 1000,
    properties: { label: 'Patient' },
    render(node, { taskId }) {
      node.dataset.ccTask = taskId;
      show(node, taskId);
    }
  }
];
