// The form schema editor of human tasks: the schema as JSON, checked by the server's FormSchema parser as the user types
// (unknown field types refused), with a live preview of the form the assignee will see.
import { h, debounce } from './_fields';

function preview(container, schema, ctx) {
  container.replaceChildren();
  (schema?.fields ?? []).forEach((f) => {
    const label = (f.label && (f.label[ctx.culture] ?? f.label.ja)) || f.name;
    let control;
    switch (f.type) {
      case 'text': control = h('textarea', { rows: 2, disabled: true }); break;
      case 'boolean': case 'terms': control = h('input', { type: 'checkbox', disabled: true }); break;
      case 'choice': control = h('select', { disabled: true }, (f.options ?? []).map((o) => h('option', { text: f.optionLabels?.[o]?.[ctx.culture] ?? o }))); break;
      case 'integer': case 'number': control = h('input', { type: 'number', disabled: true }); break;
      case 'date': control = h('input', { type: 'date', disabled: true }); break;
      case 'datetime': control = h('input', { type: 'datetime-local', disabled: true }); break;
      case 'file': control = h('input', { type: 'file', disabled: true }); break;
      default: control = h('input', { type: 'text', disabled: true });
    }
    container.appendChild(h('div', { class: 'preview-field', 'data-test': `preview-${f.name}` }, [h('label', { text: `${label}${f.required ? ' *' : ''}` }), control]));
  });
}

export function formEditor(input, value, set, ctx) {
  const id = `input-${input.name}`;
  const area = h('textarea', { id, rows: 8, class: 'mono', 'data-test': id, value: value === undefined ? '' : JSON.stringify(value, null, 2) });
  const errors = h('div', { class: 'field-errors', 'data-test': `form-errors-${input.name}` });
  const shown = h('div', { class: 'form-preview', 'data-test': `form-preview-${input.name}` });
  const check = debounce(async (schema) => {
    const answer = await ctx.post('Form', { form: schema });
    errors.textContent = (answer.body.errors ?? []).join(' / ');
  }, 350);
  const update = () => {
    if (area.value.trim() === '') { set(undefined); errors.textContent = ''; shown.replaceChildren(); return; }
    let schema;
    try { schema = JSON.parse(area.value); } catch (e) { errors.textContent = `${ctx.text.badJson}: ${e.message}`; return; }
    set(schema);
    preview(shown, schema, ctx);
    check(schema);
  };
  area.addEventListener('input', update);
  if (value !== undefined) preview(shown, value, ctx);
  return h('div', {}, [area, errors, h('div', { class: 'hint', text: ctx.text.formPreview }), shown]);
}
