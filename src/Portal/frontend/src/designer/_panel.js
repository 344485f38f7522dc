// The property panel of the selected node: id, label, and one field per typed input of its activity type.
import { h, inputField } from './_fields';
import { fit } from '../_graph/shapes';
import { outcomesOf, portsFor } from '../_graph/render';

/**
 * Redraws a node's outcome ports from its activity (a Switch's cases, boundary timers): ports of removed outcomes go
 * unless an arrow still leaves by them (the validator then pins it), new outcomes get a port, labels follow the count.
 */
export function syncPorts(node, activity, describe) {
  const used = (node.model?.getConnectedEdges(node, { outgoing: true }) ?? [])
    .map((e) => ({ from: activity.id, outcome: String(e.getSourcePortId() ?? '').replace(/^out:/, '') }))
    .filter((c) => c.outcome);
  const wanted = portsFor(outcomesOf(activity, describe, used));
  const ids = new Set(wanted.map((p) => p.id));
  const stale = node.getPorts().filter((p) => !ids.has(p.id));
  if (stale.length) node.removePorts(stale);
  const have = new Set(node.getPorts().map((p) => p.id));
  const missing = wanted.filter((p) => !have.has(p.id));
  if (missing.length) node.addPorts(missing);
  wanted.filter((p) => p.group === 'out').forEach((p) => node.setPortProp(p.id, 'attrs/text/text', p.attrs.text.text));
}

export function showPanel(panel, node, describe, ctx, changed) {
  if (!node) {
    panel.replaceChildren(h('p', { class: 'hint', text: ctx.text.selectNode }));
    return;
  }

  const activity = node.getData().activity;
  const type = describe(activity.type);
  const update = (next) => {
    node.setData({ activity: next }, { overwrite: true });
    syncPorts(node, next, describe);
    changed();
  };
  const label = h('input', { id: 'node-label', type: 'text', 'data-test': 'node-label', value: activity.displayName ?? '' });
  label.addEventListener('input', () => {
    const next = { ...node.getData().activity, displayName: label.value || undefined };
    node.setAttrs({ label: { text: fit(label.value || type?.name || activity.type) } });
    update(next);
  });
  const fields = (type?.inputs ?? []).map((input) => inputField(input, activity.inputs?.[input.name], (value) => {
    const current = node.getData().activity;
    const inputs = { ...(current.inputs ?? {}) };
    if (value === undefined) delete inputs[input.name]; else inputs[input.name] = value;
    update({ ...current, inputs });
  }, ctx));
  panel.replaceChildren(
    h('h2', { 'data-test': 'panel-title', text: `${type?.icon ?? '?'} ${type?.name ?? activity.type}` }),
    h('p', { class: 'hint', text: type ? type.description : ctx.text.unknownType }),
    h('label', { text: ctx.text.nodeId }),
    h('input', { type: 'text', readonly: true, 'data-test': 'node-id', value: activity.id }),
    h('label', { for: 'node-label', text: ctx.text.nodeLabel }),
    label,
    ...fields,
  );
}
