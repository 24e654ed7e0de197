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

/* Zoom: the chart's size, and the level of hour labels its width allows (the thresholds of
   cs_html_scale_for in write_html_axis.c). "#zoom=4" or "#zoom=fit" in the address zooms
   on opening. */
(function () {
  var g = document.querySelector('.gantt svg');
  if (!g) return;
  var W = +g.getAttribute('width'), H = +g.getAttribute('height');
  var pph = +g.getAttribute('data-px-per-hour'), z = 1;
  var label = document.querySelector('.zoom .scale');
  function scaleFor(px) {
    return px >= 36 ? 'hour' : px >= 18 ? 'h2' : px * 8 >= 36 ? 'shift' : 'day';
  }
  var names = {hour: 'hours', h2: 'every 2 hours', shift: 'shifts', day: 'days'};
  function set(v) {
    z = Math.max(0.05, Math.min(8, v));
    g.style.width = (W * z) + 'px';
    g.style.height = (H * z) + 'px';
    var s = scaleFor(pph * z);
    g.setAttribute('data-scale', s);
    if (label) label.textContent = 'scale: ' + names[s];
  }
  function fit() { return g.parentNode.clientWidth / W; }
  var bs = document.querySelectorAll('.zoom button');
  for (var i = 0; i < bs.length; i++) bs[i].addEventListener('click', function () {
    var k = this.getAttribute('data-z');
    if (k === 'fit') set(fit());
    else if (k === 'in') set(z * 1.25);
    else if (k === 'out') set(z / 1.25);
    else set(1);
  });
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
