// /Staff/Workflows/ApplyForm/{serviceId}: the apply form editor. The designer's form schema editor (checked by the server as
// the admin types, live preview) takes the place of the plain textarea, which stays in the form (hidden) and is what is posted.
import './designer/_designer.css';
import { createApi } from './designer/_api';
import { formEditor } from './designer/_form-editor';

function start() {
  const area = document.getElementById('apply-form-schema');
  const host = document.getElementById('apply-form-editor');
  const block = document.getElementById('apply-form-data');
  if (!area || !host || !block) return;
  const data = JSON.parse(block.textContent || '{}');
  let value;
  try { value = area.value.trim() === '' ? undefined : JSON.parse(area.value); } catch { value = undefined; }
  const post = createApi(window.location.pathname);
  const ctx = { post, text: data.text, culture: data.culture };
  const editor = formEditor({ name: 'applyForm' }, value, () => {}, ctx);
  const shown = editor.querySelector('textarea');
  // The posted field follows the editor's text as typed (also when it is not valid JSON, so the server names the problem).
  if (value === undefined) shown.value = area.value;
  shown.addEventListener('input', () => { area.value = shown.value; });
  shown.setAttribute('aria-label', document.querySelector('label[for=apply-form-schema]')?.textContent ?? '');
  area.hidden = true;
  host.appendChild(editor);
  host.dataset.ready = 'true';
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start); else start();
