'use strict';
// The catalog's pages, drawn from the JSON API. Every value from the server goes into the page as
// text (textContent, attributes set one by one): never as markup.

const state = {principal: null, sys: false, csrf: null};

/** An element with attributes and children; strings become text nodes. */
function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'text') node.textContent = String(value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function show(node) {
  const main = document.getElementById('main');
  main.replaceChildren(node);
}

function fail(message) {
  const box = document.getElementById('error-message');
  box.textContent = message;
  box.hidden = false;
}

/** Calls the API as the signed-in viewer; a lost session goes back to the login page. */
async function api(path, options) {
  const init = Object.assign({credentials: 'same-origin', headers: {}}, options || {});
  init.headers = Object.assign({'X-Requested-With': 'meshkit-catalog', 'Accept': 'application/json'}, init.headers);
  if (init.body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    if (state.csrf) init.headers['X-CSRF-Token'] = state.csrf;
    init.body = JSON.stringify(init.body);
  }
  const response = await fetch('/api/v1/' + path, init);
  if (response.status === 401) {
    window.location.assign('/catalog/login?next=' + encodeURIComponent(window.location.pathname));
    throw new Error('Signed out');
  }
  const body = await response.json().catch(() => ({error: 'The server answered ' + response.status}));
  if (!response.ok) {
    const error = new Error(body.error || ('The server answered ' + response.status));
    error.status = response.status;
    throw error;
  }
  return body;
}

function productPath(domain, product) {
  return '/catalog/products/' + encodeURIComponent(domain) + '.' + encodeURIComponent(product);
}

function productLink(p) {
  const name = p.domain_name + '.' + p.product_name;
  return el('a', {href: productPath(p.domain_name, p.product_name), 'data-testid': 'product-link',
    'data-product': name}, name);
}

function badge(text, kind) {
  return el('span', {class: 'badge badge-' + (kind || text)}, text);
}

function stars(average) {
  if (average === null || average === undefined) return null;
  return el('span', {class: 'rating', title: 'average rating'}, '★ ' + Number(average).toFixed(1));
}

// ---- search -------------------------------------------------------------------------------------

async function searchPage() {
  const query = new URLSearchParams(window.location.search).get('q') || '';
  const box = el('input', {id: 'search-box', type: 'search', name: 'q', placeholder: 'Search data products',
    'aria-label': 'Search data products', autocomplete: 'off'});
  box.value = query;
  const form = el('form', {id: 'search-form', role: 'search'}, box,
    el('button', {id: 'search-submit', type: 'submit'}, 'Search'));
  const results = el('ol', {id: 'search-results', class: 'results'});
  const empty = el('p', {id: 'search-empty', hidden: true}, 'No data product matches.');
  show(el('section', {id: 'search'}, el('h1', {}, 'Find data products'), form, empty, results));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const q = box.value.trim();
    history.pushState({}, '', q ? '/catalog/?q=' + encodeURIComponent(q) : '/catalog/');
    fillResults(q, results, empty);
  });
  await fillResults(query, results, empty);
}

async function fillResults(query, results, empty) {
  const products = await api('products' + (query ? '?q=' + encodeURIComponent(query) : ''));
  results.replaceChildren(...products.map((p) => el('li', {'data-testid': 'search-result',
    'data-product': p.domain_name + '.' + p.product_name},
  el('div', {class: 'hit-title'}, productLink(p), ' ', badge(p.status), p.can_read ? null : badge('no access', 'denied'),
    ' ', stars(p.rating_avg)),
  el('p', {class: 'hit-description'}, p.description || ''),
  el('p', {class: 'hit-meta'}, 'Owner: ', p.owner || '—', ' · Quality: ', p.quality_status,
    p.score !== undefined ? ' · Score: ' + Number(p.score).toFixed(2) : ''))));
  empty.hidden = products.length > 0;
}

// ---- domains ------------------------------------------------------------------------------------

async function domainsPage() {
  const domains = await api('domains');
  show(el('section', {id: 'domains'}, el('h1', {}, 'Domains'),
    el('ul', {id: 'domains-list'}, domains.map((d) => el('li', {'data-testid': 'domain', 'data-domain': d.domain_name},
      el('h2', {}, d.domain_name),
      el('p', {class: 'domain-owner'}, 'Owner: ', d.owner || '—'),
      el('p', {class: 'domain-description'}, d.description || ''),
      el('ul', {class: 'domain-products'}, d.products.map((p) => el('li', {}, productLink(p), ' ', badge(p.status),
        ' ', p.description || ''))))))));
}

// ---- product page -------------------------------------------------------------------------------

async function productPage(qualified) {
  let product;
  try {
    product = await api('products/' + qualified.split('.').map(encodeURIComponent).join('.'));
  } catch (error) {
    if (error.status === 404) {
      show(el('section', {id: 'not-found'}, el('h1', {}, 'Not found'), el('p', {}, error.message)));
      return;
    }
    throw error;
  }
  const name = product.domain_name + '.' + product.product_name;
  document.title = name + ' · meshkit catalog';
  const page = el('article', {id: 'product', 'data-product': name},
    el('h1', {id: 'product-title'}, name, ' ', badge(product.status)),
    descriptionSection(product), facts(product), schemaSection(product),
    el('section', {id: 'quality'}, el('h2', {}, 'Quality'),
      el('p', {}, 'Status: ', el('span', {id: 'quality-status', class: 'quality-' + product.quality_status},
        product.quality_status), product.last_quality_check ? ' (last check ' + product.last_quality_check + ')' : ''),
      qualityTable(product.quality), el('div', {id: 'quality-chart', class: 'chart'})),
    el('section', {id: 'usage'}, el('h2', {}, 'Usage'),
      el('p', {id: 'usage-total'}, product.usage
        ? product.usage.queries + ' queries, ' + product.usage.rows_served + ' rows served, '
          + product.usage.distinct_principals + ' principals' + (product.usage.last_used
            ? ', last used ' + product.usage.last_used : '')
        : 'No use recorded.'),
      el('div', {id: 'usage-chart', class: 'chart'})),
    el('section', {id: 'lineage'}, el('h2', {}, 'Column lineage'), el('div', {id: 'lineage-graph', class: 'graph'})),
    sampleQuery(product.sample_query),
    feedbackSection(name));
  show(page);
  await Promise.all([
    drawQuality(name).catch((e) => fail(e.message)),
    drawUsage(name).catch((e) => fail(e.message)),
    drawLineage(name).catch((e) => fail(e.message)),
    loadFeedback(name).catch((e) => fail(e.message)),
  ]);
}

function descriptionSection(p) {
  const about = p.description_detail || {};
  return el('section', {id: 'product-description'}, el('h2', {}, 'Description'),
    el('p', {id: 'product-purpose'}, about.purpose || p.description || 'No description.'),
    about.usage ? el('p', {id: 'product-usage'}, el('strong', {}, 'Usage: '), about.usage) : null,
    about.limitations ? el('p', {id: 'product-limitations'}, el('strong', {}, 'Limitations: '), about.limitations)
      : null);
}

function facts(p) {
  const rows = [
    ['Owner', el('span', {id: 'product-owner'}, p.owner || '—')],
    ['Support', el('span', {id: 'product-support'}, (p.support || []).join(', ') || '—')],
    ['Version', el('span', {id: 'product-version'}, p.version || '—')],
    ['Status', el('span', {id: 'product-status'}, p.status)],
    ['Tags', el('span', {id: 'product-tags'}, p.tags || '—')],
    ['Freshness SLA', el('span', {id: 'product-sla'}, p.sla_freshness || 'none declared')],
    ['Last changed', el('span', {id: 'product-freshness'}, p.last_changed || '—')],
    ['Rating', el('span', {id: 'product-rating'}, p.rating_count
      ? Number(p.rating_avg).toFixed(1) + ' of 5 (' + p.rating_count + ' ratings)' : 'not rated yet')],
    ['Open problems', el('span', {id: 'product-open-problems'}, p.open_problems === undefined ? '—' : p.open_problems)],
    ['Access', el('span', {id: 'product-access'}, p.can_read ? 'you can read it' : 'you can find it, not read it')],
  ];
  const list = el('dl', {id: 'product-meta'}, rows.map(([term, value]) => [el('dt', {}, term), el('dd', {}, value)]));
  let deprecation = null;
  if (p.status === 'deprecated') {
    deprecation = el('p', {id: 'product-deprecation', class: 'warning'}, 'This product is deprecated.',
      p.replaced_by ? [' Use ', el('a', {id: 'product-replacement', href: productPath(...p.replaced_by.split('.'))},
        p.replaced_by), ' instead.'] : '');
  }
  return el('section', {id: 'product-facts'}, deprecation, list);
}

function schemaSection(p) {
  return el('section', {id: 'schema'}, el('h2', {}, 'Schema'),
    el('table', {id: 'schema-table'},
      el('thead', {}, el('tr', {}, ['Column', 'Type', 'Nullable', 'Classification', 'Tags', 'Masked for you',
        'Description'].map((h) => el('th', {}, h)))),
      el('tbody', {}, p.columns.map((c) => el('tr', {'data-testid': 'schema-column', 'data-column': c.column_name,
        'data-masked': c.masked_for_me ? 'true' : 'false'},
      el('td', {class: 'column-name'}, c.column_name),
      el('td', {class: 'column-type'}, c.data_type || ''),
      el('td', {}, c.nullable === false ? 'no' : 'yes'),
      el('td', {class: 'column-classification'}, c.classification || ''),
      el('td', {}, c.tags || ''),
      el('td', {class: 'column-masked'}, c.masked_for_me ? 'masked' : ''),
      el('td', {}, c.description || ''))))));
}

function qualityTable(rows) {
  if (!rows.length) return el('p', {}, 'No quality check has run.');
  return el('table', {id: 'quality-table'},
    el('thead', {}, el('tr', {}, ['Check', 'Status', 'Observed', 'Expected', 'Severity', 'Checked'].map((h) =>
      el('th', {}, h)))),
    el('tbody', {}, rows.map((q) => el('tr', {'data-check': q.check_name},
      el('td', {}, q.check_name), el('td', {class: 'quality-' + q.status}, q.status), el('td', {}, q.observed || ''),
      el('td', {}, q.expected), el('td', {}, q.severity), el('td', {}, q.checked_at)))));
}

function sampleQuery(sql) {
  const button = el('button', {id: 'copy-sample-query', type: 'button'}, 'Copy');
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(sql);
      button.textContent = 'Copied';
    } catch (e) {
      const range = document.createRange();
      range.selectNodeContents(document.getElementById('sample-query'));
      window.getSelection().removeAllRanges();
      window.getSelection().addRange(range);
      button.textContent = 'Selected: press Ctrl-C';
    }
  });
  return el('section', {id: 'sample'}, el('h2', {}, 'Sample query'), el('pre', {id: 'sample-query'}, sql), button);
}

/** A chart, or a sentence where there is nothing to draw; either way the container is marked drawn. */
function chart(id, option, emptyText) {
  const box = document.getElementById(id);
  if (!box) return;
  if (option === null) {
    box.replaceChildren(el('p', {class: 'empty'}, emptyText));
  } else {
    // No animation: the chart is complete when the page says it is drawn.
    window.echarts.init(box, null, {renderer: 'canvas'}).setOption(Object.assign({animation: false}, option));
  }
  box.setAttribute('data-drawn', 'true');
}

async function drawQuality(name) {
  const quality = await api('products/' + name + '/quality');
  const checks = [...new Set(quality.history.map((r) => r.check_name))];
  const level = {passed: 1, warning: 0.5, failed: 0, error: 0};
  chart('quality-chart', quality.history.length === 0 ? null : {
    tooltip: {trigger: 'axis'},
    legend: {data: checks},
    xAxis: {type: 'time'},
    yAxis: {type: 'value', min: 0, max: 1, interval: 1,
      axisLabel: {formatter: (v) => (v === 1 ? 'passed' : v === 0 ? 'failed' : '')}},
    series: checks.map((check) => ({name: check, type: 'line', step: 'end', showSymbol: true, symbolSize: 8,
      data: quality.history.filter((r) => r.check_name === check)
        .map((r) => [r.checked_at, level[r.status] === undefined ? 0 : level[r.status]])})),
  }, 'No quality history yet.');
}

async function drawUsage(name) {
  const usage = await api('products/' + name + '/usage');
  chart('usage-chart', usage.history.length === 0 ? null : {
    tooltip: {trigger: 'axis'},
    legend: {data: ['queries', 'principals']},
    xAxis: {type: 'category', data: usage.history.map((d) => d.day)},
    yAxis: {type: 'value', minInterval: 1},
    series: [
      {name: 'queries', type: 'bar', data: usage.history.map((d) => d.queries)},
      {name: 'principals', type: 'line', data: usage.history.map((d) => d.distinct_principals)},
    ],
  }, 'No use recorded yet.');
}

async function drawLineage(name) {
  const graph = await api('products/' + name + '/lineage');
  const column = {upstream: 0, self: 1, downstream: 2};
  const rows = {upstream: 0, self: 0, downstream: 0};
  const colors = {product: '#3b6fb6', source: '#6b8e23', hidden: '#999999'};
  const nodes = graph.nodes.map((n) => ({
    id: n.id, name: n.label, x: column[n.role] * 320, y: (rows[n.role]++) * 40,
    symbolSize: 12, itemStyle: {color: n.role === 'self' ? '#c0392b' : colors[n.kind] || '#3b6fb6'},
    label: {show: true, position: n.role === 'upstream' ? 'left' : 'right'},
  }));
  const box = document.getElementById('lineage-graph');
  if (box) box.style.height = Math.max(200, 40 * Math.max(rows.upstream, rows.self, rows.downstream) + 60) + 'px';
  chart('lineage-graph', nodes.length === 0 ? null : {
    tooltip: {formatter: (p) => (p.dataType === 'edge' ? '' : p.name)},
    series: [{type: 'graph', layout: 'none', roam: true, data: nodes, left: '22%', right: '22%', top: 30, bottom: 30,
      edges: graph.edges.map((e) => ({source: e.from, target: e.to})),
      edgeSymbol: ['none', 'arrow'], lineStyle: {curveness: 0.1, opacity: 0.7}}],
  }, 'No lineage: the product\'s sources may be down.');
}

// ---- feedback -----------------------------------------------------------------------------------

function feedbackSection(name) {
  const kind = el('select', {id: 'feedback-kind', name: 'kind'},
    el('option', {value: 'rating'}, 'Rate it'), el('option', {value: 'problem'}, 'Report a problem'));
  const rating = el('select', {id: 'feedback-rating', name: 'rating', 'aria-label': 'Rating'},
    [5, 4, 3, 2, 1].map((n) => el('option', {value: n}, n + ' ★')));
  const ratingLabel = el('label', {for: 'feedback-rating'}, 'Rating');
  const comment = el('textarea', {id: 'feedback-comment', name: 'comment', maxlength: 4000, rows: 3,
    placeholder: 'Comment'});
  const message = el('p', {id: 'feedback-message', role: 'status', hidden: true});
  const error = el('p', {id: 'feedback-error', class: 'error', role: 'alert', hidden: true});
  const form = el('form', {id: 'feedback-form'}, kind, ratingLabel, rating, comment,
    el('button', {id: 'feedback-submit', type: 'submit'}, 'Send'), message, error);
  kind.addEventListener('change', () => {
    rating.hidden = kind.value !== 'rating';
    ratingLabel.hidden = rating.hidden;
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    message.hidden = true;
    error.hidden = true;
    const body = kind.value === 'rating' ? {rating: Number(rating.value), comment: comment.value}
      : {kind: 'problem', comment: comment.value};
    try {
      await api('products/' + name + '/feedback', {method: 'POST', body});
      comment.value = '';
      message.textContent = kind.value === 'rating' ? 'Thank you for your rating.' : 'Problem reported.';
      message.hidden = false;
      await loadFeedback(name);
    } catch (e) {
      error.textContent = e.message;
      error.hidden = false;
    }
  });
  return el('section', {id: 'feedback'}, el('h2', {}, 'Feedback'), el('ul', {id: 'feedback-list'}), form);
}

async function loadFeedback(name) {
  const items = await api('products/' + name + '/feedback');
  const list = document.getElementById('feedback-list');
  // Who gave feedback shows only to that principal, the domain's members and sys; seeing someone
  // else's name means the viewer is a member or sys, who may resolve problems.
  const mayResolve = state.sys || items.some((f) => f.principal !== null && f.principal !== state.principal);
  list.replaceChildren(...items.map((f) => {
    let resolve = null;
    if (f.kind === 'problem' && f.status === 'open' && mayResolve) {
      resolve = el('button', {type: 'button', 'data-testid': 'resolve-problem', 'data-id': f.id}, 'Mark resolved');
      resolve.addEventListener('click', async () => {
        try {
          await api('feedback/' + f.id + '/resolve', {method: 'POST', body: {}});
          await loadFeedback(name);
        } catch (e) {
          fail(e.message);
        }
      });
    }
    return el('li', {'data-testid': 'feedback-item', 'data-kind': f.kind, 'data-id': f.id},
      f.kind === 'rating' ? el('span', {class: 'feedback-rating'}, '★'.repeat(f.rating) + ' ' + f.rating + '/5')
        : el('span', {class: 'feedback-status badge badge-' + f.status}, 'problem ' + f.status),
      ' ', el('span', {class: 'feedback-comment'}, f.comment || ''),
      el('span', {class: 'feedback-meta'}, ' — ', f.principal || 'someone', ', ', f.created_at,
        f.resolved_by ? ' · resolved by ' + f.resolved_by : ''),
      resolve);
  }));
  if (items.length === 0) list.replaceChildren(el('li', {class: 'empty'}, 'No feedback yet.'));
}

// ---- governance (sys) ---------------------------------------------------------------------------

function forbidden() {
  show(el('section', {id: 'forbidden'}, el('h1', {}, 'Not for you'),
    el('p', {}, 'The governance report and the change history are for principals granted sys.')));
}

async function reportPage() {
  if (!state.sys) return forbidden();
  const report = await api('report');
  // One line per finding list of the report (whatever lists it has), then the report as Markdown text.
  const lists = Object.entries(report.report).filter(([, value]) => Array.isArray(value));
  const words = (key) => key.replace(/([A-Z])/g, ' $1').toLowerCase();
  show(el('section', {id: 'report'}, el('h1', {}, 'Governance report'),
    el('ul', {id: 'report-summary'}, lists.map(([key, value]) => el('li', {'data-section': key},
      el('strong', {}, String(value.length)), ' ', words(key)))),
    el('pre', {id: 'report-json', class: 'report'}, report.markdown)));
}

async function changesPage() {
  if (!state.sys) return forbidden();
  const changes = await api('changes');
  show(el('section', {id: 'changes'}, el('h1', {}, 'Change history'),
    el('ol', {id: 'changes-list'}, changes.map((c) => el('li', {'data-testid': 'change'},
      el('strong', {}, c.change_time), ' ', c.triggered_by, ': ', badge(c.outcome),
      c.products ? el('div', {}, 'Products: ', c.products) : null,
      c.versions ? el('div', {}, 'Versions: ', c.versions) : null,
      c.problems ? el('div', {class: 'error'}, c.problems) : null)))));
}

// ---- start --------------------------------------------------------------------------------------

async function route() {
  const path = window.location.pathname;
  if (path === '/catalog/domains') return domainsPage();
  if (path === '/catalog/report') return reportPage();
  if (path === '/catalog/changes') return changesPage();
  if (path.startsWith('/catalog/products/')) {
    return productPage(decodeURIComponent(path.substring('/catalog/products/'.length)));
  }
  return searchPage();
}

async function start() {
  const session = await api('session');
  state.principal = session.principal;
  state.sys = session.sys;
  state.csrf = session.csrf_token;
  document.getElementById('whoami').textContent = session.principal;
  document.getElementById('nav-report').hidden = !session.sys;
  document.getElementById('nav-changes').hidden = !session.sys;
  document.getElementById('logout').addEventListener('click', async () => {
    await fetch('/catalog/logout', {method: 'POST', credentials: 'same-origin',
      headers: {'Content-Type': 'application/json', 'X-CSRF-Token': state.csrf || ''}, body: '{}'}).catch(() => null);
    window.location.assign('/catalog/login');
  });
  window.addEventListener('popstate', () => route().catch((e) => fail(e.message)));
  try {
    await route();
  } catch (e) {
    fail(e.message);
  }
  document.body.setAttribute('data-ready', 'true');
}

start().catch((e) => fail(e.message));
