// /Staff/Dashboard: one chart per <canvas data-chart="key">, drawn from the page's JSON block
// (<script type="application/json" id="dashboard-data">); counts, so whole-number ticks.
import { drawCharts } from './_charts.js';

drawCharts('dashboard-data', {}, { integers: true });
