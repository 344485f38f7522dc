// The report template editor's live preview (no inline script: the CSP forbids it). When typing pauses, the draft
// is posted to the Preview handler with the preview button as submitter, so the answer (the rendered report, or the
// parse error with its line and column) loads into the sandboxed preview frame; the editor page itself stays.
(function () {
  'use strict';
  var pause = 800;

  function start() {
    document.querySelectorAll('form[data-live-preview]').forEach(function (form) {
      var body = form.querySelector('textarea');
      var button = form.querySelector('[formtarget="report-preview"]');
      if (!body || !button || !form.requestSubmit) { return; }
      var timer = null;
      body.addEventListener('input', function () {
        clearTimeout(timer);
        timer = setTimeout(function () { form.requestSubmit(button); }, pause);
      });
      form.requestSubmit(button); // the published version, rendered, when the page opens
    });
  }

  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', start); } else { start(); }
}());
