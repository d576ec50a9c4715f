// The family tree page: a layered picture (generations top to bottom) drawn as SVG from the lineage API,
// with zoom, pan, and a details panel for the selected record.
(() => {
  const { el, json, explain, handle } = Ledger;
  const SVG = 'http://www.w3.org/2000/svg';
  const NODE_W = 190, NODE_H = 50, GAP_X = 30, GAP_Y = 80;
  const svg = document.getElementById('graph');
  const viewport = document.getElementById('viewport');
  const details = document.getElementById('details');
  let view = { x: 0, y: 0, scale: 1 };
  let bounds = { width: 1, height: 1 };

  function svgEl(tag, attributes = {}, text) {
    const node = document.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function apply() { viewport.setAttribute('transform', `translate(${view.x},${view.y}) scale(${view.scale})`); }

  function fit() {
    // A band at the top stays free for the zoom buttons.
    const box = svg.getBoundingClientRect();
    const top = 56;
    const scale = Math.min(box.width / bounds.width, (box.height - top) / bounds.height, 1.5);
    view = { scale, x: (box.width - bounds.width * scale) / 2, y: top + (box.height - top - bounds.height * scale) / 2 };
    apply();
  }

  function zoom(factor, cx, cy) {
    const box = svg.getBoundingClientRect();
    const px = cx === undefined ? box.width / 2 : cx, py = cy === undefined ? box.height / 2 : cy;
    const scale = Math.max(0.05, Math.min(6, view.scale * factor));
    view.x = px - (px - view.x) * (scale / view.scale);
    view.y = py - (py - view.y) * (scale / view.scale);
    view.scale = scale;
    apply();
  }

  document.getElementById('zoom-in').onclick = () => zoom(1.25);
  document.getElementById('zoom-out').onclick = () => zoom(0.8);
  document.getElementById('zoom-reset').onclick = fit;
  svg.addEventListener('wheel', e => {
    e.preventDefault();
    const box = svg.getBoundingClientRect();
    zoom(e.deltaY < 0 ? 1.15 : 0.87, e.clientX - box.left, e.clientY - box.top);
  }, { passive: false });
  let drag = null;
  svg.addEventListener('pointerdown', e => { if (!e.target.closest('.node')) { drag = { x: e.clientX, y: e.clientY }; svg.setPointerCapture(e.pointerId); } });
  svg.addEventListener('pointermove', e => {
    if (!drag) return;
    view.x += e.clientX - drag.x; view.y += e.clientY - drag.y;
    drag = { x: e.clientX, y: e.clientY };
    apply();
  });
  svg.addEventListener('pointerup', () => { drag = null; });

  async function show(recordId) {
    document.getElementById('record').value = recordId;
    viewport.replaceChildren();
    details.replaceChildren(el('p', { class: 'muted' }, 'Loading…'));
    let family;
    try {
      family = await json('/api/records/' + encodeURIComponent(recordId) + '/family');
    } catch (e) {
      details.replaceChildren(el('p', { class: 'problem' }, explain(e)));
      return;
    }
    const nodes = family.nodes.map(n => Object.assign({ generation: n.generation }, n.node));
    const byId = new Map(nodes.map(n => [n.recordId, n]));
    const layers = new Map();
    for (const node of nodes) {
      if (!layers.has(node.generation)) layers.set(node.generation, []);
      layers.get(node.generation).push(node);
    }
    const widest = Math.max(...[...layers.values()].map(l => l.length));
    for (const [generation, layer] of layers) {
      layer.sort((a, b) => a.title.localeCompare(b.title));
      const offset = (widest - layer.length) * (NODE_W + GAP_X) / 2;
      layer.forEach((node, i) => { node.x = offset + i * (NODE_W + GAP_X); node.y = generation * (NODE_H + GAP_Y); });
    }
    bounds = { width: widest * (NODE_W + GAP_X), height: (Math.max(...layers.keys()) + 1) * (NODE_H + GAP_Y) };
    for (const edge of family.edges) {
      const from = byId.get(edge.from), to = byId.get(edge.to);
      if (!from || !to) continue;
      const x1 = from.x + NODE_W / 2, y1 = from.y + NODE_H, x2 = to.x + NODE_W / 2, y2 = to.y;
      viewport.append(svgEl('path', { class: 'edge', d: `M${x1},${y1} C${x1},${(y1 + y2) / 2} ${x2},${(y1 + y2) / 2} ${x2},${y2}`,
        'marker-end': 'url(#arrow)' }));
      viewport.append(svgEl('text', { class: 'edge-weight', x: (x1 + x2) / 2 + 4, y: (y1 + y2) / 2 }, '×' + edge.weight));
    }
    for (const node of nodes) {
      const classes = ['node'];
      if (node.recordId === family.recordId) classes.push('focus');
      if (node.takenDown) classes.push('down');
      const label = `${node.title}, ${node.mediaType.toLowerCase()}, generation ${node.generation}` + (node.takenDown ? ', taken down' : '');
      const group = svgEl('g', { class: classes.join(' '), transform: `translate(${node.x},${node.y})`, tabindex: '0',
        role: 'button', 'aria-label': label, 'data-record': node.recordId });
      group.append(svgEl('title', {}, label));
      group.append(svgEl('rect', { width: NODE_W, height: NODE_H }));
      const title = node.title.length > 24 ? node.title.substring(0, 23) + '…' : node.title;
      group.append(svgEl('text', { x: 10, y: 20 }, (node.takenDown ? '⊘ ' : '') + title));
      const creator = svgEl('text', { class: 'creator', x: 10, y: 38 }, node.mediaType.toLowerCase());
      group.append(creator);
      handle(node.creatorId).then(h => { creator.textContent = node.mediaType.toLowerCase() + ' · ' + h; });
      const select = () => selectNode(node, group);
      group.addEventListener('click', select);
      group.addEventListener('keydown', e => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); select(); } });
      viewport.append(group);
    }
    document.getElementById('summary').textContent = `${nodes.length} records, ${family.edges.length} citations, as of ledger position ${family.asOf}.`;
    details.replaceChildren(el('p', { class: 'muted' }, 'Select a record to see its details.'));
    fit();
    selectNode(byId.get(family.recordId), viewport.querySelector(`[data-record="${family.recordId}"]`));
  }

  async function selectNode(node, group) {
    viewport.querySelectorAll('.node.selected').forEach(n => n.classList.remove('selected'));
    if (group) group.classList.add('selected');
    const creator = await handle(node.creatorId);
    details.replaceChildren(
      el('h2', {}, node.title),
      el('dl', { class: 'facts' },
        el('dt', {}, 'Record'), el('dd', { class: 'hash' }, node.recordId),
        el('dt', {}, 'Media'), el('dd', {}, node.mediaType.toLowerCase()),
        el('dt', {}, 'Creator'), el('dd', {}, creator),
        el('dt', {}, 'Generation'), el('dd', {}, node.generation),
        el('dt', {}, 'Status'), el('dd', {}, node.takenDown ? 'taken down' : 'live')),
      el('p', {}, el('a', { href: 'family.html?record=' + node.recordId, id: 'open-family' }, 'Show the family of this record')));
  }

  document.getElementById('pick').addEventListener('submit', e => {
    e.preventDefault();
    const id = document.getElementById('record').value.trim();
    history.replaceState(null, '', '?record=' + encodeURIComponent(id));
    show(id);
  });

  (async () => {
    await Ledger.header('family.html');
    if (!await Ledger.requireSignIn(document.getElementById('content'))) return;
    const record = Ledger.param('record');
    if (record) show(record);
  })();
})();
