// One property-panel field per typed input: the literal editor its type asks for, or an expression ({"expr": "…"})
// checked by the server's ExpressionEvaluator as the user types. Returns the field; calls set(value|undefined).
import { formEditor } from './_form-editor';

export function h(tag, props = {}, children = []) {
  const e = document.createElement(tag);
  Object.entries(props).forEach(([k, v]) => {
    if (v === undefined || v === null || v === false) return;
    if (k === 'text') e.textContent = v; else if (k === 'value') e.value = v; else e.setAttribute(k, v === true ? '' : v);
  });
  children.forEach((c) => c && e.appendChild(c));
  return e;
}

export function debounce(fn, ms) {
  let timer = null;
  return (...args) => { clearTimeout(timer); timer = setTimeout(() => fn(...args), ms); };
}

const isExpr = (v) => v && typeof v === 'object' && !Array.isArray(v) && typeof v.expr === 'string';

function literalEditor(input, value, set, ctx) {
  const id = `input-${input.name}`;
  const common = { id, name: input.name, 'data-test': id };
  switch (input.editor) {
    case 'multiline': {
      const t = h('textarea', { ...common, rows: 4, value: value ?? '' });
      t.addEventListener('input', () => { set(t.value === '' ? undefined : t.value); ctx.checkTemplate(t.value); });
      return t;
    }
    case 'number':
    case 'business-days': {
      const n = h('input', { ...common, type: 'number', step: input.type === 'integer' || input.editor === 'business-days' ? '1' : 'any', min: input.editor === 'business-days' ? '0' : undefined, value: value ?? '' });
      n.addEventListener('input', () => set(n.value === '' || Number.isNaN(n.valueAsNumber) ? undefined : n.valueAsNumber));
      return input.editor === 'business-days' ? h('span', { class: 'with-unit' }, [n, h('span', { text: ctx.text.businessDays })]) : n;
    }
    case 'enum':
    case 'boolean': {
      const options = input.editor === 'boolean' ? ['true', 'false'] : input.options;
      const s = h('select', common, [h('option', { value: '', text: '' }), ...options.map((o) => h('option', { value: o, text: o }))]);
      s.value = value === undefined || value === null ? '' : String(value);
      s.addEventListener('change', () => set(s.value === '' ? undefined : input.editor === 'boolean' ? s.value === 'true' : s.value));
      return s;
    }
    case 'form':
      return formEditor(input, value, set, ctx);
    case 'json': {
      const t = h('textarea', { ...common, rows: 4, class: 'mono', value: value === undefined ? '' : JSON.stringify(value, null, 2) });
      const errors = h('div', { class: 'field-errors', 'data-test': `errors-${input.name}` });
      t.addEventListener('input', () => {
        if (t.value.trim() === '') { errors.textContent = ''; set(undefined); return; }
        try { set(JSON.parse(t.value)); errors.textContent = ''; } catch (e) { errors.textContent = `${ctx.text.badJson}: ${e.message}`; }
      });
      return h('div', {}, [t, errors]);
    }
    default: {
      const placeholder = input.editor === 'duration' ? '00:30:00' : undefined;
      const t = h('input', { ...common, type: 'text', placeholder, value: value ?? '' });
      t.addEventListener('input', () => { set(t.value === '' ? undefined : t.value); ctx.checkTemplate(t.value); });
      return t;
    }
  }
}

function expressionEditor(input, value, set, ctx) {
  const id = `input-${input.name}`;
  const t = h('textarea', { id, rows: 2, class: 'mono', 'data-test': id, value: value?.expr ?? '' });
  t.addEventListener('input', () => { set(t.value === '' ? undefined : { expr: t.value }); ctx.checkExpression(t.value, false); });
  if (t.value) ctx.checkExpression(t.value, false);
  return t;
}

/** The field of one input, with its literal/expression switch and the check's messages. */
export function inputField(input, value, set, ctx) {
  const errors = h('div', { class: 'field-errors', 'data-test': `expr-errors-${input.name}`, 'aria-live': 'polite' });
  const show = (list) => { errors.textContent = list.length ? list.join(' / ') : ''; errors.dataset.state = list.length ? 'error' : 'ok'; };
  const check = debounce(async (text, template) => {
    if (!text) { show([]); return; }
    const answer = await ctx.post('Expression', { text, template });
    show(answer.body.errors ?? []);
  }, 350);
  const local = {
    ...ctx,
    checkExpression: check,
    checkTemplate: (text) => (typeof text === 'string' && text.includes('{{') ? check(text, true) : show([])),
  };
  let expression = isExpr(value) || (value === undefined && input.editor === 'expression');
  const holder = h('div', { class: 'field-editor' });
  const toggle = h('input', { type: 'checkbox', 'data-test': `mode-${input.name}`, checked: expression });
  const draw = () => {
    holder.replaceChildren(expression ? expressionEditor(input, value, set, local) : literalEditor(input, isExpr(value) ? undefined : value, set, local));
  };
  toggle.addEventListener('change', () => { expression = toggle.checked; value = undefined; set(undefined); show([]); draw(); });
  draw();
  return h('div', { class: 'field', 'data-input': input.name }, [
    h('label', { for: `input-${input.name}`, text: `${input.name}${input.required ? ' *' : ''}` }),
    h('label', { class: 'expr-toggle', title: ctx.text.expressionHint }, [toggle, h('span', { text: ctx.text.expression })]),
    h('div', { class: 'hint', text: input.description }),
    holder,
    errors,
  ]);
}
