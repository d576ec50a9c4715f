// Shared by every page: sign-in with the ledger's own users (HTTP Basic, kept for this tab only), calls to
// the API under that sign-in, the page header, and small helpers. No build step and no libraries.
const Ledger = (() => {
  const KEY = 'ledger.basic';
  const POSITION = 'Ledger-Position';
  // The newest position this tab's own actions reached, kept across its pages: every read asks for
  // at least it (?atLeast=), so no page shows a view older than what the tab just did.
  const WRITTEN = 'ledger.written';

  function written() { return Number(sessionStorage.getItem(WRITTEN) || 0); }

  /** Calls the API as the signed-in user. */
  async function call(path, options = {}) {
    // The pages sign in themselves: no browser sign-in dialog over a 401 (see SecurityConfiguration).
    const headers = Object.assign({ 'X-Requested-With': 'XMLHttpRequest' }, options.headers || {});
    const credentials = sessionStorage.getItem(KEY);
    if (credentials) headers.Authorization = 'Basic ' + credentials;
    const method = (options.method || 'GET').toUpperCase();
    const url = method === 'GET' && written() > 0 ? path + (path.includes('?') ? '&' : '?') + 'atLeast=' + written() : path;
    const response = await fetch(url, Object.assign({}, options, { headers }));
    const reached = Number(response.headers.get(POSITION));
    if (method !== 'GET' && response.ok && reached > written()) sessionStorage.setItem(WRITTEN, String(reached));
    return response;
  }

  /** The JSON answer, or a thrown {status, detail} built from the problem the ledger sent back. */
  async function json(path, options) {
    const response = await call(path, options);
    const text = await response.text();
    const body = text ? JSON.parse(text) : null;
    if (!response.ok) {
      throw { status: response.status, field: body && body.field, detail: (body && (body.detail || body.title)) || response.statusText };
    }
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
    for (const child of children.flat(Infinity)) {
      if (child !== null && child !== undefined) node.append(child.nodeType ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  /** The page header: where you are, where you can go, who you are. */
  async function header(active) {
    await ready();
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

  const lookups = new Map();
  /** One cached read per path, so a page naming an artist forty times asks once. */
  function cached(path) {
    if (!lookups.has(path)) lookups.set(path, json(path).catch(() => null));
    return lookups.get(path);
  }

  /**
   * How a page names an artist: "Display Name (@handle)" from the answer that mentions the artist
   * when it gives them, else from the artist's own record, else the bare id.
   */
  async function artist(artistId, given = {}) {
    const known = given.handle || given.status === 'ERASED' ? given : await cached('/api/artists/' + encodeURIComponent(artistId));
    if (known && (known.status === 'ERASED' || known.nameStatus === 'ERASED')) return 'erased artist';
    if (!known || !known.handle) return artistId;
    return known.displayName ? `${known.displayName} (@${known.handle})` : '@' + known.handle;
  }

  /** A release's title from the answer when it gives one, else from the release, else its id. */
  async function releaseTitle(releaseId, given) {
    if (given) return given;
    const release = await cached('/api/releases/' + encodeURIComponent(releaseId));
    return release && release.title ? release.title : releaseId;
  }

  /** A record's title from the answer when it gives one, else from the record, else its id. */
  async function recordTitle(recordId, given) {
    if (given) return given;
    const record = await cached('/api/records/' + encodeURIComponent(recordId));
    return record && record.record ? record.record.title : recordId;
  }

  // The ledger's own decimals per currency (ISO 4217 minor units), from its table of currencies.
  const decimals = fetch('data/currencies.csv').then(r => r.text()).then(text => new Map(text.split('\n')
    .filter(line => /^[A-Z]{3},[0-4]$/.test(line.trim())).map(line => [line.substring(0, 3), Number(line.trim().charAt(4))])));

  let table = new Map();
  /** Loads the table of currencies; money() needs it first. */
  async function ready() { table = await decimals; }

  /** The decimals the ledger counts a currency in, undefined for a currency it does not know. */
  function digitsOf(currency) { return table.get(currency); }

  /**
   * Minor units as money with the currency's code and the ledger's decimals for it, exactly
   * (150000 USD -> "USD 1,500.00", 1500 JPY -> "JPY 1,500", 1500 KWD -> "KWD 1.500").
   */
  function money(minor, currency) {
    const digits = digitsOf(currency);
    if (digits === undefined) throw new Error('unknown currency ' + currency);
    const units = String(Math.abs(minor)).padStart(digits + 1, '0');
    const decimal = (minor < 0 ? '-' : '') + units.substring(0, units.length - digits) + (digits ? '.' + units.substring(units.length - digits) : '');
    // A decimal string is formatted exactly, with no rounding through binary fractions.
    return new Intl.NumberFormat('en-US', { style: 'currency', currency, currencyDisplay: 'code',
      minimumFractionDigits: digits, maximumFractionDigits: digits }).format(decimal);
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

  return { call, json, explain, me, signIn, signOut, el, header, requireSignIn, artist, releaseTitle, recordTitle, ready, digitsOf, money, download, param };
})();
