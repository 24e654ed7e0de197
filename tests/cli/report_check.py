#!/usr/bin/env python3
"""report_check.py -- checks of report.html against the plan it shows, for t_report.sh.

usage: report_check.py shades|dues|crews REPORT PLAN_CSV [CREWS]
       report_check.py lit DOM ORDER     (the elements picked out in a rendered page)
       report_check.py hours BBOX        (the hour labels of a printed chart's axis, from
                                          pdftotext -bbox: the row with the most hh:00 words)
Prints one line per failure and exits 1 if any.
"""
import csv
import re
import sys
from datetime import datetime
from html.parser import HTMLParser


class Node:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent = tag, dict(attrs), parent
        self.children, self.text = [], ''

    def cls(self):
        return self.attrs.get('class', '').split()

    def walk(self):
        yield self
        for c in self.children:
            yield from c.walk()


VOID = {'meta', 'br', 'input', 'link', 'img', 'hr'}


class Tree(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node('root', {}, None)
        self.cur = self.root

    def handle_starttag(self, tag, attrs):
        n = Node(tag, attrs, self.cur)
        self.cur.children.append(n)
        if tag not in VOID:
            self.cur = n

    def handle_startendtag(self, tag, attrs):
        self.cur.children.append(Node(tag, attrs, self.cur))

    def handle_endtag(self, tag):
        n = self.cur
        while n is not None and n.tag != tag:
            n = n.parent
        if n is not None and n.parent is not None:
            self.cur = n.parent

    def handle_data(self, data):
        self.cur.text += data


def parse(path):
    t = Tree()
    with open(path, encoding='utf-8') as f:
        t.feed(f.read())
    return list(t.root.walk())


def plan_rows(path):
    with open(path, newline='') as f:
        return list(csv.DictReader(f))


def when(s):
    return datetime.strptime(s, '%Y-%m-%dT%H:%M')


failures = []


def fail(msg):
    failures.append(msg)


def lightness(hexcol):
    v = int(hexcol[1:], 16)
    return (v >> 16 & 255) + (v >> 8 & 255) + (v & 255)


def check_shades(nodes, plan):
    legend = {}   # product -> colour
    family_of = {}
    for g in (n for n in nodes if 'lgf' in n.cls()):
        fam = next((c.text for c in g.children if c.tag == 'b'), '')
        shades = []
        for s in (c for c in g.children if 'data-legend-product' in c.attrs):
            i = next(c for c in s.children if c.tag == 'i')
            col = re.search(r'background:(#[0-9a-f]{6})', i.attrs['style']).group(1)
            legend[s.attrs['data-legend-product']] = col
            family_of[s.attrs['data-legend-product']] = fam
            shades.append(col)
        if fam and len(set(shades)) != len(shades):
            fail(f'family {fam}: two products share a shade: {shades}')
        if fam and [lightness(c) for c in shades] != sorted((lightness(c) for c in shades), reverse=True):
            fail(f'family {fam}: legend not light to dark: {shades}')
        print(f'{fam}: ' + ' '.join(s.attrs['data-legend-product'] for s in g.children
                                    if 'data-legend-product' in s.attrs))
    made = {r['product_id'] for r in plan if r['kind'] == 'production'}
    for p in sorted(made - set(legend)):
        fail(f'product {p} made but not in the legend')
    labelled = 0
    wide = 0
    for g in (n for n in nodes if n.attrs.get('data-block') == 'production'):
        rect = next(c for c in g.children if c.tag == 'rect')
        prod = g.attrs.get('data-product')
        if legend.get(prod) != rect.attrs.get('fill'):
            fail(f'block {g.attrs.get("data-order")}: fill {rect.attrs.get("fill")}, '
                 f'legend {legend.get(prod)} for {prod}')
        label = g.attrs['data-order']
        if 'data-part' in g.attrs:
            label += ' ' + g.attrs['data-part']
        if float(rect.attrs['width']) >= len(label) * 6.4 + 8:
            wide += 1
            texts = [c.text for c in g.children if c.tag == 'text']
            if any(t.startswith(label) for t in texts):
                labelled += 1
            else:
                fail(f'block {label}: wide enough but no label')
    if wide == 0:
        fail('no block wide enough for a label')


def check_dues(nodes, plan):
    last = {}  # order -> (end, line, seq)
    for r in plan:
        if r['kind'] == 'production':
            k = (when(r['end']), r['line_id'], int(r['seq']))
            if r['order_id'] not in last or k[0] > last[r['order_id']][0]:
                last[r['order_id']] = k
    block = {}
    for g in (n for n in nodes if n.attrs.get('data-block') == 'production'):
        block[(g.attrs['data-line'], int(g.attrs['data-seq']))] = next(
            c for c in g.children if c.tag == 'rect')
    rows = {n.attrs['id']: n for n in nodes if n.tag == 'tr' and 'id' in n.attrs}
    dues = {}
    for g in (n for n in nodes if 'due' in n.cls() and 'data-due' in n.attrs):
        if g.attrs['data-due'] in dues:
            fail(f'order {g.attrs["data-due"]}: two due markers')
        dues[g.attrs['data-due']] = g
    n_label = 0
    for o, (end, line, seq) in sorted(last.items()):
        g = dues.get(o)
        if g is None:
            fail(f'order {o}: no due marker')
            continue
        a = next(c for c in g.children if c.tag == 'a')
        row = rows.get(a.attrs.get('href', '#')[1:])
        if row is None or row.attrs.get('data-order') != o:
            fail(f'order {o}: due marker links to {a.attrs.get("href")}, not to its row')
        elif ('late' in g.cls()) != ('late' in row.cls()):
            fail(f'order {o}: due marker and table row disagree on late')
        rect = block[(line, seq)]
        x_end = float(rect.attrs['x']) + float(rect.attrs['width'])
        y_bar = float(rect.attrs['y'])
        mark = next(c for c in a.children if 'mark' in c.cls())
        mx, my = (float(v) for v in re.match(r'M([-0-9.]+) ([-0-9.]+)', mark.attrs['d']).groups())
        # in the lane above the bar of the order's last block, in that line's row
        if not (y_bar - 16 <= my <= y_bar):
            fail(f'order {o}: due marker at y {my}, not above its block on {line} (y {y_bar})')
        whisk = [c for c in a.children if 'whisk' in c.cls()]
        if whisk:
            m = re.match(r'M([-0-9.]+) [-0-9.]+ V[-0-9.]+ H([-0-9.]+) V([-0-9.]+)', whisk[0].attrs['d'])
            if abs(float(m.group(1)) - mx) > 0.11 or abs(float(m.group(2)) - x_end) > 0.2 \
                    or abs(float(m.group(3)) - y_bar) > 0.11:
                fail(f'order {o}: whisker {whisk[0].attrs["d"]} does not join due {mx} to '
                     f'block end {x_end},{y_bar}')
        elif abs(mx - x_end) > 1.2:
            fail(f'order {o}: no whisker though due {mx} != block end {x_end}')
        if any(c.tag == 'text' and c.text == o for c in a.children):
            n_label += 1
    print(f'{len(last)} due markers, {n_label} labelled')
    if n_label * 2 < len(last):
        fail(f'only {n_label} of {len(last)} due markers are labelled')


def check_crews(nodes, plan, crews):
    rows = [n for n in nodes if 'data-crew-row' in n.attrs]
    need = {f'{r["line_id"]}:{r["seq"]}': (when(r['start']), when(r['end'])) for r in plan
            if r['kind'] != 'production' and int(r['minutes']) > 0 and r['end'] > r['start']}
    if crews == 0:
        if rows or any('data-crew' in n.attrs for n in nodes):
            fail('crew rows without limited crews')
        return
    if not 1 <= len(rows) <= crews:
        fail(f'{len(rows)} crew rows for {crews} crews')
    seen = {}
    for g in (n for n in nodes if 'data-crew-block' in n.attrs):
        b = g.attrs['data-crew-block']
        if b in seen:
            fail(f'block {b} drawn twice in the crew rows')
        seen[b] = int(g.attrs['data-crew'])
        if not 1 <= seen[b] <= len(rows):
            fail(f'block {b} on crew {seen[b]} of {len(rows)}')
    for b in sorted(set(need) - set(seen)):
        fail(f'crew block {b} not in a crew row')
    for b in sorted(set(seen) - set(need)):
        fail(f'{b} in a crew row but needs no crew')
    by_crew = {}
    for b, c in seen.items():
        if b in need:
            by_crew.setdefault(c, []).append(need[b] + (b,))
    for c, iv in by_crew.items():
        iv.sort()
        for a, b in zip(iv, iv[1:]):
            if b[0] < a[1]:
                fail(f'crew {c}: {a[2]} and {b[2]} overlap')
    # a line's wait for a crew ends when its block starts, and every crew is busy in it
    starts = {f'{r["line_id"]}:{r["seq"]}': when(r['start']) for r in plan}
    n_wait = 0
    for g in (n for n in nodes if 'data-wait' in n.attrs):
        n_wait += 1
        b = g.attrs['data-wait']
        title = next(c.text for c in g.children if c.tag == 'title')
        t0, t1 = (when(t.replace(' ', 'T')) for t in
                  re.findall(r'\d{4}-\d\d-\d\d \d\d:\d\d', title))
        if b not in need or t1 != starts[b]:
            fail(f'wait {b} ({title}) does not end at the start of a crew block')
        points = sorted({t0} | {s for s, e in need.values() if t0 <= s < t1})
        if not any(sum(s <= t < e for s, e in need.values()) >= crews for t in points):
            fail(f'wait {b} ({title}): a crew was free all along')
    print(f'{len(seen)} crew blocks on {len(rows)} crew rows, {n_wait} waits')


def check_lit(nodes, order):
    lit = [n for n in nodes if 'hl' in n.cls()]
    want = [n for n in nodes if n.attrs.get('data-order') == order or n.attrs.get('data-due') == order]
    if not lit:
        fail(f'nothing picked out for {order}')
    if set(map(id, lit)) != set(map(id, want)):
        fail(f'{len(lit)} elements picked out, {len(want)} belong to {order}')
    kinds = {n.tag for n in lit}
    if not {'g', 'tr'} <= kinds:
        fail(f'{order}: picked out {kinds}, not blocks, due marker and row')
    print(f'{order}: {len(lit)} elements picked out')


def print_hours(path):
    rows = {}
    with open(path, encoding='utf-8') as f:
        for y, word in re.findall(r'<word xMin="[0-9.]+" yMin="([0-9.]+)"[^>]*>([^<]*)</word>', f.read()):
            if re.fullmatch(r'\d\d:00', word):
                rows.setdefault(round(float(y)), []).append(word)
    if rows:
        print(' '.join(sorted(set(max(rows.values(), key=len)))))


def main():
    what = sys.argv[1]
    if what == 'hours':
        print_hours(sys.argv[2])
        return
    nodes = parse(sys.argv[2])
    if what == 'lit':
        check_lit(nodes, sys.argv[3])
    else:
        plan = plan_rows(sys.argv[3])
        if what == 'shades':
            check_shades(nodes, plan)
        elif what == 'dues':
            check_dues(nodes, plan)
        elif what == 'crews':
            check_crews(nodes, plan, int(sys.argv[4]))
        else:
            sys.exit(f'unknown check {what}')
    for f in failures:
        print('FAIL: ' + f)
    sys.exit(1 if failures else 0)


main()
