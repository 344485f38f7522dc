// /Tools/Charges (TOOL-2): a stacked bar per month by service and a bar of the top services, drawn from the page's
// JSON block (<script type="application/json" id="charges-data">).
import { drawCharts } from './_charts.js';

drawCharts('charges-data', { months: { stacked: true }, top: { horizontal: true } }, { hideSingleLegend: true });
