// Shared by every page: sign-in with the ledger's own users (HTTP Basic, kept for this tab only), calls to
// the API under that sign-in, the page header, and small helpers. No build step and no libraries.
const Ledger = (() => {
  const KEY = 'ledger.basic';
  const POSITION = 'Ledger-Position';
  /** The newest position this tab's own actions reached: every read asks for it, so none shows a stale view. */
  let written = '0';

  /** Calls the API as the signed-in user. */
  async function call(path, options = {}) {
    const headers = Object.assign({}, options.headers || {});
    const credentials = sessionStorage.getItem(KEY);
    if (credentials) headers.Authorization = 'Basic ' + credentials;
    const method = (options.method || 'GET').toUpperCase();
    if (method === 'GET') headers[POSITION] = written;
    const response = await fetch(path, Object.assign({}, options, { headers }));
    const reached = response.headers.get(POSITION);
    if (method !== 'GET' && response.ok && reached && Number(reached) > Number(written)) written = reached;
    return response;
  }

  /** The JSON answer, or a thrown {status, detail} built from the problem the ledger sent back. */
  async function json(path, options) {
    const response = await call(path, options);
    const text = await response.text();
    const body = text ? JSON.parse(text) : null;
    if (!response.ok) throw { status: response.status, detail: (body && (body.detail || body.title)) || response.statusText };
    return body;
  }

  /** A sentence for a failed call, saying plainly when the role may not see something. */
  function explain(error) {
    if (error && error.status === 401) return 'Sign in to see this.';
    if (error && error.status === 403) return 'Your role may not see this: ' + error.detail;
    if (error && error.status) return error.detail + ' (' + error.status + ')';
    return String(error && error.message || error);
  }

  let who = null;
  async function me() {
    if (who) return who;
    try { who = await json('/api/me'); } catch (e) { who = null; }
    return who;
  }

  async function signIn(user, password) {
    sessionStorage.setItem(KEY, btoa(user + ':' + password));
    who = null;
    const found = await me();
    if (!found) { sessionStorage.removeItem(KEY); throw new Error('Wrong user or password.'); }
    return found;
  }

  function signOut() { sessionStorage.removeItem(KEY); who = null; location.href = 'index.html'; }

  /** Builds an element: el('a', {href: 'x'}, 'text', child...). */
  function el(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
      if (value === null || value === undefined || value === false) continue;
      if (name.startsWith('on')) node.addEventListener(name.substring(2), value);
      else node.setAttribute(name, value === true ? '' : value);
    }
    for (const child of children.flat()) {
      if (child !== null && child !== undefined) node.append(child.nodeType ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  /** The page header: where you are, where you can go, who you are. */
  async function header(active) {
    const user = await me();
    const pages = [['index.html', 'Start'], ['family.html', 'Family trees'], ['release.html', 'Releases'],
      ['artist.html', 'Balances & statements'], ['auditor.html', 'Audit']];
    const nav = el('nav', { 'aria-label': 'Pages' }, pages.map(([href, name]) =>
      el('a', { href, 'aria-current': href === active ? 'page' : null }, name)));
    const account = user
      ? el('span', {}, user.name + ' (' + user.roles.join(', ') + ') ',
        el('button', { type: 'button', class: 'secondary', onclick: signOut, 'aria-label': 'Sign out' }, 'Sign out'))
      : el('a', { href: 'index.html' }, 'Sign in');
    document.querySelector('header').replaceChildren(el('span', { class: 'brand' }, 'Collaboration ledger'), nav, account);
    return user;
  }

  /** Shows the sign-in form instead of the page when nobody is signed in; true when someone is. */
  async function requireSignIn(target) {
    if (await me()) return true;
    target.replaceChildren(el('p', { class: 'problem' }, 'Sign in first. ', el('a', { href: 'index.html?next=' +
      encodeURIComponent(location.pathname.split('/').pop() + location.search) }, 'Go to sign-in')));
    return false;
  }

  const handles = new Map();
  /** An artist's public handle (cached), or the id when it cannot be read. */
  async function handle(artistId) {
    if (!handles.has(artistId)) {
      handles.set(artistId, json('/api/artists/' + artistId).then(a => '@' + a.handle).catch(() => artistId.substring(0, 8)));
    }
    return handles.get(artistId);
  }

  /** Minor units as money, e.g. 150000 USD -> $1,500.00, using the currency's own number of decimals. */
  function money(minor, currency) {
    const format = new Intl.NumberFormat(undefined, { style: 'currency', currency });
    const digits = format.resolvedOptions().maximumFractionDigits;
    return format.format(minor / Math.pow(10, digits));
  }

  /** Fetches a file under the sign-in (a plain link could not send it) and hands it to the browser. */
  async function download(path, filename) {
    const response = await call(path);
    if (!response.ok) return false;
    const link = el('a', { href: URL.createObjectURL(await response.blob()), download: filename });
    document.body.append(link);
    link.click();
    link.remove();
    return true;
  }

  function param(name) { return new URLSearchParams(location.search).get(name); }

  return { call, json, explain, me, signIn, signOut, el, header, requireSignIn, handle, money, download, param };
})();
