// The palette, generated from the activity registry: one button per activity type, grouped by category. Drag one onto
// the canvas (onto an edge to insert it between two nodes), or press it to add the step in the middle of the view.
function el(tag, props = {}, children = []) {
  const e = document.createElement(tag);
  Object.entries(props).forEach(([k, v]) => {
    if (k === 'dataset') Object.assign(e.dataset, v); else if (k === 'text') e.textContent = v; else e.setAttribute(k, v);
  });
  children.forEach((c) => e.appendChild(c));
  return e;
}

export function renderPalette(container, palette, canvas, onDrop) {
  const categories = new Map();
  palette.forEach((item) => {
    if (item.type === 'Start') return; // one Start per workflow: it is never added
    if (!categories.has(item.category)) categories.set(item.category, []);
    categories.get(item.category).push(item);
  });
  const filter = el('input', { type: 'search', class: 'palette-filter', 'data-test': 'palette-filter', 'aria-label': container.dataset.filterLabel ?? '' });
  container.appendChild(filter);
  categories.forEach((items, category) => {
    const group = el('details', { open: '' }, [el('summary', { text: category })]);
    items.forEach((item) => {
      const button = el('button', { type: 'button', class: 'palette-item', title: item.description, 'data-test': `palette-${item.type}`, dataset: { type: item.type } },
        [el('span', { class: 'palette-icon', text: item.icon }), el('span', { text: item.name })]);
      group.appendChild(button);
      startDrag(button, item, canvas, onDrop);
    });
    container.appendChild(group);
  });
  filter.addEventListener('input', () => {
    const q = filter.value.trim().toLowerCase();
    container.querySelectorAll('.palette-item').forEach((b) => {
      b.hidden = q !== '' && !b.textContent.toLowerCase().includes(q) && !b.dataset.type.toLowerCase().includes(q);
    });
  });
}

function startDrag(button, item, canvas, onDrop) {
  button.addEventListener('pointerdown', (down) => {
    if (down.button !== 0) return;
    down.preventDefault();
    let ghost = null;
    const move = (e) => {
      if (!ghost && Math.hypot(e.clientX - down.clientX, e.clientY - down.clientY) < 4) return;
      if (!ghost) {
        ghost = el('div', { class: 'palette-ghost' }, [el('span', { text: `${item.icon} ${item.name}` })]);
        document.body.appendChild(ghost);
      }
      ghost.style.left = `${e.clientX + 4}px`;
      ghost.style.top = `${e.clientY + 4}px`;
    };
    const up = (e) => {
      document.removeEventListener('pointermove', move);
      document.removeEventListener('pointerup', up);
      const dragged = !!ghost;
      ghost?.remove();
      const r = canvas.getBoundingClientRect();
      const inside = e.clientX >= r.left && e.clientX <= r.right && e.clientY >= r.top && e.clientY <= r.bottom;
      if (dragged && inside) onDrop(item, e.clientX, e.clientY);
      else if (!dragged) onDrop(item, r.left + r.width / 2, r.top + r.height / 2);
    };
    document.addEventListener('pointermove', move);
    document.addEventListener('pointerup', up);
  });
}
