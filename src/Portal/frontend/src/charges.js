// /Tools/Charges (TOOL-2): a stacked bar per month by service and a bar of the top services, drawn from the page's
// JSON block (<script type="application/json" id="charges-data">). No inline script: the CSP allows only 'self'.
import {
  Chart, BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip,
} from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

const palette = ['#1f6feb', '#2da44e', '#bf8700', '#cf222e', '#8250df', '#57606a', '#0a7ea4', '#a0522d', '#6e7781'];

function draw(canvas, spec, stacked, horizontal) {
  const datasets = spec.series.map((s, i) => ({
    label: s.label, data: s.values, backgroundColor: palette[i % palette.length], stack: stacked ? 'all' : undefined,
  }));
  return new Chart(canvas, {
    type: 'bar',
    data: { labels: spec.labels, datasets },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      indexAxis: horizontal ? 'y' : 'x',
      scales: { x: { stacked, beginAtZero: true }, y: { stacked, beginAtZero: true } },
      plugins: { legend: { position: 'bottom', display: spec.series.length > 1 } },
    },
  });
}

function start() {
  const block = document.getElementById('charges-data');
  if (!block) return;
  const data = JSON.parse(block.textContent || '{}');
  const months = document.querySelector('canvas[data-chart="months"]');
  if (months && data.months) {
    draw(months, data.months, true, false);
    months.dataset.drawn = 'true';
  }
  const top = document.querySelector('canvas[data-chart="top"]');
  if (top && data.top) {
    draw(top, data.top, false, true);
    top.dataset.drawn = 'true';
  }
}

if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', start);
} else {
  start();
}
