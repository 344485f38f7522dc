// /Staff/Dashboard: one chart per <canvas data-chart="key">, drawn from the page's JSON block
// (<script type="application/json" id="dashboard-data">). No inline script: the CSP allows only 'self'.
import {
  Chart, BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip,
} from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

const palette = ['#1f6feb', '#2da44e', '#bf8700', '#cf222e', '#8250df', '#57606a'];

function draw(canvas, spec) {
  const datasets = spec.series.map((s, i) => ({
    label: s.label,
    data: s.values,
    backgroundColor: palette[i % palette.length],
    stack: spec.stacked ? 'all' : undefined,
  }));
  return new Chart(canvas, {
    type: 'bar',
    data: { labels: spec.labels, datasets },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      indexAxis: spec.horizontal ? 'y' : 'x',
      scales: {
        x: { stacked: !!spec.stacked, beginAtZero: true },
        y: { stacked: !!spec.stacked, beginAtZero: true, ticks: { precision: 0 } },
      },
      plugins: { legend: { position: 'bottom' } },
    },
  });
}

function start() {
  const block = document.getElementById('dashboard-data');
  if (!block) return;
  const charts = JSON.parse(block.textContent || '{}');
  document.querySelectorAll('canvas[data-chart]').forEach((canvas) => {
    const spec = charts[canvas.dataset.chart];
    if (spec) {
      draw(canvas, spec);
      canvas.dataset.drawn = 'true';
    }
  });
}

if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', start);
} else {
  start();
}
