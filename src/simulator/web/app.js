// @ts-check
/**
 * The simulated workspace's page: one person at a time, their App Home, their conversation with
 * the app and the channels, slash commands, modals rendered from the app's real views. It talks
 * to the simulator's JSON API only (src/simulator/workspace.ts).
 */
import { escapeHtml, isoDate, isoTime, mrkdwn, plainText, renderBlocks, zonedEpoch } from './render.js';

const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
const ui = {
  user: localStorage.getItem('simulation.user') ?? '',
  /** 'home', 'dm' or a channel id */
  place: localStorage.getItem('simulation.place') ?? 'home',
  /** @type {any} */ data: null,
  lastPane: '',
  lastModal: '',
};

async function api(path, body) {
  const res = await fetch(`/api/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user: ui.user, ...body }),
  });
  return res.json();
}

const ctx = () => ({ people: ui.data?.people ?? [], channels: ui.data?.channels ?? [], timeZone: zone() });

/** The platform's time zone (the server's setting): every date and time shown or typed is in it. */
const zone = () => ui.data?.timeZone ?? 'Europe/Paris';
/** @type {Map<string, Intl.DateTimeFormat>} */
const formats = new Map();
/** French, in the platform's zone, whatever the browser's locale and zone. */
function frenchFormat(/** @type {Intl.DateTimeFormatOptions} */ options) {
  const key = zone() + JSON.stringify(options);
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat('fr-FR', { ...options, timeZone: zone() });
    formats.set(key, format);
  }
  return format;
}

function renderSidebar() {
  const person = /** @type {HTMLSelectElement} */ ($('person'));
  const people = ui.data.people;
  if (person.options.length !== people.length) {
    person.innerHTML = people
      .map(
        (p) =>
          `<option value="${escapeHtml(p.id)}">${escapeHtml(p.name)}${p.structure ? ` — ${escapeHtml(p.structure)}` : ''}</option>`,
      )
      .join('');
  }
  person.value = ui.user;
  const me = people.find((p) => p.id === ui.user);
  $('roles').textContent = me ? me.roles.join(', ') : '';
  const places = [
    ['home', 'Accueil de l’application'],
    ['dm', 'Messages de l’application'],
    ...ui.data.channels.map((c) => [c.id, `# ${c.name}`]),
  ];
  $('nav').innerHTML = places
    .map(
      ([id, label]) =>
        `<li data-place="${escapeHtml(id)}" class="${id === ui.place ? 'active' : ''}">${escapeHtml(label)}</li>`,
    )
    .join('');
}

function renderPane() {
  let title;
  let html;
  if (ui.place === 'home') {
    title = 'Accueil de l’application';
    html = ui.data.home
      ? `<div data-where="home">${renderBlocks(ui.data.home.blocks ?? [], ctx())}</div>`
      : '<p>Chargement de l’accueil…</p>';
  } else {
    const channel = ui.place === 'dm' ? ui.data.dm : ui.place;
    title =
      ui.place === 'dm'
        ? 'Messages de l’application'
        : `# ${ui.data.channels.find((c) => c.id === ui.place)?.name ?? ui.place}`;
    const messages = ui.data.messages.filter((m) => m.channel === channel);
    html = messages.length
      ? messages.map(renderMessage).join('')
      : '<p class="b-context">Aucun message pour le moment. Tapez une commande ci-dessous.</p>';
  }
  const key = title + html;
  if (key === ui.lastPane) return;
  ui.lastPane = key;
  $('title').textContent = title;
  $('pane').innerHTML = html;
  $('pane').scrollTop = $('pane').scrollHeight;
}

function renderMessage(m) {
  const body = m.blocks?.length ? renderBlocks(m.blocks, ctx()) : m.text ? `<div>${mrkdwn(m.text, ctx())}</div>` : '';
  const files = m.files?.length
    ? `<div class="files">${m.files.map((f) => `<a href="/files/${encodeURIComponent(f.id)}" download="${escapeHtml(f.filename)}">📎 ${escapeHtml(f.title)}</a>`).join('')}</div>`
    : '';
  const meta = [m.ephemeralTo ? 'visible par vous seul' : '', m.edited ? 'modifié' : ''].filter(Boolean).join(' · ');
  const who =
    m.user === 'USLACKBOT'
      ? 'Slackbot'
      : m.user
        ? (ui.data.people.find((p) => p.id === m.user)?.name ?? m.user)
        : 'Plateforme Emploi';
  // Slack shows the time a message was posted (its ts), the full date on hover.
  const at = new Date(Number.parseFloat(m.ts) * 1000);
  const time = `<time class="at" datetime="${at.toISOString()}" title="${escapeHtml(frenchFormat({ dateStyle: 'full', timeStyle: 'short' }).format(at))}">${escapeHtml(frenchFormat({ hour: '2-digit', minute: '2-digit' }).format(at))}</time>`;
  return `<div class="message${m.ephemeralTo ? ' ephemeral' : ''}${m.user && m.user !== 'USLACKBOT' ? ' from-person' : ''}" data-where="message" data-channel="${escapeHtml(m.channel)}" data-ts="${escapeHtml(m.ts)}"><span class="who">${escapeHtml(who)}</span>${time}<span class="meta">${escapeHtml(meta)}</span>${body}${files}</div>`;
}

function renderModal() {
  const modal = ui.data.modal;
  const root = $('modal');
  const key = modal ? JSON.stringify(modal) : '';
  if (key === ui.lastModal) return;
  ui.lastModal = key;
  if (!modal) {
    root.hidden = true;
    root.innerHTML = '';
    return;
  }
  const view = modal.view;
  root.hidden = false;
  root.innerHTML = `<div class="sheet" role="dialog" aria-label="${escapeHtml(view.title?.text ?? '')}" data-where="modal" data-view-id="${escapeHtml(modal.id)}">
    <h3 class="title">${plainText(view.title?.text ?? '')}</h3>
    <div class="blocks">${renderBlocks(view.blocks ?? [], ctx())}</div>
    <div class="footer"><button type="button" class="btn" data-close>${plainText(view.close?.text ?? 'Fermer')}</button>${view.submit ? `<button type="button" class="btn primary" data-submit>${plainText(view.submit.text)}</button>` : ''}</div>
  </div>`;
  for (const el of root.querySelectorAll('.external')) renderChips(/** @type {HTMLElement} */ (el));
}

function renderChips(el) {
  const selected = JSON.parse(el.dataset.selected || '[]');
  el.querySelector('.chips').innerHTML = selected
    .map(
      (o, i) =>
        `<span class="chip">${escapeHtml(o.text)} <button type="button" data-unchoose="${i}" aria-label="Retirer">×</button></span>`,
    )
    .join('');
}

/**
 * The modal's inputs as Slack's view state: { block_id: { action_id: { type, … } } }. Dates and
 * times are typed in French formats and read in the platform's zone; one that cannot be read is
 * put in `problems` (Slack's pickers never send one).
 * @param {Element} root @param {Record<string, string>} [problems]
 */
function collect(root, problems = {}) {
  /** @type {Record<string, Record<string, any>>} */
  const values = {};
  for (const node of root.querySelectorAll('.el[data-block]')) {
    const el = /** @type {HTMLInputElement} */ (node);
    const { block, action, type } = el.dataset;
    const option = (value, text) => ({ text: { type: 'plain_text', text }, value });
    let state;
    switch (type) {
      case 'plain_text_input':
      case 'number_input':
        state = { value: el.value === '' ? null : el.value };
        break;
      case 'datepicker': {
        const date = isoDate(el.value);
        if (el.value.trim() && !date) problems[String(block)] = 'Date attendue au format jj/mm/aaaa.';
        state = { selected_date: date };
        break;
      }
      case 'timepicker': {
        const time = isoTime(el.value);
        if (el.value.trim() && !time) problems[String(block)] = 'Heure attendue au format hh:mm.';
        state = { selected_time: time };
        break;
      }
      case 'datetimepicker': {
        const typed = /** @type {HTMLInputElement} */ (el.querySelector('input.date')).value;
        const typedTime = /** @type {HTMLInputElement} */ (el.querySelector('input.time')).value;
        const date = isoDate(typed);
        const time = isoTime(typedTime);
        if ((typed.trim() || typedTime.trim()) && !(date && time))
          problems[String(block)] = 'Date et heure attendues au format jj/mm/aaaa et hh:mm.';
        state = { selected_date_time: date && time ? zonedEpoch(date, time, zone()) : null };
        break;
      }
      case 'static_select': {
        const o = /** @type {HTMLSelectElement} */ (/** @type {unknown} */ (el)).selectedOptions[0];
        state = { selected_option: o?.value ? option(o.value, o.text) : null };
        break;
      }
      case 'multi_static_select':
        state = {
          selected_options: [.../** @type {HTMLSelectElement} */ (/** @type {unknown} */ (el)).selectedOptions].map(
            (o) => option(o.value, o.text),
          ),
        };
        break;
      case 'external_select': {
        const [o] = JSON.parse(el.dataset.selected || '[]');
        state = { selected_option: o ? option(o.value, o.text) : null };
        break;
      }
      case 'multi_external_select':
        state = { selected_options: JSON.parse(el.dataset.selected || '[]').map((o) => option(o.value, o.text)) };
        break;
      case 'users_select':
        state = { selected_user: el.value || null };
        break;
      case 'conversations_select':
        state = { selected_conversation: el.value || null };
        break;
      case 'radio_buttons': {
        const checked = /** @type {HTMLInputElement | null} */ (el.querySelector('input:checked'));
        state = {
          selected_option: checked
            ? option(checked.value, checked.parentElement?.textContent?.trim() ?? checked.value)
            : null,
        };
        break;
      }
      case 'checkboxes':
        state = {
          selected_options: [...el.querySelectorAll('input:checked')].map((c) =>
            option(/** @type {HTMLInputElement} */ (c).value, c.parentElement?.textContent?.trim() ?? ''),
          ),
        };
        break;
      default:
        continue;
    }
    values[/** @type {string} */ (block)] ??= {};
    values[/** @type {string} */ (block)][/** @type {string} */ (action)] = { type, ...state };
  }
  return values;
}

function showErrors(sheet, errors) {
  for (const old of sheet.querySelectorAll('.b-input .error')) old.remove();
  for (const old of sheet.querySelectorAll('.b-input.has-error')) old.classList.remove('has-error');
  for (const [block, message] of Object.entries(errors)) {
    const input = sheet.querySelector(`[data-input-block="${CSS.escape(block)}"]`);
    if (!input) continue;
    input.classList.add('has-error');
    input.insertAdjacentHTML('beforeend', `<div class="error" role="alert">${plainText(String(message))}</div>`);
  }
  sheet.querySelector('.has-error')?.scrollIntoView({ block: 'center' });
}

async function refresh() {
  if (!ui.user) {
    const first = await (await fetch('/api/state?user=U0')).json();
    ui.user = first.people[0]?.id ?? '';
    localStorage.setItem('simulation.user', ui.user);
  }
  show(await (await fetch(`/api/state?user=${encodeURIComponent(ui.user)}`)).json());
}

/** @type {EventSource | null} */
let events = null;
/** The person's state, pushed by the simulator whenever it changes (server-sent events). */
function listen() {
  events?.close();
  const user = ui.user;
  events = new EventSource(`/api/events?user=${encodeURIComponent(user)}`);
  events.onmessage = (message) => {
    if (user === ui.user) show(JSON.parse(message.data));
  };
}

function show(data) {
  ui.data = data;
  $('now').textContent = frenchFormat({ dateStyle: 'full', timeStyle: 'short' }).format(new Date(ui.data.now));
  renderSidebar();
  renderPane();
  renderModal();
}

async function go(place) {
  ui.place = place;
  localStorage.setItem('simulation.place', place);
  ui.lastPane = '';
  if (place === 'home') await api('home', {});
  await refresh();
}

// ── Events, delegated: the page is re-rendered from the state.
document.addEventListener('click', async (event) => {
  const target = /** @type {HTMLElement} */ (event.target);
  const place = target.closest('[data-place]');
  if (place) return void (await go(/** @type {HTMLElement} */ (place).dataset.place));
  const advance = target.closest('[data-advance]');
  if (advance) {
    await api('clock', { minutes: Number(/** @type {HTMLElement} */ (advance).dataset.advance) });
    return void (await refresh());
  }
  const sheet = /** @type {HTMLElement | null} */ (target.closest('[data-where="modal"]'));
  if (target.closest('[data-close]') && sheet) {
    await api('close', { viewId: sheet.dataset.viewId });
    return void (await refresh());
  }
  if (target.closest('[data-submit]') && sheet) {
    /** @type {Record<string, string>} */
    const problems = {};
    const values = collect(sheet, problems);
    if (Object.keys(problems).length) return showErrors(sheet, problems);
    const answer = await api('submit', { viewId: sheet.dataset.viewId, values });
    if (answer.errors) return showErrors(sheet, answer.errors);
    return void (await refresh());
  }
  const unchoose = target.closest('[data-unchoose]');
  if (unchoose) {
    const el = /** @type {HTMLElement} */ (unchoose.closest('.external'));
    const selected = JSON.parse(el.dataset.selected || '[]');
    selected.splice(Number(/** @type {HTMLElement} */ (unchoose).dataset.unchoose), 1);
    el.dataset.selected = JSON.stringify(selected);
    return renderChips(el);
  }
  const suggestion = /** @type {HTMLElement | null} */ (target.closest('.suggestions li'));
  if (suggestion) {
    const el = /** @type {HTMLElement} */ (suggestion.closest('.external'));
    const chosen = { value: suggestion.dataset.value, text: suggestion.textContent };
    const multi = el.dataset.type === 'multi_external_select';
    el.dataset.selected = JSON.stringify(multi ? [...JSON.parse(el.dataset.selected || '[]'), chosen] : [chosen]);
    /** @type {HTMLInputElement} */ (el.querySelector('.typeahead')).value = '';
    el.querySelector('.suggestions').innerHTML = '';
    renderChips(el);
    // A type-ahead that dispatches its choice (dispatch_action): the app hears it at once.
    if (!multi && el.dataset.dispatch) {
      const sheet = /** @type {HTMLElement} */ (el.closest('[data-where="modal"]'));
      const action = {
        action_id: el.dataset.action,
        block_id: el.dataset.block,
        type: el.dataset.type,
        selected_option: { text: { type: 'plain_text', text: chosen.text }, value: chosen.value },
      };
      await api('action', { where: 'modal', viewId: sheet.dataset.viewId, values: collect(sheet), action });
      await refresh();
    }
    return;
  }
  const button = /** @type {HTMLElement | null} */ (target.closest('button[data-kind="button"]'));
  if (button) {
    if (button.dataset.confirm && !window.confirm(button.dataset.confirm)) return;
    const where = /** @type {HTMLElement} */ (button.closest('[data-where]'));
    const action = {
      action_id: button.dataset.action,
      block_id: button.dataset.block,
      type: 'button',
      ...(button.dataset.value !== undefined ? { value: button.dataset.value } : {}),
    };
    await api('action', {
      where: where.dataset.where,
      channel: where.dataset.channel,
      ts: where.dataset.ts,
      viewId: where.dataset.viewId,
      values: where.dataset.where === 'modal' ? collect(where) : undefined,
      action,
    });
    await new Promise((r) => setTimeout(r, 150));
    await refresh();
  }
});

// A select that dispatches its change (dispatch_action): the app hears it at once.
document.addEventListener('change', async (event) => {
  const el = /** @type {HTMLSelectElement} */ (event.target);
  if (el.id === 'person') {
    ui.user = el.value;
    localStorage.setItem('simulation.user', ui.user);
    // Another person: their screen, their modal (or none) — whatever was shown before.
    ui.lastPane = '\u0000';
    ui.lastModal = '\u0000';
    listen();
    return void (await go(ui.place));
  }
  // A radio button's holder carries the element's ids (radio_buttons with dispatch_action).
  const holder = /** @type {HTMLElement | null} */ (el.closest?.('[data-dispatch]'));
  if (!holder) return;
  const sheet = /** @type {HTMLElement} */ (el.closest('[data-where="modal"]'));
  const action = {
    action_id: holder.dataset.action,
    block_id: holder.dataset.block,
    type: holder.dataset.type,
    ...(holder.dataset.type === 'users_select'
      ? { selected_user: el.value }
      : { selected_option: { value: el.value } }),
  };
  await api('action', { where: 'modal', viewId: sheet.dataset.viewId, values: collect(sheet), action });
  await refresh();
});

// Type-ahead: the app's options for what is typed (block_suggestion).
let typing = 0;
document.addEventListener('input', (event) => {
  const input = /** @type {HTMLInputElement} */ (event.target);
  if (!input.classList.contains('typeahead')) return;
  const el = /** @type {HTMLElement} */ (input.closest('.external'));
  const sheet = /** @type {HTMLElement} */ (input.closest('[data-where="modal"]'));
  clearTimeout(typing);
  typing = window.setTimeout(async () => {
    if (input.value.length < Number(el.dataset.min ?? 1)) {
      el.querySelector('.suggestions').innerHTML = '';
      return;
    }
    const answer = await api('suggest', {
      viewId: sheet.dataset.viewId,
      action_id: el.dataset.action,
      block_id: el.dataset.block,
      value: input.value,
    });
    el.querySelector('.suggestions').innerHTML =
      (answer.options ?? [])
        .map((o) => `<li data-value="${escapeHtml(o.value)}">${escapeHtml(o.text?.text ?? o.value)}</li>`)
        .join('') || '<li class="b-context">Aucun résultat</li>';
  }, 200);
});

$('composer').addEventListener('submit', async (event) => {
  event.preventDefault();
  const input = /** @type {HTMLInputElement} */ ($('command'));
  const typed = input.value;
  if (!typed.trim()) return;
  const channel = ui.place === 'home' || ui.place === 'dm' ? ui.data.dm : ui.place;
  if (ui.place === 'home') await go('dm');
  input.value = '';
  // As in Slack: a « / » first is a command, exactly as typed (an unknown one gets Slackbot's
  // answer); anything else, a leading space included, is a message.
  const match = /^(\/\S+)\s*([\s\S]*)$/.exec(typed.trimEnd());
  if (match) await api('command', { command: match[1], text: match[2], channel });
  else await api('say', { text: typed.trim(), channel });
  await new Promise((r) => setTimeout(r, 150));
  await refresh();
});

await go(ui.place);
listen();
