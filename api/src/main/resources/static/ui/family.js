// The family tree page: the ledger's own picture of a family (laid out on the server by Eclipse ELK,
// the same picture /family.svg serves), shown at its natural size so every text is readable, with
// scrolling, zoom, and a details panel for the selected record.
(() => {
  const { el, json, call, explain, artist } = Ledger;
  const wrap = document.getElementById('graph');
  const details = document.getElementById('details');
  let picture = null;
  let natural = null;
  let scale = 1;
  // The names of the shown family's creators, as its answer gives them.
  let creatorsById = new Map();

  function zoomTo(next) {
    if (!picture) return;
    // Keep the middle of the view where it is.
    const middle = { x: (wrap.scrollLeft + wrap.clientWidth / 2) / scale, y: (wrap.scrollTop + wrap.clientHeight / 2) / scale };
    scale = Math.max(0.1, Math.min(3, next));
    picture.setAttribute('width', natural.width * scale);
    picture.setAttribute('height', natural.height * scale);
    wrap.scrollTo(middle.x * scale - wrap.clientWidth / 2, middle.y * scale - wrap.clientHeight / 2);
  }

  function fit() { zoomTo(Math.min(1.5, wrap.clientWidth / natural.width, wrap.clientHeight / natural.height)); }

  /** Scrolls a record into the middle of the view. */
  function reveal(group) {
    const box = group.getBoundingClientRect();
    const view = wrap.getBoundingClientRect();
    wrap.scrollTo(wrap.scrollLeft + box.left - view.left + box.width / 2 - wrap.clientWidth / 2,
      wrap.scrollTop + box.top - view.top + box.height / 2 - wrap.clientHeight / 2);
  }

  document.getElementById('zoom-in').onclick = () => zoomTo(scale * 1.25);
  document.getElementById('zoom-out').onclick = () => zoomTo(scale * 0.8);
  document.getElementById('zoom-fit').onclick = fit;
  document.getElementById('zoom-actual').onclick = () => zoomTo(1);

  async function show(recordId) {
    document.getElementById('record').value = recordId;
    wrap.replaceChildren();
    details.replaceChildren(el('p', { class: 'muted' }, 'Loading…'));
    let family, svg;
    try {
      family = await json('/api/records/' + encodeURIComponent(recordId) + '/family');
      // The picture as of the same position as the details, so both tell the same story.
      const response = await call(`/api/records/${encodeURIComponent(recordId)}/family.svg?asOf=${family.asOf}`);
      if (!response.ok) {
        const problem = await response.json();
        throw { status: response.status, detail: problem.detail };
      }
      svg = await response.text();
    } catch (e) {
      details.replaceChildren(el('p', { class: 'problem' }, explain(e)));
      return;
    }
    const byId = new Map(family.nodes.map(n => [n.node.recordId, Object.assign({ generation: n.generation }, n.node)]));
    creatorsById = new Map((family.creators || []).map(c => [c.id, c]));
    picture = document.importNode(new DOMParser().parseFromString(svg, 'image/svg+xml').documentElement, true);
    natural = { width: Number(picture.getAttribute('width')), height: Number(picture.getAttribute('height')) };
    picture.setAttribute('role', 'group');
    picture.setAttribute('aria-label', 'Family tree: generations from top to bottom; select a record for its details');
    for (const group of picture.querySelectorAll('.node')) {
      const node = byId.get(group.dataset.record);
      group.setAttribute('tabindex', '0');
      group.setAttribute('role', 'button');
      group.setAttribute('aria-label', `${node.title}, ${node.mediaType.toLowerCase()}, generation ${node.generation}` + (node.takenDown ? ', taken down' : ''));
      const select = () => selectNode(node, group);
      group.addEventListener('click', select);
      group.addEventListener('keydown', e => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); select(); } });
    }
    wrap.replaceChildren(picture);
    scale = 1;
    document.getElementById('summary').textContent = `${family.nodes.length} records, ${family.edges.length} citations, as of ledger position ${family.asOf}.`;
    const focus = picture.querySelector(`.node[data-record="${family.recordId}"]`);
    reveal(focus);
    selectNode(byId.get(family.recordId), focus);
  }

  async function selectNode(node, group) {
    picture.querySelectorAll('.node.selected').forEach(n => n.classList.remove('selected'));
    group.classList.add('selected');
    const creator = await artist(node.creatorId, creatorsById.get(node.creatorId));
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
