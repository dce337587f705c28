// @ts-check
/**
 * Block Kit JSON → HTML, for the simulated workspace's page (browser) and its tests (Node): the
 * app's real views, as Slack would lay them out, with every input named by its block and action
 * ids so the page can send back Slack's view state. Only what the app uses is supported; anything
 * else is shown as unsupported (and the test that renders every view fails on it).
 */

const EMOJI = {
  alarm_clock: '⏰',
  arrow_lower_right: '↘️',
  arrow_right: '➡️',
  arrow_upper_right: '↗️',
  bar_chart: '📊',
  busts_in_silhouette: '👥',
  calendar: '📅',
  envelope: '✉️',
  heavy_minus_sign: '➖',
  heavy_multiplication_x: '✖️',
  hourglass: '⌛',
  hourglass_flowing_sand: '⏳',
  large_blue_circle: '🔵',
  lock: '🔒',
  loudspeaker: '📢',
  memo: '📝',
  no_entry: '⛔',
  outbox_tray: '📤',
  page_facing_up: '📄',
  raised_hand: '✋',
  rotating_light: '🚨',
  small_orange_diamond: '🔸',
  warning: '⚠️',
  wastebasket: '🗑️',
  white_check_mark: '✅',
  white_circle: '⚪',
};

/** @param {string} text */
export function escapeHtml(text) {
  return String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** @param {string} text plain_text: shown as typed */
export function plainText(text) {
  return escapeHtml(text)
    .replace(/:([a-z_]+):/g, (all, name) => EMOJI[/** @type {keyof typeof EMOJI} */ (name)] ?? all)
    .replace(/\n/g, '<br>');
}

/**
 * Slack's mrkdwn: &lt; &gt; &amp; arrive escaped already; < > enclose links and mentions.
 * @param {string} text
 * @param {{ people?: { id: string; name: string }[]; channels?: { id: string; name: string }[] }} [ctx]
 */
export function mrkdwn(text, ctx = {}) {
  const codes = /** @type {string[]} */ ([]);
  // Code first: nothing inside it is formatted.
  let out = String(text)
    .replace(/"/g, '&quot;')
    .replace(/```([\s\S]*?)```/g, (_, code) => `\u0000${codes.push(`<pre>${code}</pre>`) - 1}\u0000`)
    .replace(/`([^`\n]+)`/g, (_, code) => `\u0000${codes.push(`<code>${code}</code>`) - 1}\u0000`);
  out = out.replace(/<([^<>]+)>/g, (_, inner) => {
    const [target, label] = String(inner).split('|');
    if (target.startsWith('@')) {
      const person = ctx.people?.find((p) => p.id === target.slice(1));
      return `<span class="mention">@${escapeHtml(person?.name ?? target.slice(1))}</span>`;
    }
    if (target.startsWith('#')) {
      const channel = ctx.channels?.find((c) => c.id === target.slice(1));
      return `<span class="mention">#${escapeHtml(channel?.name ?? target.slice(1))}</span>`;
    }
    if (target.startsWith('!')) return `<span class="mention">@${escapeHtml(target.slice(1))}</span>`;
    if (/^(https?:|mailto:)/.test(target))
      return `<a href="${target}" target="_blank" rel="noopener">${label ?? target}</a>`;
    return escapeHtml(`<${inner}>`);
  });
  out = out
    .replace(/(^|[\s(])\*([^*\n]+)\*(?=$|[\s).,;:!?])/g, '$1<b>$2</b>')
    .replace(/(^|[\s(])_([^_\n]+)_(?=$|[\s).,;:!?])/g, '$1<i>$2</i>')
    .replace(/(^|[\s(])~([^~\n]+)~(?=$|[\s).,;:!?])/g, '$1<s>$2</s>')
    .replace(/^&gt; ?(.*)$/gm, '<blockquote>$1</blockquote>')
    .replace(/:([a-z_]+):/g, (all, name) => EMOJI[/** @type {keyof typeof EMOJI} */ (name)] ?? all)
    .replace(/\n/g, '<br>');
  // biome-ignore lint/suspicious/noControlCharactersInRegex: NUL marks where a code span was set aside; text never holds it
  return out.replace(/\u0000(\d+)\u0000/g, (_, i) => codes[Number(i)] ?? '');
}

// ── Dates and times: always the platform's time zone and French formats, as the app speaks them,
// whatever the browser's own zone and locale (a native date input would follow the browser's).

const pad = (/** @type {number} */ n) => String(n).padStart(2, '0');
/** @type {Map<string, Intl.DateTimeFormat>} */
const wallFormats = new Map();

/**
 * The wall clock in `timeZone` at `seconds` since the epoch.
 * @param {number} seconds @param {string} timeZone
 * @returns {{ date: string; time: string }} 'YYYY-MM-DD' and 'HH:mm'
 */
export function zonedParts(seconds, timeZone) {
  let format = wallFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('fr-FR', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    wallFormats.set(timeZone, format);
  }
  const p = Object.fromEntries(format.formatToParts(new Date(seconds * 1000)).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

/**
 * Seconds since the epoch of a wall clock date and time in `timeZone` (DST included).
 * @param {string} date 'YYYY-MM-DD' @param {string} time 'HH:mm' @param {string} timeZone
 */
export function zonedEpoch(date, time, timeZone) {
  const [y, mo, d] = date.split('-').map(Number);
  const [h, mi] = time.split(':').map(Number);
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  /** How far ahead of UTC the zone's clock is at `ms`. */
  const offsetAt = (/** @type {number} */ ms) => {
    const p = zonedParts(ms / 1000, timeZone);
    const [py, pmo, pd] = p.date.split('-').map(Number);
    const [ph, pmi] = p.time.split(':').map(Number);
    return Date.UTC(py, pmo - 1, pd, ph, pmi) - Math.floor(ms / 60_000) * 60_000;
  };
  const first = wall - offsetAt(wall);
  return Math.floor((wall - offsetAt(first)) / 1000);
}

/** 'YYYY-MM-DD' → 'JJ/MM/AAAA' ('' when not a date). @param {string | undefined} iso */
export function frenchDate(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? '');
  return m ? `${m[3]}/${m[2]}/${m[1]}` : '';
}

/** 'JJ/MM/AAAA' as typed → 'YYYY-MM-DD'; null when it is not a real date. @param {string} text */
export function isoDate(text) {
  const m = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/.exec(text);
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const check = new Date(Date.UTC(y, mo - 1, d));
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return null;
  return `${m[3]}-${pad(mo)}-${pad(d)}`;
}

/** 'HH:mm' (or '14h30', '9:05') as typed → 'HH:mm'; null when it is not a time of day. @param {string} text */
export function isoTime(text) {
  const m = /^\s*(\d{1,2})\s*[:h]\s*(\d{2})?\s*$/i.exec(text);
  if (!m) return null;
  const [h, mi] = [Number(m[1]), Number(m[2] ?? 0)];
  return h < 24 && mi < 60 ? `${pad(h)}:${pad(mi)}` : null;
}

/** @param {any} t a text object */
function text(t, ctx) {
  if (!t) return '';
  return t.type === 'mrkdwn' ? mrkdwn(t.text, ctx) : plainText(t.text);
}

const attr = (/** @type {unknown} */ v) => escapeHtml(typeof v === 'string' ? v : JSON.stringify(v));

/** @param {any} el @param {string} blockId */
function button(el, blockId) {
  const style = el.style ? ` ${el.style}` : '';
  const confirm = el.confirm
    ? ` data-confirm="${attr(`${el.confirm.title?.text ?? ''}\n${el.confirm.text?.text ?? ''}`)}"`
    : '';
  return `<button type="button" class="btn${style}" data-kind="button" data-block="${attr(blockId)}" data-action="${attr(el.action_id)}"${el.value !== undefined ? ` data-value="${attr(el.value)}"` : ''}${confirm}>${plainText(el.text?.text ?? '')}</button>`;
}

/** @param {any} o */
const optionHtml = (o, selected) =>
  `<option value="${attr(o.value)}"${selected ? ' selected' : ''}>${plainText(o.text?.text ?? o.value)}</option>`;

/**
 * An interactive element; inputs carry their block and action ids and Slack's element type.
 * @param {any} el @param {string} blockId @param {any} ctx
 */
function element(el, blockId, ctx) {
  const base = `data-block="${attr(blockId)}" data-action="${attr(el.action_id)}" data-type="${attr(el.type)}"${ctx.dispatch ? ' data-dispatch="1"' : ''}`;
  const placeholder = el.placeholder ? ` placeholder="${attr(el.placeholder.text)}"` : '';
  switch (el.type) {
    case 'button':
      return button(el, blockId);
    case 'plain_text_input':
      return el.multiline
        ? `<textarea class="el" ${base}${placeholder}${el.max_length ? ` maxlength="${el.max_length}"` : ''}>${escapeHtml(el.initial_value ?? '')}</textarea>`
        : `<input class="el" type="text" ${base}${placeholder}${el.max_length ? ` maxlength="${el.max_length}"` : ''} value="${attr(el.initial_value ?? '')}">`;
    case 'number_input':
      return `<input class="el" type="number" ${base}${el.min_value ? ` min="${attr(el.min_value)}"` : ''}${el.max_value ? ` max="${attr(el.max_value)}"` : ''}${el.is_decimal_allowed ? ' step="any"' : ' step="1"'} value="${attr(el.initial_value ?? '')}">`;
    case 'datepicker':
      return `<input class="el date" type="text" inputmode="numeric" placeholder="jj/mm/aaaa" aria-label="Date (jj/mm/aaaa)" ${base} value="${attr(frenchDate(el.initial_date))}">`;
    case 'timepicker':
      return `<input class="el time" type="text" inputmode="numeric" placeholder="hh:mm" aria-label="Heure (hh:mm)" ${base} value="${attr(el.initial_time ?? '')}">`;
    case 'datetimepicker': {
      // Shown in the platform's time zone: the view carries seconds since the epoch.
      const initial = el.initial_date_time
        ? zonedParts(Number(el.initial_date_time), ctx.timeZone ?? 'Europe/Paris')
        : null;
      return `<div class="el datetime" ${base}><input type="text" class="date" inputmode="numeric" placeholder="jj/mm/aaaa" aria-label="Date (jj/mm/aaaa)" value="${attr(initial ? frenchDate(initial.date) : '')}"> <input type="text" class="time" inputmode="numeric" placeholder="hh:mm" aria-label="Heure (hh:mm)" value="${attr(initial?.time ?? '')}"></div>`;
    }
    case 'static_select':
    case 'multi_static_select': {
      const initial = new Set(
        [...(el.initial_options ?? []), ...(el.initial_option ? [el.initial_option] : [])].map((o) => o.value),
      );
      const groups = el.option_groups ? el.option_groups.flatMap((g) => g.options) : (el.options ?? []);
      const multiple = el.type === 'multi_static_select';
      // Option groups under their labels, as Slack shows them.
      const list = el.option_groups
        ? el.option_groups
            .map(
              (g) =>
                `<optgroup label="${attr(g.label?.text ?? '')}">${g.options.map((o) => optionHtml(o, initial.has(o.value))).join('')}</optgroup>`,
            )
            .join('')
        : groups.map((o) => optionHtml(o, initial.has(o.value))).join('');
      return `<select class="el" ${base}${multiple ? ' multiple size="6"' : ''}>${multiple ? '' : `<option value="">${plainText(el.placeholder?.text ?? 'Choisir')}</option>`}${list}</select>`;
    }
    case 'external_select':
    case 'multi_external_select': {
      const initial = [...(el.initial_options ?? []), ...(el.initial_option ? [el.initial_option] : [])];
      return `<div class="el external" ${base} data-min="${attr(el.min_query_length ?? 1)}" data-selected="${attr(initial.map((o) => ({ value: o.value, text: o.text?.text ?? o.value })))}"><div class="chips"></div><input type="text" class="typeahead"${placeholder}><ul class="suggestions"></ul></div>`;
    }
    case 'users_select':
      return `<select class="el" ${base}><option value="">${plainText(el.placeholder?.text ?? 'Choisir une personne')}</option>${(ctx.people ?? []).map((p) => `<option value="${attr(p.id)}"${p.id === el.initial_user ? ' selected' : ''}>${escapeHtml(p.name)}</option>`).join('')}</select>`;
    case 'conversations_select':
      return `<select class="el" ${base}><option value="">${plainText(el.placeholder?.text ?? 'Choisir un canal')}</option>${(ctx.channels ?? []).map((c) => `<option value="${attr(c.id)}"${c.id === el.initial_conversation ? ' selected' : ''}>#${escapeHtml(c.name)}</option>`).join('')}</select>`;
    case 'radio_buttons':
    case 'checkboxes': {
      const initial = new Set(
        [...(el.initial_options ?? []), ...(el.initial_option ? [el.initial_option] : [])].map((o) => o.value),
      );
      const kind = el.type === 'radio_buttons' ? 'radio' : 'checkbox';
      return `<div class="el choices" ${base}>${(el.options ?? [])
        .map(
          (o) =>
            `<label class="choice"><input type="${kind}" name="${attr(`${blockId}/${el.action_id}`)}" value="${attr(o.value)}"${initial.has(o.value) ? ' checked' : ''}> ${text(o.text, ctx)}${o.description ? `<small>${text(o.description, ctx)}</small>` : ''}</label>`,
        )
        .join('')}</div>`;
    }
    default:
      return `<span class="unsupported" data-unsupported="${attr(el.type)}">élément non pris en charge : ${escapeHtml(el.type)}</span>`;
  }
}

/**
 * @param {any[]} blocks
 * @param {{ people?: any[]; channels?: any[]; errors?: Record<string, string>; timeZone?: string }} [ctx]
 */
export function renderBlocks(blocks, ctx = {}) {
  return (blocks ?? [])
    .map((b) => {
      const id = b.block_id ?? '';
      switch (b.type) {
        case 'header':
          return `<h3 class="b-header">${plainText(b.text?.text ?? '')}</h3>`;
        case 'divider':
          return '<hr class="b-divider">';
        case 'section': {
          const fields = b.fields
            ? `<div class="b-fields">${b.fields.map((f) => `<div>${text(f, ctx)}</div>`).join('')}</div>`
            : '';
          const accessory = b.accessory ? `<div class="b-accessory">${element(b.accessory, id, ctx)}</div>` : '';
          return `<div class="b-section"><div class="b-text">${text(b.text, ctx)}${fields}</div>${accessory}</div>`;
        }
        case 'context':
          return `<div class="b-context">${(b.elements ?? []).map((e) => (e.type === 'image' ? `<img alt="${attr(e.alt_text ?? '')}" src="${attr(e.image_url)}">` : `<span>${text(e, ctx)}</span>`)).join(' ')}</div>`;
        case 'actions':
          return `<div class="b-actions">${(b.elements ?? []).map((e) => element(e, id, ctx)).join('')}</div>`;
        case 'input': {
          const error = ctx.errors?.[id];
          return `<div class="b-input${error ? ' has-error' : ''}" data-input-block="${attr(id)}"><label>${plainText(b.label?.text ?? '')}${b.optional ? ' <small>(facultatif)</small>' : ''}</label>${element(b.element, id, { ...ctx, dispatch: b.dispatch_action })}${b.hint ? `<small class="hint">${plainText(b.hint.text)}</small>` : ''}${error ? `<div class="error" role="alert">${plainText(error)}</div>` : ''}</div>`;
        }
        default:
          return `<div class="unsupported" data-unsupported="${attr(b.type)}">bloc non pris en charge : ${escapeHtml(b.type)}</div>`;
      }
    })
    .join('');
}

/** The block and element types a list of blocks uses that this renderer does not show. @param {any[]} blocks */
export function unsupportedIn(blocks) {
  const html = renderBlocks(blocks, {});
  return [...html.matchAll(/data-unsupported="([^"]*)"/g)].map((m) => m[1]);
}
