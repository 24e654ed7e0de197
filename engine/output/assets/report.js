/* report.html's script: sorting the order table, zooming the chart (with the time scale
   for the zoom), and picking out one order everywhere on hover. Embedded at build time. */

/* Sorting by a column; cells carry data-v with a sortable value where text would not do. */
(function () {
  var t = document.getElementById('orders');
  if (!t) return;
  var hs = t.tHead.rows[0].cells;
  for (var i = 0; i < hs.length; i++) (function (c, th) {
    th.addEventListener('click', function () {
      var asc = !th.classList.contains('asc');
      for (var k = 0; k < hs.length; k++) hs[k].classList.remove('asc', 'desc');
      th.classList.add(asc ? 'asc' : 'desc');
      var num = th.getAttribute('data-t') === 'n';
      var rows = Array.prototype.slice.call(t.tBodies[0].rows);
      function val(r) {
        var d = r.cells[c], v = d.getAttribute('data-v');
        if (v === null) v = d.textContent;
        return num ? (v === '' ? Infinity : parseFloat(v)) : v;
      }
      rows.sort(function (a, b) {
        var x = val(a), y = val(b);
        var r = num ? (x - y || 0) : String(x).localeCompare(String(y), undefined, {numeric: true});
        return asc ? r : -r;
      });
      rows.forEach(function (r) { t.tBodies[0].appendChild(r); });
    });
  })(i, hs[i]);
})();

/* Zoom: the time axis stretches sideways (the labels left of it and all text keep their
   size), and the level of hour labels follows the pixels per hour (the thresholds of
   cs_html_scale_for in write_html_axis.c). "#zoom=4" or "#zoom=fit" in the address zooms
   on opening. Printing prints the chart at 100 %, fitted to the page. */
(function () {
  var g = document.querySelector('.gantt svg');
  if (!g) return;
  var W = +g.getAttribute('width'), H = +g.getAttribute('height');
  var L = +g.getAttribute('data-label-w'), pph = +g.getAttribute('data-px-per-hour'), z = 1;
  var label = document.querySelector('.zoom .scale');
  function scaleFor(px) {
    return px >= 36 ? 'hour' : px >= 18 ? 'h2' : px * 8 >= 36 ? 'shift' : 'day';
  }
  var names = {hour: 'hours', h2: 'every 2 hours', shift: 'shifts', day: 'days'};
  function set(v) {
    z = Math.max(0.05, Math.min(20, v));
    var w = L + (W - L) * z;
    g.setAttribute('viewBox', '0 0 ' + w + ' ' + H);
    g.setAttribute('width', w);
    g.style.width = w + 'px';
    g.style.height = H + 'px';
    g.style.setProperty('--label-w', L + 'px');
    g.style.setProperty('--z', z);
    g.style.setProperty('--iz', 1 / z);
    g.classList.toggle('zo', z < 0.999);
    var s = scaleFor(pph * z);
    g.setAttribute('data-scale', s);
    if (label) label.textContent = 'scale: ' + names[s];
  }
  function fit() { return Math.max(0.05, (g.parentNode.clientWidth - L) / (W - L)); }
  var bs = document.querySelectorAll('.zoom button');
  for (var i = 0; i < bs.length; i++) bs[i].addEventListener('click', function () {
    var k = this.getAttribute('data-z');
    if (k === 'fit') set(fit());
    else if (k === 'in') set(z * 1.5);
    else if (k === 'out') set(z / 1.5);
    else set(1);
  });
  var before = 1;
  window.addEventListener('beforeprint', function () { before = z; set(1); });
  window.addEventListener('afterprint', function () { set(before); });
  var m = /zoom=(fit|[0-9.]+)/.exec(location.hash);
  if (m) set(m[1] === 'fit' ? fit() : +m[1]);
  else set(1);
})();

/* Hovering a block, a due marker or a table row picks out that order's blocks, due marker
   and row together. Zoom and order may be combined: "#zoom=4&order=ORD-019". */
(function () {
  var lit = [];
  function key(el) {
    while (el && el.getAttribute) {
      var o = el.getAttribute('data-order') || el.getAttribute('data-due');
      if (o !== null) return o;
      el = el.parentNode;
    }
    return null;
  }
  function clear() {
    lit.forEach(function (e) { e.classList.remove('hl'); });
    lit = [];
  }
  function light(o) {
    clear();
    if (o === null) return;
    var q = JSON.stringify(o);
    lit = Array.prototype.slice.call(
      document.querySelectorAll('[data-order=' + q + '],[data-due=' + q + ']'));
    lit.forEach(function (e) { e.classList.add('hl'); });
  }
  document.addEventListener('mouseover', function (ev) { light(key(ev.target)); });
  /* "#order=ID" in the address picks out an order on opening (a link to one order) */
  var m = /order=([^&]+)/.exec(location.hash);
  if (m) light(decodeURIComponent(m[1]));
})();
