// The review page's behaviour (compiled into the program; see review_page.h).
// The view model is the JSON in #review-data, made by review_page.cc. The page
// renders it once, then the reviewer walks the doubtful cells with the
// keyboard and saves a decisions file (Blob + a[download]: no server).
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('review-data').textContent);
  performance.mark('review-parsed');
  var FIELDS = ['regulier', 'amv', 'totaal'];
  var app = document.getElementById('app');
  var cells = [];        // every cell shown with details: {id, t, r, field, cell, row, table}
  var byId = {};
  var walk = [];         // indexes into cells: the doubtful ones, in page order
  var decisions = {};    // cell id -> decision
  var current = -1;      // index into cells
  var editing = false;

  function esc(s) {
    return String(s === undefined || s === null ? '' : s).replace(/[&<>"]/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c];
    });
  }
  function nowIso() { return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'); }
  function show(v) { return typeof v === 'number' ? String(v) : esc(JSON.stringify(v)); }

  // ---------------------------------------------------------------- rendering
  function summaryHtml() {
    var s = data.summary, h = ['<section id="summary"><h2>Summary</h2><div class="tiles">'];
    h.push('<div class="tile"><b>' + s.files + '</b> files</div>');
    var tables = s.tables || {};
    ['valid', 'repaired', 'needs_review', 'reviewed'].forEach(function (k) {
      h.push('<div class="tile st-' + k + '"><b>' + (tables[k] || 0) + '</b> tables ' +
             k.replace('_', ' ') + '</div>');
    });
    h.push('<div class="tile finding"><b>' + s.findings + '</b> findings</div></div>');
    h.push('<table class="docs"><tr><th>kind</th><th>status</th><th>documents</th></tr>');
    s.documents.forEach(function (d) {
      h.push('<tr><td>' + esc(d.kind) + '</td><td class="st-' + esc(d.status) + '">' +
             esc(d.status) + '</td><td>' + d.count + '</td></tr>');
    });
    h.push('</table></section>');
    return h.join('');
  }

  function pictureHtml(c, cls) {
    if (c.img) return '<img class="' + cls + '" alt="crop" src="' + c.img + '">';
    if (c.lines) {
      return '<pre class="' + cls + ' lines">' + c.lines.map(function (l) {
        return '<span class="' + (l[0] === c.line ? 'hit' : '') + '">' + l[0] + ': ' +
               esc(l[1]) + '</span>';
      }).join('\n') + '</pre>';
    }
    return '<span class="noimg">' + esc(c.img_error || 'no crop') + '</span>';
  }

  function cellHtml(t, ti, row, field) {
    var c = row.cells[field];
    var value = field === 'gemeente' ? (row.gemeente || '?') : show(row.values[field]);
    if (!c) return '<td class="' + (field === 'gemeente' ? 'name' : 'num') + '">' + esc(value) + '</td>';
    var id = 'c-' + ti + '-' + row.row + '-' + field;
    var entry = { id: id, t: ti, r: row.row, field: field, cell: c, row: row, table: t };
    byId[id] = cells.length;
    cells.push(entry);
    var cls = ['cell', field === 'gemeente' ? 'name' : 'num'];
    if (c.decided) cls.push('decided');
    else if (c.doubtful) cls.push('doubtful');
    else cls.push('corrected');
    return '<td id="' + id + '" class="' + cls.join(' ') + '" tabindex="-1">' +
           pictureHtml(c, 'crop') + '<div class="v">' + esc(value) + '</div>' +
           '<div class="raw">read: ' + (c.raw ? esc(c.raw) : 'nothing') +
           (c.box_estimated ? ' (crop where the cell should be)' : '') + '</div>' +
           '<div class="dec"></div></td>';
  }

  function sumsHtml(t) {
    var h = ['<tr class="sums"><td></td><td>column sums</td>'];
    FIELDS.forEach(function (f) {
      var s = t.sums[f], bad = false, targets = s.targets.map(function (x) {
        bad = bad || x.status === 'fail';
        return '<div class="target ' + esc(x.status) + '">' + esc(x.id) + ': ' +
               show(x.expected) + '</div>';
      });
      h.push('<td class="num ' + (bad ? 'fail' : '') + '"><b>' + s.actual + '</b>' +
             targets.join('') + '</td>');
    });
    h.push('<td></td></tr>');
    return h.join('');
  }

  function tableHtml(t, ti) {
    var h = ['<section class="table" id="t-' + ti + '"><h2>' + esc(t.province || 'Unknown province') +
             ' <span class="st-' + esc(t.status) + '">' + esc(t.status) + '</span></h2>',
             '<div class="meta">' + esc(t.file) + ' · ' + esc(t.key) + ' · ' + esc(t.date) +
             ' · solver: ' + esc(t.outcome) + '</div>'];
    if (t.checks.length) {
      h.push('<ul class="checks">');
      t.checks.forEach(function (c) {
        h.push('<li class="' + esc(c.status) + '"><b>' + esc(c.id) + '</b> ' + esc(c.status) +
               (c.expected !== undefined ? ' · expected ' + show(c.expected) : '') +
               (c.actual !== undefined ? ' · actual ' + show(c.actual) : '') +
               (c.detail ? ' · ' + esc(c.detail) : '') + '</li>');
      });
      h.push('</ul>');
    }
    h.push('<table class="alloc"><thead><tr><th>#</th><th>gemeente</th><th>regulier</th>' +
           '<th>amv</th><th>totaal</th><th>row</th></tr></thead><tbody>');
    t.rows.forEach(function (row) {
      var v = row.values, ok = v.regulier + v.amv === v.totaal;
      h.push('<tr><td class="idx">' + (row.row + 1) + '</td>' + cellHtml(t, ti, row, 'gemeente'));
      FIELDS.forEach(function (f) { h.push(cellHtml(t, ti, row, f)); });
      h.push('<td class="rowsum ' + (ok ? 'pass' : 'fail') + '">' + (ok ? '✓' : v.regulier + '+' +
             v.amv + '≠' + v.totaal) + '</td></tr>');
    });
    h.push(sumsHtml(t) + '</tbody></table></section>');
    return h.join('');
  }

  function missingHtml() {
    if (!data.missing.length) return '';
    var h = ['<section id="missing"><h2>Tables not found, unreadable pages and files</h2>'];
    data.missing.forEach(function (m) {
      h.push('<div class="miss">' + (m.img || m.img_error ? pictureHtml(m, 'thumb') : '') +
             '<div><b>' + esc(m.file) + '</b> (' + esc(m.kind) + (m.page ? ', page ' + m.page : '') +
             ')<p>' + esc(m.why) + '</p></div></div>');
    });
    return h.join('') + '</section>';
  }

  function findingsHtml() {
    if (!data.findings.length) return '';
    var h = ['<section id="findings"><h2>Findings</h2><p class="note">The sources contradict ' +
             'themselves here; no reading mends this, nothing was repaired.</p><ul>'];
    data.findings.forEach(function (f) {
      h.push('<li class="finding"><b>' + esc(f.id) + '</b> · ' + esc(f.province || f.kind) + ' · ' +
             esc(f.file) + (f.expected !== null ? ' · stated ' + show(f.expected) : '') +
             (f.actual !== null ? ' · found ' + show(f.actual) : '') + '<br>' + esc(f.detail) +
             '</li>');
    });
    return h.join('') + '</ul></section>';
  }

  function render() {
    var h = ['<header><h1>' + esc(data.title) + '</h1>',
             '<label>Reviewer <input id="reviewer" type="text" size="14" placeholder="your name"></label>',
             '<span id="progress"></span><button id="save" type="button">Save decisions (s)</button>',
             '</header><main><div id="content">', summaryHtml()];
    data.tables.forEach(function (t, ti) { h.push(tableHtml(t, ti)); });
    h.push(missingHtml(), findingsHtml(), '</div><aside id="panel"></aside></main>');
    app.innerHTML = h.join('');
    cells.forEach(function (c, i) { if (c.cell.doubtful && !c.cell.decided) walk.push(i); });
  }

  // ---------------------------------------------------------------- decisions
  function proposed(e) {
    if (e.field !== 'gemeente') return e.row.values[e.field];
    if (e.row.cbs_code) return e.row.cbs_code;
    return e.row.candidates && e.row.candidates.length ? e.row.candidates[0].code : null;
  }

  function nameOf(code) {
    for (var i = 0; i < data.gemeenten.length; i++)
      if (data.gemeenten[i][0] === code) return data.gemeenten[i][1];
    return code;
  }

  function fold(s) {
    return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]/g, '');
  }

  // The typed text as a value of the field, or an error message.
  function parseTyped(e, text) {
    text = text.trim();
    if (e.field !== 'gemeente') {
      var digits = text.replace(/[.\s]/g, '');
      if (!/^\d{1,7}$/.test(digits)) return { error: 'type a whole number' };
      return { value: parseInt(digits, 10) };
    }
    if (/^GM\d{4}$/i.test(text)) return { value: text.toUpperCase() };
    var f = fold(text);
    for (var i = 0; i < data.gemeenten.length; i++)
      if (fold(data.gemeenten[i][1]) === f) return { value: data.gemeenten[i][0] };
    return { error: 'no municipality of that name; type its name or CBS code (GM0148)' };
  }

  function decide(e, value, action) {
    if (value === null || value === undefined) return;
    decisions[e.id] = {
      record: e.table.key, file: e.table.file, row: e.r, gemeente_raw: e.row.raw_gemeente,
      field: e.field, value: value, action: action, decided_at: nowIso()
    };
    var td = document.getElementById(e.id);
    td.classList.remove('accepted', 'edited');
    td.classList.add(action === 'accept' ? 'accepted' : 'edited');
    td.querySelector('.dec').textContent = (action === 'accept' ? '✓ ' : '✎ ') +
      (e.field === 'gemeente' ? nameOf(value) : value);
    progress();
  }

  function undo(e) {
    delete decisions[e.id];
    var td = document.getElementById(e.id);
    td.classList.remove('accepted', 'edited');
    td.querySelector('.dec').textContent = '';
    progress();
  }

  function progress() {
    var n = 0;
    walk.forEach(function (i) { if (decisions[cells[i].id]) n++; });
    document.getElementById('progress').textContent =
      n + ' of ' + walk.length + ' doubtful cells decided';
  }

  function decisionsFile() {
    var list = [];
    cells.forEach(function (e) { if (decisions[e.id]) list.push(decisions[e.id]); });
    return {
      format: 'verdeelscan-review-decisions', version: 1,
      reviewer: document.getElementById('reviewer').value.trim(),
      saved_at: nowIso(), decisions: list
    };
  }

  function save() {
    var text = JSON.stringify(decisionsFile(), null, 2) + '\n';
    lastSaved = text;
    var url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    var a = document.createElement('a');
    a.href = url;
    a.download = 'review-decisions.json';
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }
  var lastSaved = null;

  // ---------------------------------------------------------------- the panel
  function alternativesHtml(e) {
    var alts = e.cell.alternatives || [];
    if (!alts.length) return '<p class="note">The solver recorded no other reading.</p>';
    return '<table class="alts"><tr><th>reading</th><th>cost</th><th>why</th></tr>' +
      alts.map(function (a) {
        return '<tr class="' + (a.equally_cheap ? 'tie' : '') + '"><td>' + a.value + '</td><td>' +
          (a.cost === undefined ? '–' : a.cost) + '</td><td>' + esc(a.reason || 'as printed') +
          (a.equally_cheap ? ' <b>(equally cheap)</b>' : '') + '</td></tr>';
      }).join('') + '</table>';
  }

  function panel(e) {
    var c = e.cell, h = ['<h3>' + esc(e.row.gemeente || e.row.raw_gemeente) + ' · ' + esc(e.field) +
      '</h3>', '<div class="big">' + pictureHtml(c, 'bigcrop') + '</div>',
      '<dl><dt>read</dt><dd>' + esc(c.raw) + '</dd><dt>proposed</dt><dd><b>' +
      esc(e.field === 'gemeente' ? nameOf(proposed(e)) : proposed(e)) + '</b></dd>'];
    c.corrections.forEach(function (k) {
      h.push('<dt>correction</dt><dd>' + esc(k.from) + ' → ' + show(k.to) + ': ' + esc(k.reason) +
             (k.reviewer ? ' (' + esc(k.reviewer) + ', ' + esc(k.decided_at) + ')' : '') + '</dd>');
    });
    if (c.decided) h.push('<dt>decided</dt><dd>by ' + esc(c.decided.reviewer || 'a reviewer') +
                          ' at ' + esc(c.decided.decided_at) + '</dd>');
    h.push('</dl>');
    if (e.field === 'gemeente') {
      h.push('<p>Candidates: ' + (e.row.candidates || []).map(function (k) {
        return esc(k.name) + ' (' + esc(k.code) + ')';
      }).join(', ') + '</p>');
    } else {
      h.push(alternativesHtml(e));
    }
    h.push('<label>Value <input id="edit" type="text" autocomplete="off"></label>' +
           '<div id="edit-error"></div><p class="keys">n/↓ next · p/↑ previous · a/Enter accept · ' +
           'e or a digit: type another (Enter, Esc) · u undo · s save</p>');
    document.getElementById('panel').innerHTML = h.join('');
    var input = document.getElementById('edit');
    input.addEventListener('keydown', function (ev) {
      ev.stopPropagation();
      if (ev.key === 'Enter') {
        var p = parseTyped(e, input.value);
        if (p.error) { document.getElementById('edit-error').textContent = p.error; return; }
        decide(e, p.value, p.value === proposed(e) ? 'accept' : 'edit');
        stopEditing();
        move(1);
      } else if (ev.key === 'Escape') {
        stopEditing();
      }
    });
  }

  function stopEditing() {
    editing = false;
    var input = document.getElementById('edit');
    if (input) { input.value = ''; input.blur(); }
  }

  function select(i) {
    if (i < 0 || i >= cells.length) return;
    if (current >= 0) document.getElementById(cells[current].id).classList.remove('current');
    current = i;
    var td = document.getElementById(cells[i].id);
    td.classList.add('current');
    td.scrollIntoView({ block: 'center' });
    panel(cells[i]);
  }

  function move(step) {
    if (!walk.length) return;
    var pos = walk.indexOf(current);
    if (pos < 0) {
      pos = step > 0 ? -1 : walk.length;
      for (var k = 0; k < walk.length; k++) if (walk[k] > current) { pos = step > 0 ? k - 1 : k; break; }
    }
    pos = Math.min(walk.length - 1, Math.max(0, pos + step));
    select(walk[pos]);
  }

  function startEditing(first) {
    var input = document.getElementById('edit');
    if (!input) return;
    editing = true;
    input.value = first || '';
    input.focus();
  }

  function onKey(ev) {
    if (ev.target && ev.target.id === 'reviewer') {
      if (ev.key === 'Enter' || ev.key === 'Escape') ev.target.blur();
      return;
    }
    if (editing) return;
    var e = current >= 0 ? cells[current] : null, k = ev.key;
    if ((ev.ctrlKey || ev.metaKey) && k === 's') { ev.preventDefault(); save(); return; }
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    if (k === 'n' || k === 'j' || k === 'ArrowDown') move(1);
    else if (k === 'p' || k === 'k' || k === 'ArrowUp') move(-1);
    else if ((k === 'a' || k === 'Enter') && e) { decide(e, proposed(e), 'accept'); move(1); }
    else if (k === 'e' && e) startEditing('');
    else if (/^[0-9]$/.test(k) && e) startEditing(k);
    else if (k === 'u' && e) undo(e);
    else if (k === 's') save();
    else return;
    ev.preventDefault();
  }

  render();
  performance.mark('review-rendered');
  progress();
  document.addEventListener('keydown', onKey);
  document.getElementById('save').addEventListener('click', save);
  app.addEventListener('click', function (ev) {
    var td = ev.target.closest && ev.target.closest('td.cell');
    if (td && byId[td.id] !== undefined) select(byId[td.id]);
  });
  if (walk.length) select(walk[0]);
  // For tests and tools: the decisions as they would be saved.
  window.verdeelscanReview = {
    decisionsText: function () { return JSON.stringify(decisionsFile(), null, 2) + '\n'; },
    lastSaved: function () { return lastSaved; },
    doubtful: function () { return walk.length; },
    current: function () {
      if (current < 0) return null;
      var e = cells[current];
      return { record: e.table.key, row: e.r, field: e.field, proposed: proposed(e),
               doubtful: !!e.cell.doubtful };
    }
  };
  performance.mark('review-ready');
  document.body.setAttribute('data-ready', '1');
})();
