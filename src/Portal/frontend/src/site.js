// Every page (the layout loads it, CSP-safe: no inline code): submit buttons disabled while a form posts (no double
// messages), upload progress for large files, file inputs with a button in the page's language, and clickable links
// (meeting URLs) in plain text. Texts come from the <body> data attributes (resx).

const texts = document.body.dataset;
const largeUpload = 256 * 1024; // smaller uploads finish before a bar could help: they post normally

function submitters(form) {
  const inside = [...form.querySelectorAll('button:not([type="button"]), input[type="submit"]')];
  const outside = form.id ? [...document.querySelectorAll(`[form="${CSS.escape(form.id)}"]`)] : [];
  return inside.concat(outside);
}

function disableWhilePosting(form) {
  // After this event's turn: the form data already holds the clicked button's name and value.
  setTimeout(() => submitters(form).forEach((b) => { b.disabled = true; b.setAttribute('aria-disabled', 'true'); }), 0);
  const enable = () => {
    delete form.dataset.posting;
    submitters(form).forEach((b) => { b.disabled = false; b.removeAttribute('aria-disabled'); });
  };
  // Back to a cached page, or a post answered with a download (the page stays): the buttons work again.
  window.addEventListener('pageshow', enable, { once: true });
  setTimeout(enable, 15000);
}

function uploadBytes(form) {
  return [...form.querySelectorAll('input[type="file"]')]
    .flatMap((input) => [...(input.files || [])])
    .reduce((sum, file) => sum + file.size, 0);
}

function postWithProgress(form, submitter) {
  const data = new FormData(form, submitter || undefined);
  const bar = document.createElement('progress');
  bar.className = 'upload-progress';
  bar.max = 100;
  bar.value = 0;
  bar.setAttribute('aria-label', texts.sending || '');
  (submitter || form.lastElementChild || form).after(bar);
  const request = new XMLHttpRequest();
  request.open('POST', (submitter && submitter.formAction) || form.action);
  request.upload.addEventListener('progress', (e) => {
    if (e.lengthComputable) bar.value = Math.round((e.loaded / e.total) * 100);
  });
  request.addEventListener('load', () => {
    const landed = request.responseURL && request.responseURL !== form.action;
    if (landed && request.status < 400) {
      window.location.assign(request.responseURL);
      return;
    }
    // The page came back (a refusal, the form with its errors): show it as the browser would have.
    document.open();
    document.write(request.responseText);
    document.close();
  });
  request.addEventListener('error', () => { form.submit(); });
  request.send(data);
}

document.addEventListener('submit', (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || event.defaultPrevented || (form.method || '').toLowerCase() !== 'post') return;
  if (form.dataset.posting) {
    event.preventDefault();
    return;
  }
  form.dataset.posting = 'true';
  disableWhilePosting(form);
  if (form.enctype === 'multipart/form-data' && uploadBytes(form) >= largeUpload) {
    event.preventDefault();
    postWithProgress(form, event.submitter);
  }
});

function enhanceFileInput(input) {
  if (input.closest('.file-picker')) return;
  const wrapper = document.createElement('span');
  wrapper.className = 'file-picker';
  const button = document.createElement('span');
  button.className = 'button small';
  button.setAttribute('aria-hidden', 'true');
  button.textContent = texts.fileChoose || 'Choose a file';
  const names = document.createElement('span');
  names.className = 'file-names';
  names.setAttribute('aria-live', 'polite');
  names.textContent = texts.fileNone || '';
  input.parentNode.insertBefore(wrapper, input);
  wrapper.append(button, names, input);
  input.addEventListener('change', () => {
    const chosen = [...(input.files || [])].map((f) => f.name);
    names.textContent = chosen.length ? chosen.join(', ') : texts.fileNone || '';
  });
}

// Absolute http(s) URLs, and the portal's own /Applications/… paths after a space (a task's help names its links
// that way: the role set-up links are portal paths so that no secret is stored in the task).
const urlPattern = /https?:\/\/[^\s<>"'、。（）「」]+|(?<=^|\s)\/Applications\/[^\s<>"'、。（）「」]+/g;

function linkify(root) {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const found = [];
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (node.parentElement && !node.parentElement.closest('a, textarea, script, code') && urlPattern.test(node.nodeValue)) found.push(node);
    urlPattern.lastIndex = 0;
  }
  found.forEach((node) => {
    const text = node.nodeValue;
    const parts = document.createDocumentFragment();
    let last = 0;
    text.replace(urlPattern, (url, at) => {
      const trimmed = url.replace(/[.,)]+$/, '');
      parts.append(text.slice(last, at));
      const link = document.createElement('a');
      link.href = trimmed;
      link.textContent = trimmed;
      link.rel = 'noopener noreferrer';
      link.target = '_blank';
      parts.append(link);
      last = at + trimmed.length;
      return url;
    });
    parts.append(text.slice(last));
    node.replaceWith(parts);
  });
}

document.querySelectorAll('input[type="file"]').forEach(enhanceFileInput);
document.querySelectorAll('.pre, [data-test="body"], .timeline .what, [data-linkify]').forEach(linkify);

// A date-time input is drawn in the browser's own format; beside it, the chosen instant in the page's language
// (Japanese: 2026年5月20日（水） 14:00), so a Japanese reader on an English browser still reads it the Japanese way.
function describeDateTime(input) {
  const japanese = document.documentElement.lang === 'ja';
  const shown = document.createElement('output');
  shown.className = 'hint datetime-shown';
  shown.setAttribute('for', input.id || '');
  input.after(shown);
  const update = () => {
    const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(input.value || '');
    if (!m) {
      shown.textContent = '';
      return;
    }
    const [, y, mo, d, h, mi] = m;
    const weekday = new Date(Date.UTC(+y, +mo - 1, +d)).getUTCDay();
    shown.textContent = japanese
      ? `${+y}年${+mo}月${+d}日（${'日月火水木金土'[weekday]}） ${h}:${mi} ${texts.jst || ''}`
      : `${y}-${mo}-${d} (${['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][weekday]}) ${h}:${mi} ${texts.jst || ''}`;
  };
  input.addEventListener('input', update);
  input.addEventListener('change', update);
  update();
}

document.querySelectorAll('input[type="datetime-local"]').forEach(describeDateTime);
