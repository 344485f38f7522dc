// Live progress of an application's background activities (no inline script: the CSP forbids it).
// Each [data-activity-progress] section polls its URL (a page handler answering JSON) and draws one
// line per activity with a <progress> bar; the section is hidden while nothing runs.
(function () {
  'use strict';
  var busyEvery = 2000;
  var idleEvery = 10000;

  function text(tag, className, value) {
    var element = document.createElement(tag);
    if (className) { element.className = className; }
    element.textContent = value;
    return element;
  }

  function draw(section, items) {
    var list = section.querySelector('.activity-list');
    list.replaceChildren();
    items.forEach(function (item) {
      var line = document.createElement('li');
      line.className = 'activity-line activity-' + item.state;
      line.setAttribute('data-test', 'activity-line');
      var head = document.createElement('div');
      head.className = 'activity-head';
      head.appendChild(text('strong', null, item.name));
      head.appendChild(text('span', 'badge', section.getAttribute('data-label-' + item.state) || item.state));
      line.appendChild(head);
      var bar = document.createElement('progress');
      bar.max = 100;
      if (item.percent !== null && item.percent !== undefined) {
        bar.value = item.percent;
        bar.textContent = item.percent + '%';
      }
      line.appendChild(bar);
      var parts = [];
      if (item.total !== null && item.total !== undefined) { parts.push(item.done + ' / ' + item.total); }
      else if (item.done !== null && item.done !== undefined) { parts.push(String(item.done)); }
      if (item.message) { parts.push(item.message); }
      if (item.started) { parts.push(section.getAttribute('data-label-started') + ' ' + item.started); }
      if (item.heartbeat) { parts.push(section.getAttribute('data-label-heartbeat') + ' ' + item.heartbeat); }
      if (item.worker) { parts.push(item.worker); }
      line.appendChild(text('p', 'hint', parts.join(' · ')));
      list.appendChild(line);
    });
    section.hidden = items.length === 0;
  }

  function poll(section) {
    var url = section.getAttribute('data-activity-progress');
    fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (response) { return response.ok ? response.json() : []; })
      .then(function (items) {
        draw(section, items);
        setTimeout(function () { poll(section); }, items.length > 0 ? busyEvery : idleEvery);
      })
      .catch(function () { setTimeout(function () { poll(section); }, idleEvery); });
  }

  function start() {
    document.querySelectorAll('[data-activity-progress]').forEach(poll);
  }

  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', start); } else { start(); }
}());
