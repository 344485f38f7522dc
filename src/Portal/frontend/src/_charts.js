// The portal's bar charts (chart.js), shared by the pages that draw them: each <canvas data-chart="key"> is drawn from
// the spec of that key in the page's JSON block (<script type="application/json" id="...">), since the CSP allows no
// inline script. A spec is { labels, series: [{ label, values }], stacked?, horizontal? }.
import {
  Chart, BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip,
} from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

const palette = ['#1f6feb', '#2da44e', '#bf8700', '#cf222e', '#8250df', '#57606a', '#0a7ea4', '#a0522d', '#6e7781'];

function draw(canvas, spec, options) {
  const stacked = !!spec.stacked;
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
      indexAxis: spec.horizontal ? 'y' : 'x',
      scales: {
        x: { stacked, beginAtZero: true },
        y: { stacked, beginAtZero: true, ticks: options.integers ? { precision: 0 } : {} },
      },
      plugins: { legend: { position: 'bottom', display: !options.hideSingleLegend || spec.series.length > 1 } },
    },
  });
}

// Draws every chart of the page once the document is ready. `specs` adds fields to a key's spec (e.g. { stacked: true });
// `options`: integers (whole-number ticks), hideSingleLegend (no legend for a one-series chart).
export function drawCharts(blockId, specs = {}, options = {}) {
  const start = () => {
    const block = document.getElementById(blockId);
    if (!block) return;
    const charts = JSON.parse(block.textContent || '{}');
    document.querySelectorAll('canvas[data-chart]').forEach((canvas) => {
      const key = canvas.dataset.chart;
      if (charts[key]) {
        draw(canvas, { ...charts[key], ...(specs[key] || {}) }, options);
        canvas.dataset.drawn = 'true';
      }
    });
  };
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
}
