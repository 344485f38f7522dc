// /Staff/Workflows/Edit/{id}: the workflow designer. Reads the draft, its token and the palette from
// <script type="application/json" id="designer-data">; no inline script or style (the CSP allows only 'self').
import './_graph/x6.css';
import './_graph/graph.css';
import './designer/_designer.css';
import { drawDefinition, ensureStylesheet } from './_graph/render';
import { layeredLayout } from './_graph/layout';
import { createApi } from './designer/_api';
import { createEditorGraph, insertStep, attachMinimap } from './designer/_canvas';
import { createAutosave } from './designer/_autosave';
import { renderPalette } from './designer/_palette';
import { showPanel } from './designer/_panel';
import { pinProblems } from './designer/_problems';
import { toDefinition } from './designer/_serialize';

/** The whole graph when it fits at a readable size; otherwise readable, from the top (the minimap shows the rest). */
function fitView(graph) {
  graph.zoomToFit({ padding: 30, maxScale: 1, minScale: 0.55 });
  if (graph.zoom() <= 0.55) graph.positionContent('top', { padding: 20 });
}

async function start() {
  const block = document.getElementById('designer-data');
  const canvas = document.getElementById('designer-canvas');
  if (!block || !canvas) return;
  await ensureStylesheet('designer'); // the canvas's size comes from it
  const data = JSON.parse(block.textContent || '{}');
  const text = data.text;
  const byType = new Map(data.palette.map((p) => [p.type, p]));
  const describe = (type) => byType.get(type);
  // ?draw=all draws every cell (no virtual rendering), to compare with the default.
  const drawAll = new URLSearchParams(window.location.search).get('draw') === 'all';
  const { graph, history } = createEditorGraph(canvas, { virtual: !drawAll });
  const { activities, connections, ...base } = data.definition;
  drawDefinition(graph, { activities: activities ?? [], connections: connections ?? [] }, describe);
  history.clean();

  const post = createApi(window.location.pathname);
  const problems = document.getElementById('designer-problems');
  const panel = document.getElementById('designer-panel');
  const select = (id) => {
    const cell = graph.getCellById(id);
    if (!cell) return;
    graph.cleanSelection();
    graph.select(cell);
    graph.centerCell(cell);
  };
  const pin = (list) => pinProblems(graph, problems, list, select);
  const serialize = () => toDefinition(graph, base);
  const autosave = createAutosave({
    post, serialize, token: data.token, text, status: document.getElementById('designer-status'), onSaved: pin,
  });
  const ctx = { post, text, culture: data.culture };
  const changed = () => autosave.changed();

  // The names live beside the graph (base); an emptied English name is left out, so English readers see the id.
  [['designer-name', 'name'], ['designer-name-en', 'nameEn']].forEach(([id, key]) => {
    const input = document.getElementById(id);
    input?.addEventListener('input', () => {
      if (key === 'nameEn' && input.value.trim() === '') delete base[key]; else base[key] = input.value;
      changed();
    });
  });
  ['node:added', 'node:removed', 'node:moved', 'edge:added', 'edge:removed', 'edge:connected', 'edge:change:target'].forEach((e) => graph.on(e, changed));
  history.on('undo', changed);
  history.on('redo', changed);
  graph.on('selection:changed', ({ selected }) => {
    const nodes = selected.filter((c) => c.isNode());
    showPanel(panel, nodes.length === 1 ? nodes[0] : null, describe, ctx, changed);
  });
  showPanel(panel, null, describe, ctx, changed);
  renderPalette(document.getElementById('designer-palette'), data.palette, canvas, (item, x, y) => insertStep(graph, item, x, y, describe));
  pin(data.problems ?? []);

  document.querySelector('[data-action=undo]')?.addEventListener('click', () => history.undo());
  document.querySelector('[data-action=redo]')?.addEventListener('click', () => history.redo());
  document.querySelector('[data-action=fit]')?.addEventListener('click', () => graph.zoomToFit({ padding: 30, maxScale: 1 }));
  document.querySelector('[data-action=layout]')?.addEventListener('click', () => {
    const positions = layeredLayout(serialize());
    graph.startBatch('layout');
    graph.getNodes().forEach((n) => positions[n.id] && n.setPosition(positions[n.id].x, positions[n.id].y));
    graph.stopBatch('layout');
    fitView(graph);
    changed();
  });
  const result = document.getElementById('designer-result');
  document.querySelector('[data-action=publish]')?.addEventListener('click', async (e) => {
    const button = e.currentTarget;
    button.disabled = true;
    result.dataset.state = 'working';
    result.textContent = text.publishing;
    try {
      if (!(await autosave.flush())) { result.dataset.state = 'error'; result.textContent = text.saveFirst; return; }
      const answer = await post('Publish', autosave.state.token);
      result.dataset.state = answer.status === 200 ? 'published' : 'error';
      result.textContent = answer.body.message ?? answer.body.error ?? text.saveFailed;
      if (answer.status === 200) { autosave.state.token = answer.body.token; pin([]); }
      if (answer.status === 422) pin(answer.body.problems ?? []);
    } finally {
      button.disabled = false;
    }
  });

  fitView(graph);
  canvas.dataset.nodes = String(graph.getNodes().length);
  canvas.dataset.ready = 'true';
  attachMinimap(graph, document.getElementById('designer-minimap'));
  document.body.dataset.designerReadyMs = String(Math.round(performance.now()));
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start); else start();
