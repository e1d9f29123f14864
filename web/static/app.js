/* Rebound dashboard behaviour. A plain deferred script: every page works
   without it; with it, charts are drawn, routes traced, uploads show
   progress and requests carry the CSRF header. It reads data from
   <script type="application/json"> blocks and never evaluates markup, so it
   runs under a strict Content-Security-Policy (script-src 'self';
   style-src 'self'). uPlot is loaded on demand, only on pages with charts. */
(function () {
  "use strict";

  var doc = document;
  var root = doc.documentElement;
  var self = doc.currentScript;
  root.classList.add("js");

  // ---------- CSRF ----------

  function csrfToken() {
    var m = doc.querySelector('meta[name="csrf-token"]');
    return m ? m.getAttribute("content") : "";
  }
  doc.addEventListener("htmx:configRequest", function (e) {
    e.detail.headers["X-CSRF-Token"] = csrfToken();
  });

  // ---------- small helpers ----------

  function readJSON(id) {
    var el = id && doc.getElementById(id);
    if (!el) return null;
    try {
      return JSON.parse(el.textContent);
    } catch (err) {
      console.error("rebound: bad JSON in #" + id, err);
      return null;
    }
  }

  function cssVar(name) {
    return getComputedStyle(root).getPropertyValue(name).trim();
  }

  function alpha(color, a) {
    var m = /^#([0-9a-f]{6})$/i.exec(color);
    if (!m) return color;
    var n = parseInt(m[1], 16);
    return "rgba(" + (n >> 16) + "," + ((n >> 8) & 255) + "," + (n & 255) + "," + a + ")";
  }

  function el(tag, cls, text) {
    var e = doc.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  var SVGNS = "http://www.w3.org/2000/svg";
  function svgEl(tag, attrs) {
    var e = doc.createElementNS(SVGNS, tag);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    return e;
  }

  // ---------- number formats ----------

  function pace(sec) {
    if (sec == null || !isFinite(sec)) return "–";
    var s = Math.round(sec);
    return Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
  }

  function decimalsOf(incr) {
    var s = String(+incr.toPrecision(6));
    var i = s.indexOf(".");
    return i < 0 ? 0 : Math.min(s.length - i - 1, 3);
  }

  function fixed(v, d) {
    return v.toLocaleString("en", { minimumFractionDigits: d, maximumFractionDigits: d }).replace("-", "−");
  }

  // formatter returns how a series' values read: value() in the legend,
  // tick() on an axis whose ticks are incr apart.
  function formatter(fmt, unit) {
    var suffix = unit ? (unit.charAt(0) === "/" ? " " + unit : " " + unit) : "";
    var f;
    switch (fmt) {
      case "pace": f = pace; break;
      case "int": f = function (v) { return fixed(v, 0); }; break;
      case "dec1": f = function (v) { return fixed(v, 1); }; break;
      case "dec2": f = function (v) { return fixed(v, 2); }; break;
      default: f = function (v) { return fixed(v, Math.abs(v) >= 10 ? 0 : 1); };
    }
    return {
      tick: function (v, incr) { return v == null ? "" : fmt === "pace" ? pace(v) : fixed(v, decimalsOf(incr || 1)); },
      value: function (v) { return v == null || !isFinite(v) ? "–" : f(v) + suffix; },
    };
  }

  // Dates read as the server writes them: "Tue 24 Nov", "24 Nov 14:00".
  var DAY = 86400;
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  var WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
  function two(n) { return String(n).padStart(2, "0"); }
  function dateFmt(d) { return d.getDate() + " " + MONTHS[d.getMonth()]; }
  function dayFmt(d) { return WEEKDAYS[d.getDay()] + " " + dateFmt(d); }
  function fullFmt(d) { return dayFmt(d) + " " + two(d.getHours()) + ":" + two(d.getMinutes()); }

  function timeTicks(u, splits, ai, space, incr) {
    return splits.map(function (ts) {
      var d = new Date(ts * 1000);
      if (incr >= 28 * DAY) return MONTHS[d.getMonth()] + " " + d.getFullYear();
      if (incr >= DAY) return dateFmt(d);
      return WEEKDAYS[d.getDay()] + " " + two(d.getHours()) + ":00";
    });
  }

  // ---------- sliders ----------

  function initSliders(scope) {
    scope.querySelectorAll(".slider").forEach(function (box) {
      var input = box.querySelector('input[type="range"]');
      var out = box.querySelector("output");
      if (!input || !out) return;
      input.addEventListener("input", function () { out.textContent = input.value; });
    });
  }

  // ---------- navigation ----------

  function revealActiveNav() {
    var nav = doc.querySelector(".nav");
    var cur = nav && nav.querySelector('[aria-current="page"]');
    if (!cur || nav.scrollWidth <= nav.clientWidth) return;
    nav.scrollLeft = cur.offsetLeft - (nav.clientWidth - cur.offsetWidth) / 2;
  }

  // ---------- route ----------

  function drawRoute(svg) {
    var pts = readJSON(svg.getAttribute("data-route"));
    if (!pts || pts.length < 2) return;
    var lat0 = 0;
    pts.forEach(function (p) { lat0 += p[0]; });
    lat0 = (lat0 / pts.length) * Math.PI / 180;
    var k = Math.cos(lat0);
    var xy = pts.map(function (p) { return [p[1] * k, -p[0]]; });
    var minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
    xy.forEach(function (p) {
      minX = Math.min(minX, p[0]); maxX = Math.max(maxX, p[0]);
      minY = Math.min(minY, p[1]); maxY = Math.max(maxY, p[1]);
    });
    var w = Math.max(maxX - minX, 1e-9), h = Math.max(maxY - minY, 1e-9);
    var W = 400, pad = 20;
    var H = Math.min(Math.max(W * h / w, 200), 360);
    var s = Math.min((W - 2 * pad) / w, (H - 2 * pad) / h);
    var ox = (W - w * s) / 2, oy = (H - h * s) / 2;
    var d = xy.map(function (p, i) {
      return (i ? "L" : "M") + (ox + (p[0] - minX) * s).toFixed(1) + " " + (oy + (p[1] - minY) * s).toFixed(1);
    }).join("");
    svg.setAttribute("viewBox", "0 0 " + W + " " + H.toFixed(0));
    svg.querySelectorAll(".route-shadow,.route-line,.route-start,.route-end").forEach(function (n) { n.remove(); });
    svg.appendChild(svgEl("path", { class: "route-shadow", d: d }));
    svg.appendChild(svgEl("path", { class: "route-line", d: d }));
    var first = d.slice(1).split("L")[0].split(" ");
    var last = d.slice(d.lastIndexOf("L") + 1).split(" ");
    var end = svgEl("circle", { class: "route-end", cx: last[0], cy: last[1], r: 6 });
    end.appendChild(svgEl("title", {})).textContent = "Finish";
    var start = svgEl("circle", { class: "route-start", cx: first[0], cy: first[1], r: 6 });
    start.appendChild(svgEl("title", {})).textContent = "Start";
    svg.appendChild(end);
    svg.appendChild(start);
  }

  // ---------- charts ----------
  //
  // Each kind turns its JSON into uPlot options and data, plus a legend:
  // a list of {label, color, dash, value(idx)} and x(idx) for the readout.
  // The legend shows the value under the cursor, or the latest values
  // when idle (idle: "last"), or just the labels (idle: "none").

  var charts = [];

  function theme() {
    return {
      text: cssVar("--text-2"),
      muted: cssVar("--text-3"),
      grid: cssVar("--grid"),
      surface: cssVar("--surface"),
      band: cssVar("--band"),
      font: "12px " + getComputedStyle(doc.body).fontFamily,
      colors: ["--c1", "--c2", "--c3", "--c4", "--c5", "--c6", "--c7"].map(cssVar),
    };
  }

  function axis(t, extra) {
    return Object.assign({
      size: 34,
      stroke: t.muted,
      font: t.font,
      grid: { stroke: t.grid, width: 1 },
      ticks: { stroke: t.grid, width: 1, size: 4 },
    }, extra || {});
  }

  function heightOf(box) {
    if (box.classList.contains("chart-sm")) return 150;
    if (box.classList.contains("chart-lg")) return 300;
    return 220;
  }

  var noPaths = function () { return null; };
  var px = function (v) { return v * (window.uPlot ? uPlot.pxRatio : 1); };

  function lastIndex(values) {
    for (var i = values.length - 1; i >= 0; i--) if (values[i] != null) return i;
    return null;
  }

  // quantile of the non-null values, q in 0..1.
  function quantile(values, q) {
    var v = values.filter(function (x) { return x != null && isFinite(x); }).sort(function (a, b) { return a - b; });
    if (!v.length) return null;
    return v[Math.min(v.length - 1, Math.max(0, Math.round(q * (v.length - 1))))];
  }

  // Pace spikes at every stop (a standing runner has an endless pace), so a
  // pace axis keeps to the running: the middle of the values, at most 40%
  // faster or 50% slower than the median; the legend gives the middle 80%.
  function robust(s) { return s.format === "pace"; }

  function robustRange(values) {
    var med = quantile(values, 0.5);
    if (med == null) return null;
    var lo = Math.max(quantile(values, 0.02), med * 0.6), hi = Math.min(quantile(values, 0.98), med * 1.5);
    var pad = Math.max((hi - lo) * 0.12, 5);
    return [lo - pad, hi + pad];
  }

  var PACE_INCRS = [5, 10, 15, 20, 30, 60, 120, 180, 300, 600, 900, 1800];

  function seriesLegend(d, t) {
    return (d.series || []).map(function (s, i) {
      var f = formatter(s.format, s.unit);
      return {
        label: s.label, color: t.colors[i % t.colors.length], dash: !!s.dash,
        value: function (idx) { return idx == null ? "" : f.value(s.values[idx]); },
        last: function () { return lastIndex(s.values); },
        range: function () {
          var lo = Infinity, hi = -Infinity;
          if (robust(s)) {
            lo = quantile(s.values, 0.1); hi = quantile(s.values, 0.9);
            if (lo == null) return "";
            return "mostly " + f.value(lo).replace(/ .*$/, "") + " – " + f.value(hi);
          }
          s.values.forEach(function (v) { if (v != null) { lo = Math.min(lo, v); hi = Math.max(hi, v); } });
          if (lo > hi) return "";
          return f.value(lo).replace(/ .*$/, "") + " – " + f.value(hi);
        },
      };
    });
  }

  // lines: {x, xLabel, xUnit, sync, series: [{label, unit, format, invert, area, dash, values}]}
  function linesChart(d, t) {
    var scales = { x: { time: false } };
    var xs = d.xUnit ? " " + d.xUnit : "";
    var axes = [axis(t, {
      values: function (u, splits, ai, space, incr) { return splits.map(function (v) { return fixed(v, decimalsOf(incr)) + xs; }); },
    })];
    var series = [{}];
    var seen = {};
    (d.series || []).forEach(function (s, i) {
      var key = s.unit || "y" + i;
      var f = formatter(s.format, s.unit);
      var color = t.colors[i % t.colors.length];
      if (!seen[key]) {
        seen[key] = true;
        scales[key] = { dir: s.invert ? -1 : 1 };
        if (robust(s)) {
          var r = robustRange(s.values);
          if (r) scales[key].range = r;
        }
        var n = Object.keys(seen).length;
        if (n <= 2) {
          axes.push(axis(t, {
            scale: key, side: n === 1 ? 3 : 1, size: 50, space: 24,
            incrs: s.format === "pace" ? PACE_INCRS : undefined,
            grid: { show: n === 1, stroke: t.grid, width: 1 },
            values: function (u, splits, ai, space, incr) { return splits.map(function (v) { return f.tick(v, incr); }); },
          }));
        }
      }
      series.push({
        label: s.label, scale: key, stroke: color, width: 2,
        fill: s.area ? alpha(color, 0.16) : undefined,
        dash: s.dash ? [6, 4] : undefined,
        points: { show: false },
      });
    });
    return {
      opts: { scales: scales, axes: axes, series: series, cursor: d.sync ? { sync: { key: d.sync } } : {} },
      data: [d.x].concat((d.series || []).map(function (s) { return s.values; })),
      legend: seriesLegend(d, t),
      x: function (idx) { return "at " + fixed(d.x[idx], 1) + xs; },
      idle: "range",
    };
  }

  // time: {x: [unix s], zero, band: {from, to, label}, series: [...]}
  function timeChart(d, t) {
    var f0 = formatter((d.series && d.series[0] && d.series[0].format) || "", "");
    var band = d.band;
    var scales = { x: { time: true }, y: {} };
    if (band) {
      scales.y.range = function (u, min, max) {
        var lo = Math.min(min, band.from), hi = Math.max(max, band.to);
        var pad = (hi - lo) * 0.1;
        return [lo - pad, hi + pad];
      };
    }
    var series = [{}];
    (d.series || []).forEach(function (s, i) {
      var color = t.colors[i % t.colors.length];
      series.push({
        label: s.label, stroke: color, width: 2,
        fill: s.area ? alpha(color, 0.14) : undefined,
        dash: s.dash ? [6, 4] : undefined,
        points: { show: false },
      });
    });
    var hooks = {
      drawAxes: [function (u) {
        var ctx = u.ctx, b = u.bbox;
        ctx.save();
        if (band) {
          var y1 = u.valToPos(band.to, "y", true), y2 = u.valToPos(band.from, "y", true);
          ctx.fillStyle = t.band;
          ctx.fillRect(b.left, y1, b.width, y2 - y1);
          if (band.label) {
            ctx.fillStyle = t.muted;
            ctx.font = px(11) + "px " + getComputedStyle(doc.body).fontFamily;
            ctx.textAlign = "right";
            ctx.textBaseline = "top";
            ctx.fillText(band.label, b.left + b.width - px(6), y1 + px(4));
          }
        }
        if (d.zero) {
          var y0 = u.valToPos(0, "y", true);
          if (y0 >= b.top && y0 <= b.top + b.height) {
            ctx.strokeStyle = t.muted;
            ctx.lineWidth = px(1);
            ctx.beginPath(); ctx.moveTo(b.left, y0); ctx.lineTo(b.left + b.width, y0); ctx.stroke();
          }
        }
        ctx.restore();
      }],
    };
    return {
      opts: {
        scales: scales, series: series, hooks: hooks,
        axes: [axis(t, { values: timeTicks, space: 56 }), axis(t, { size: 46, space: 24, values: function (u, s, ai, space, incr) { return s.map(function (v) { return f0.tick(v, incr); }); } })],
      },
      data: [d.x].concat((d.series || []).map(function (s) { return s.values; })),
      legend: seriesLegend(d, t),
      x: function (idx) { return dayFmt(new Date(d.x[idx] * 1000)); },
      idle: "last",
    };
  }

  // bars: {labels, over: [bool], series: [{label, unit, format, values}], guide: {label, values}}
  function barsChart(d, t) {
    var s0 = d.series[0];
    var f = formatter(s0.format, s0.unit);
    var n = s0.values.length;
    var x = [], normal = [], over = [];
    for (var i = 0; i < n; i++) {
      x.push(i);
      var hi = d.over && d.over[i];
      normal.push(hi ? null : s0.values[i]);
      over.push(hi ? s0.values[i] : null);
    }
    var bars = uPlot.paths.bars({ size: [0.62, 56], radius: 0.12 });
    var guide = d.guide;
    var series = [
      {},
      { label: s0.label, fill: alpha(t.colors[0], 0.85), stroke: t.colors[0], width: 0, paths: bars, points: { show: false } },
      { label: "Above the line", fill: alpha(t.colors[1], 0.9), stroke: t.colors[1], width: 0, paths: bars, points: { show: false } },
    ];
    var data = [x, normal, over];
    var legend = [
      { label: s0.label, color: t.colors[0], value: function (idx) { return idx == null ? "" : f.value(s0.values[idx]); }, last: function () { return n - 1; } },
      { label: "More than the line", color: t.colors[1] },
    ];
    if (guide) {
      series.push({ label: guide.label, stroke: t.text, width: 0, paths: noPaths, points: { show: false } });
      data.push(guide.values);
      legend.push({ label: guide.label, color: t.text, dash: true, value: function (idx) { return idx == null ? "" : f.value(guide.values[idx]); }, last: function () { return n - 1; } });
    }
    var hooks = {
      draw: [function (u) {
        if (!guide) return;
        var ctx = u.ctx;
        var half = Math.min(u.bbox.width / n * 0.62, px(56)) / 2 + px(4);
        ctx.save();
        ctx.strokeStyle = t.text;
        ctx.lineWidth = px(2);
        ctx.setLineDash([px(5), px(3)]);
        for (var i = 0; i < n; i++) {
          var v = guide.values[i];
          if (v == null) continue;
          var cx = u.valToPos(i, "x", true), cy = u.valToPos(v, "y", true);
          ctx.beginPath(); ctx.moveTo(cx - half, cy); ctx.lineTo(cx + half, cy); ctx.stroke();
        }
        ctx.restore();
      }],
    };
    return {
      opts: {
        scales: { x: { time: false, range: [-0.6, n - 0.4] }, y: { range: function (u, min, max) { return [0, Math.max(max, 1) * 1.12]; } } },
        series: series, hooks: hooks,
        axes: [
          axis(t, {
            grid: { show: false },
            splits: function (u) {
              var step = Math.max(1, Math.ceil(n * 58 / Math.max(u.bbox.width / px(1), 1)));
              return x.filter(function (i) { return (n - 1 - i) % step === 0; });
            },
            values: function (u, s) { return s.map(function (v) { return d.labels[v] || ""; }); },
          }),
          axis(t, { size: 44, space: 24, values: function (u, s, ai, space, incr) { return s.map(function (v) { return f.tick(v, incr); }); } }),
        ],
        cursor: { points: { show: false } },
      },
      data: data,
      legend: legend,
      x: function (idx) { return "Week of " + d.labels[idx]; },
      idle: "last",
    };
  }

  // forecast: {x: [unix s], now, series: [{label, values, checkins: [[t, v]]}], guides: [{value, label}]}
  function forecastChart(d, t) {
    var series = [{}];
    (d.series || []).forEach(function (s, i) {
      series.push({ label: s.label, stroke: t.colors[i % t.colors.length], width: 2, points: { show: false } });
    });
    var family = getComputedStyle(doc.body).fontFamily;
    var hooks = {
      drawAxes: [function (u) {
        var ctx = u.ctx, b = u.bbox;
        ctx.save();
        ctx.font = px(11) + "px " + family;
        (d.guides || []).forEach(function (g) {
          var y = u.valToPos(g.value, "y", true);
          ctx.strokeStyle = t.muted; ctx.lineWidth = px(1); ctx.setLineDash([px(4), px(4)]);
          ctx.beginPath(); ctx.moveTo(b.left, y); ctx.lineTo(b.left + b.width, y); ctx.stroke();
          ctx.fillStyle = t.muted; ctx.textAlign = "right"; ctx.textBaseline = "bottom";
          ctx.fillText(g.label, b.left + b.width - px(4), y - px(3));
        });
        if (d.now) {
          var x = u.valToPos(d.now, "x", true);
          if (x >= b.left && x <= b.left + b.width) {
            ctx.setLineDash([]);
            ctx.strokeStyle = t.text; ctx.lineWidth = px(1.5);
            ctx.beginPath(); ctx.moveTo(x, b.top); ctx.lineTo(x, b.top + b.height); ctx.stroke();
            ctx.fillStyle = t.text; ctx.textAlign = "left"; ctx.textBaseline = "top";
            ctx.fillText("now", x + px(4), b.top + px(2));
          }
        }
        ctx.restore();
      }],
      draw: [function (u) {
        var ctx = u.ctx;
        ctx.save();
        (d.series || []).forEach(function (s, i) {
          (s.checkins || []).forEach(function (p) {
            var x = u.valToPos(p[0], "x", true), y = u.valToPos(p[1], "y", true);
            ctx.beginPath(); ctx.arc(x, y, px(5), 0, 2 * Math.PI);
            ctx.fillStyle = t.colors[i % t.colors.length]; ctx.fill();
            ctx.lineWidth = px(2); ctx.strokeStyle = t.surface; ctx.stroke();
          });
        });
        ctx.restore();
      }],
    };
    var nowIdx = null;
    if (d.now) d.x.forEach(function (ts, i) { if (ts <= d.now) nowIdx = i; });
    var legend = seriesLegend({ series: (d.series || []).map(function (s) { return { label: s.label, values: s.values, format: "dec1" }; }) }, t);
    legend.forEach(function (l) { l.last = function () { return nowIdx; }; });
    return {
      opts: {
        scales: { x: { time: true }, y: { range: [0, 10] } },
        series: series, hooks: hooks,
        axes: [
          axis(t, { values: timeTicks, incrs: [DAY, 2 * DAY, 7 * DAY], space: 48 }),
          axis(t, { size: 32, splits: function () { return [0, 2, 4, 6, 8, 10]; } }),
        ],
      },
      data: [d.x].concat((d.series || []).map(function (s) { return s.values; })),
      legend: legend,
      x: function (idx) { return idx === nowIdx ? "Now" : fullFmt(new Date(d.x[idx] * 1000)); },
      idle: "last",
    };
  }

  var kinds = { lines: linesChart, time: timeChart, bars: barsChart, forecast: forecastChart };

  function buildLegend(box, c) {
    var wrap = el("div", "chart-legend");
    wrap.setAttribute("aria-hidden", "true");
    var xEl = el("span", "lg-x");
    wrap.appendChild(xEl);
    var vals = c.legend.map(function (l) {
      var item = el("span", "lg-item");
      var sw = el("span", "lg-swatch" + (l.dash ? " lg-dash" : ""));
      sw.style.color = l.color; // CSSOM, allowed by style-src 'self'
      item.appendChild(sw);
      item.appendChild(el("span", "lg-label", l.label));
      var v = el("span", "lg-value");
      item.appendChild(v);
      wrap.appendChild(item);
      return v;
    });
    box.appendChild(wrap);
    return function update(idx) {
      var idle = idx == null;
      var at = idx;
      if (idle && c.idle === "last") {
        at = null;
        c.legend.forEach(function (l) { if (l.last && at == null) at = l.last(); });
      }
      if (idle && c.idle === "range") {
        xEl.textContent = "";
        c.legend.forEach(function (l, i) { vals[i].textContent = l.range ? l.range() : ""; });
        return;
      }
      xEl.textContent = at == null ? "" : c.x(at);
      c.legend.forEach(function (l, i) { vals[i].textContent = at == null || !l.value ? "" : l.value(at); });
    };
  }

  function drawChart(box) {
    var data = readJSON(box.getAttribute("data-source"));
    var build = kinds[box.getAttribute("data-chart")];
    box.textContent = "";
    var xs = data && (data.x || data.labels);
    if (!build || !data || !data.series || !data.series.length || !xs || !xs.length) {
      box.appendChild(el("div", "chart-empty", "No data to chart yet"));
      return;
    }
    var t = theme();
    var c = build(data, t);
    var update = function () {};
    var opts = Object.assign({ width: Math.max(box.clientWidth, 200), height: heightOf(box) }, c.opts);
    opts.legend = { show: false };
    opts.cursor = Object.assign({ drag: { x: false, y: false } }, opts.cursor || {});
    opts.hooks = Object.assign({}, opts.hooks || {}, { setCursor: [function (u) { update(u.cursor.idx); }] });
    var u = new uPlot(opts, c.data, box);
    update = buildLegend(box, c);
    update(null);
    charts.push({ box: box, u: u });
  }

  function drawCharts() {
    charts.forEach(function (c) { c.u.destroy(); });
    charts = [];
    doc.querySelectorAll("[data-chart]").forEach(function (box) {
      try {
        drawChart(box);
      } catch (err) {
        console.error("rebound: chart #" + box.id, err);
      }
    });
  }

  function resizeCharts() {
    charts.forEach(function (c) {
      var w = Math.max(c.box.clientWidth, 200);
      if (w !== c.u.width) c.u.setSize({ width: w, height: c.u.height });
    });
  }

  function initCharts() {
    if (!doc.querySelector("[data-chart]")) return;
    var start = function () {
      drawCharts();
      var pending = 0;
      var onResize = function () {
        if (pending) return;
        pending = requestAnimationFrame(function () { pending = 0; resizeCharts(); });
      };
      if (window.ResizeObserver) {
        var ro = new ResizeObserver(onResize);
        doc.querySelectorAll("[data-chart]").forEach(function (b) { ro.observe(b); });
      } else {
        window.addEventListener("resize", onResize);
      }
      var mq = window.matchMedia("(prefers-color-scheme: dark)");
      if (mq.addEventListener) mq.addEventListener("change", drawCharts);
    };
    if (window.uPlot) return start();
    var src = self && self.getAttribute("data-uplot");
    if (!src) return;
    var s = doc.createElement("script");
    s.src = src;
    s.onload = start;
    doc.head.appendChild(s);
  }

  // ---------- upload ----------

  var ICONS = {
    file: '<path d="M14 2H6a2 2 0 0 0-2 2v16a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V8z"/><path d="M14 2v6h6"/>',
    ok: '<path d="M20 6 9 17l-5-5"/>',
    fail: '<circle cx="12" cy="12" r="10"/><path d="m15 9-6 6"/><path d="m9 9 6 6"/>',
    skip: '<circle cx="12" cy="12" r="10"/><path d="M8 12h8"/>',
  };

  function icon(name) {
    var s = svgEl("svg", { class: "icon", viewBox: "0 0 24 24", width: 20, height: 20, "aria-hidden": "true", fill: "none", stroke: "currentColor", "stroke-width": 2, "stroke-linecap": "round", "stroke-linejoin": "round" });
    s.innerHTML = ICONS[name];
    return s;
  }

  function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }

  function initUpload(form) {
    var url = form.getAttribute("data-upload");
    var input = form.querySelector('input[type="file"]');
    var list = form.querySelector(".uploads");
    var summary = form.querySelector(".dropzone-summary");
    var queue = [], active = 0, totals = null;
    var LIMIT = 2;

    function item(file) {
      var li = el("li", "upload-item");
      li.appendChild(icon("file"));
      li.appendChild(el("span", "upload-name", file.name));
      var state = el("span", "upload-state", "Waiting");
      li.appendChild(state);
      var bar = el("progress");
      bar.max = 100; bar.value = 0;
      bar.setAttribute("aria-label", "Uploading " + file.name);
      li.appendChild(bar);
      list.appendChild(li);
      return { li: li, state: state, bar: bar, file: file };
    }

    function finish(it, cls, iconName, text, details) {
      it.li.classList.add(cls);
      it.li.replaceChild(icon(iconName), it.li.firstChild);
      it.state.textContent = text;
      it.bar.remove();
      if (details && details.length) {
        var ul = el("ul", "upload-detail");
        details.slice(0, 12).forEach(function (d) { ul.appendChild(el("li", null, d)); });
        if (details.length > 12) ul.appendChild(el("li", null, "and " + (details.length - 12) + " more"));
        it.li.appendChild(ul);
      }
    }

    function report(it, res) {
      var imp = res.imported || 0, dup = res.duplicates || 0;
      var skipped = res.skipped || [], failed = res.failed || [];
      totals.imported += imp; totals.duplicates += dup; totals.skipped += skipped.length; totals.failed += failed.length;
      var many = imp + dup + skipped.length + failed.length > 1;
      var details = skipped.map(function (s) { return (many ? s.file + ": " : "Skipped: ") + s.reason; })
        .concat(failed.map(function (f) { return (many ? f.file + ": " : "") + f.error; }));
      var parts = [];
      if (imp) parts.push(imp === 1 && !many ? "Imported" : plural(imp, "imported", "imported"));
      if (dup) parts.push(dup === 1 && !many ? "Already imported" : plural(dup, "duplicate", "duplicates"));
      if (skipped.length) parts.push(plural(skipped.length, "skipped", "skipped"));
      if (failed.length) parts.push(plural(failed.length, "failed", "failed"));
      var text = parts.join(", ") || "Nothing to import";
      if (failed.length) finish(it, "is-fail", "fail", text, details);
      else if (skipped.length && !imp) finish(it, "is-skip", "skip", text, details);
      else if (!imp && dup) finish(it, "is-skip", "skip", text, details);
      else finish(it, "is-ok", "ok", text, details);
    }

    function send(it) {
      active++;
      var xhr = new XMLHttpRequest();
      var body = new FormData();
      body.append("csrf_token", csrfToken());
      body.append("files", it.file, it.file.name);
      xhr.open("POST", url);
      xhr.setRequestHeader("X-CSRF-Token", csrfToken());
      xhr.setRequestHeader("Accept", "application/json");
      it.state.textContent = "0%";
      xhr.upload.addEventListener("progress", function (e) {
        if (!e.lengthComputable) return;
        var p = Math.round(e.loaded / e.total * 100);
        it.bar.value = p;
        it.state.textContent = p < 100 ? p + "%" : "Importing…";
      });
      xhr.addEventListener("load", function () {
        var res = null;
        try { res = JSON.parse(xhr.responseText); } catch (err) { /* not JSON */ }
        if (xhr.status >= 200 && xhr.status < 300 && res) {
          report(it, res);
        } else {
          var msg = (res && (res.message || (res.error && (res.error.message || res.error)))) || ("The server answered " + xhr.status + (xhr.statusText ? " " + xhr.statusText : ""));
          totals.failed++;
          finish(it, "is-fail", "fail", "Failed", [String(msg)]);
        }
        done();
      });
      xhr.addEventListener("error", function () {
        totals.failed++;
        finish(it, "is-fail", "fail", "Failed", ["The upload was interrupted. Check the connection and try again."]);
        done();
      });
      xhr.send(body);
    }

    function done() {
      active--;
      pump();
      if (!active && !queue.length) {
        summary.textContent = "Done: " + [
          plural(totals.imported, "activity imported", "activities imported"),
          plural(totals.duplicates, "duplicate", "duplicates"),
          totals.skipped + " skipped",
          totals.failed + " failed",
        ].join(", ") + ".";
        totals = null;
      }
    }

    function pump() {
      while (active < LIMIT && queue.length) send(queue.shift());
    }

    function add(files) {
      if (!files || !files.length) return;
      if (!totals) totals = { imported: 0, duplicates: 0, skipped: 0, failed: 0 };
      summary.textContent = "Uploading " + plural(files.length, "file", "files") + "…";
      Array.prototype.forEach.call(files, function (f) { queue.push(item(f)); });
      pump();
    }

    input.addEventListener("change", function () { add(input.files); input.value = ""; });
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      add(input.files);
      input.value = "";
    });
    var depth = 0;
    form.addEventListener("dragenter", function (e) { e.preventDefault(); depth++; form.classList.add("is-over"); });
    form.addEventListener("dragover", function (e) { e.preventDefault(); e.dataTransfer.dropEffect = "copy"; });
    form.addEventListener("dragleave", function () { if (--depth <= 0) { depth = 0; form.classList.remove("is-over"); } });
    form.addEventListener("drop", function (e) {
      e.preventDefault();
      depth = 0;
      form.classList.remove("is-over");
      add(e.dataTransfer.files);
    });
  }

  // ---------- start ----------

  function init() {
    initSliders(doc);
    revealActiveNav();
    doc.querySelectorAll("svg[data-route]").forEach(drawRoute);
    doc.querySelectorAll("form[data-upload]").forEach(initUpload);
    initCharts();
  }
  doc.addEventListener("htmx:load", function (e) { initSliders(e.detail.elt); });
  if (doc.readyState === "loading") doc.addEventListener("DOMContentLoaded", init);
  else init();
})();
