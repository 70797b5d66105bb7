/* kgraph views: shared runtime (inlined into every page; no network access).
 *
 * Every user string reaches the page through textContent or a canvas label,
 * never through HTML parsing: markup in the data is shown as text.
 */
(function () {
  "use strict";
  var K = window.kgraph = window.kgraph || {};
  K.views = {};
  K.builders = K.builders || {};
  K.i18n = {};

  /* Words on the page in the reader's language: the page carries the translations of
   * every _("...") and ngettext("...", "...", n) of these scripts (kgraph.views.html). */
  K._ = function (text) {
    var t = K.i18n[text];
    return typeof t === "string" ? t : text;
  };
  K.ngettext = function (one, many, n) {
    var t = K.i18n[one];
    if (t && t.length === 2) { return n === 1 ? t[0] : t[1]; }
    return n === 1 ? one : many;
  };
  /* "{n} ties" with {n} filled in. */
  K.fmt = function (text, values) {
    return text.replace(/\{(\w+)\}/g, function (m, k) { return values[k] === undefined ? m : String(values[k]); });
  };
  var _ = K._;

  /* An element with text content (never parsed as HTML). */
  K.el = function (tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  };

  K.clear = function (node) {
    while (node.firstChild) { node.removeChild(node.firstChild); }
    return node;
  };

  /* A tooltip for vis-network: an element, so the text is never parsed as HTML. */
  K.tip = function (text) {
    var e = K.el("div", "kg-tip", text);
    e.style.whiteSpace = "pre-line";
    return e;
  };

  /* Details panel: {title, subtitle, flags: [..], fields: [[k, v]], sections: [[heading, [lines]]]} */
  K.showDetails = function (box, d) {
    K.clear(box);
    box.appendChild(K.el("h2", null, _("Details")));
    if (!d) {
      box.appendChild(K.el("p", "kg-muted", _("Click a node on the map to see its details.")));
      return;
    }
    box.appendChild(K.el("h3", "kg-details-title", d.title));
    if (d.subtitle) { box.appendChild(K.el("p", "kg-subtitle", d.subtitle)); }
    (d.flags || []).forEach(function (f) { box.appendChild(K.el("span", "kg-flag", f)); });
    if (d.fields && d.fields.length) {
      var dl = K.el("dl");
      d.fields.forEach(function (kv) {
        if (kv[1] === null || kv[1] === undefined || kv[1] === "") { return; }
        dl.appendChild(K.el("dt", null, kv[0]));
        dl.appendChild(K.el("dd", null, kv[1]));
      });
      box.appendChild(dl);
    }
    (d.sections || []).forEach(function (s) {
      if (!s[1] || !s[1].length) { return; }
      box.appendChild(K.el("h4", null, s[0]));
      var ul = K.el("ul");
      s[1].forEach(function (line) { ul.appendChild(K.el("li", null, line)); });
      box.appendChild(ul);
    });
  };

  /* Legend: {title, items: [{swatch, colour, line, label}]} */
  K.showLegend = function (box, legend) {
    K.clear(box);
    box.appendChild(K.el("h2", null, legend.title || _("Legend")));
    (legend.groups || []).forEach(function (g) {
      if (g.heading) { box.appendChild(K.el("h4", null, g.heading)); }
      var ul = K.el("ul");
      g.items.forEach(function (it) {
        var li = K.el("li");
        var sw;
        if (it.line) {
          sw = K.el("span", "kg-line " + it.line);
          sw.style.borderTopColor = it.colour || "#999";
        } else if (it.swatch === "star") {
          sw = K.el("span", "kg-swatch star", "\u2605");
        } else {
          sw = K.el("span", "kg-swatch " + (it.swatch || ""), it.text);
          if (it.colour) { sw.style.background = it.colour; }
          if (it.border) { sw.style.borderColor = it.border; }
        }
        li.appendChild(sw);
        li.appendChild(K.el("span", null, it.label));
        ul.appendChild(li);
      });
      box.appendChild(ul);
    });
    if (legend.note) { box.appendChild(K.el("p", "kg-muted", legend.note)); }
  };

  /* A <select> with options [[value, label]]. */
  K.select = function (box, label, id, options, value, onChange) {
    var l = K.el("label", null, label);
    l.htmlFor = id;
    var s = K.el("select");
    s.id = id;
    options.forEach(function (o) {
      var opt = K.el("option", null, o[1]);
      opt.value = o[0];
      s.appendChild(opt);
    });
    s.value = value || "";
    s.addEventListener("change", function () { onChange(s.value); });
    box.appendChild(l);
    box.appendChild(s);
    return s;
  };

  /* Checkboxes [[value, label]], all checked; onChange(set of checked values). */
  K.checks = function (box, label, options, onChange) {
    box.appendChild(K.el("label", null, label));
    var wrap = K.el("div", "kg-checks");
    var inputs = [];
    options.forEach(function (o) {
      var l = K.el("label");
      var c = document.createElement("input");
      c.type = "checkbox";
      c.checked = true;
      c.value = o[0];
      c.addEventListener("change", function () {
        var on = {};
        inputs.forEach(function (i) { if (i.checked) { on[i.value] = true; } });
        onChange(on);
      });
      inputs.push(c);
      l.appendChild(c);
      l.appendChild(document.createTextNode(o[1]));
      wrap.appendChild(l);
    });
    box.appendChild(wrap);
    return inputs;
  };

  /* Turn the kg_tip text of nodes/edges into tooltip elements. */
  K.withTips = function (items) {
    return items.map(function (it) {
      var copy = Object.assign({}, it);
      if (copy.kg_tip) { copy.title = K.tip(copy.kg_tip); }
      return copy;
    });
  };

  K.toolbar = function (root, network, onReset) {
    root.querySelectorAll(".kg-toolbar .kg-btn").forEach(function (b) {
      b.addEventListener("click", function () {
        if (b.getAttribute("data-action") === "fit") { network.fit({ animation: false }); }
        else if (onReset) { onReset(); }
      });
    });
  };

  /* Labels that stay readable at any zoom: for the nodes in `order` (most important first) whose own
   * label vis-network does not draw (smaller than opts.threshold pixels on screen), a label of
   * opts.px pixels under the node, where it overlaps no label placed before. opts.only(node)
   * picks the nodes that qualify. */
  K.overlayLabels = function (network, nodes, order, opts) {
    network.on("afterDrawing", function (ctx) {
      var scale = network.getScale();
      var ids = order.filter(function (id) {
        var n = nodes.get(id);
        return n && !n.hidden && (!opts.only || opts.only(n)) && ((n.font && n.font.size) || 14) * scale < opts.threshold;
      });
      if (!ids.length) { return; }
      var pos = network.getPositions(ids);
      var placed = [];
      ctx.save();
      ctx.font = "600 " + (opts.px / scale) + "px system-ui, -apple-system, Arial, sans-serif";
      ctx.textAlign = "center";
      ctx.textBaseline = "top";
      ctx.lineJoin = "round";
      ctx.lineWidth = 3 / scale;
      ctx.strokeStyle = "#ffffff";
      ctx.fillStyle = "#222222";
      ids.forEach(function (id) {
        var n = nodes.get(id), p = pos[id];
        if (!p) { return; }
        var text = String(n.label || "");
        var w = ctx.measureText(text).width * scale, h = opts.px * 1.25;
        var c = network.canvasToDOM(p);
        var top = c.y + (n.size || 8) * scale + 2;
        var box = [c.x - w / 2, top, c.x + w / 2, top + h];
        if (placed.some(function (b) { return box[0] < b[2] && b[0] < box[2] && box[1] < b[3] && b[1] < box[3]; })) { return; }
        placed.push(box);
        var y = p.y + (n.size || 8) + 2 / scale;
        ctx.strokeText(text, p.x, y);
        ctx.fillText(text, p.x, y);
      });
      ctx.restore();
    });
  };

  /* Text compared without case or accents. */
  K.fold = function (s) {
    return String(s || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  };

  /* A search box: entries [[id, text, hint]]; onFind(id, text) on Enter or on picking a suggestion.
   * Exact text first, then the start of a text, then anywhere in it; the suggestions are the first 20. */
  K.searchBox = function (box, label, id, placeholder, entries, onFind, noneText) {
    var l = K.el("label", null, label);
    l.htmlFor = id;
    var input = document.createElement("input");
    input.type = "search";
    input.id = id;
    input.placeholder = placeholder || "";
    input.setAttribute("list", id + "-list");
    input.setAttribute("autocomplete", "off");
    var list = document.createElement("datalist");
    list.id = id + "-list";
    var status = K.el("p", "kg-note");
    status.setAttribute("aria-live", "polite");
    var folded = entries.map(function (e) { return K.fold(e[1]); });
    function matches(q) {
      var f = K.fold(q), out = [[], [], []];
      if (!f) { return []; }
      folded.forEach(function (t, i) {
        if (t === f) { out[0].push(i); } else if (t.indexOf(f) === 0) { out[1].push(i); } else if (t.indexOf(f) >= 0) { out[2].push(i); }
      });
      return out[0].concat(out[1], out[2]);
    }
    function suggest() {
      K.clear(list);
      matches(input.value).slice(0, 20).forEach(function (i) {
        var o = document.createElement("option");
        o.value = entries[i][1];
        if (entries[i][2]) { o.label = entries[i][2]; }
        list.appendChild(o);
      });
    }
    var last = null;
    function find() {
      var hits = matches(input.value);
      if (!hits.length) { status.textContent = (noneText || "Not found:") + " " + input.value; return; }
      var e = entries[hits[0]];
      if (last === e[0] + "\u0000" + input.value) { return; }
      last = e[0] + "\u0000" + input.value;
      status.textContent = e[1] + (e[2] ? " \u00b7 " + e[2] : "");
      onFind(e[0], e[1]);
    }
    input.addEventListener("input", function () { last = null; suggest(); });
    input.addEventListener("keydown", function (ev) { if (ev.key === "Enter") { ev.preventDefault(); find(); } });
    input.addEventListener("change", find);
    box.appendChild(l);
    box.appendChild(input);
    box.appendChild(list);
    box.appendChild(status);
    return input;
  };

  K.boot = function () {
    var data = JSON.parse(document.getElementById("kgraph-data").textContent);
    K.i18n = data.i18n || {};
    var waits = [];
    (data.views || []).forEach(function (v) {
      var build = K.builders[v.kind];
      if (build) {
        K.views[v.id] = build(v);
        if (K.views[v.id].ready) { waits.push(K.views[v.id].ready); }  // a view that decodes part of its data later
      }
    });
    var first = (data.views || [])[0];
    if (first && K.views[first.id]) {
      window.network = K.views[first.id].network;
    }
    // the maps are drawn: the static copies now show only in print
    document.documentElement.classList.add("kg-js");
    function done() { window.kgraphReady = true; }
    if (waits.length) { Promise.all(waits).then(done, function (e) { done(); throw e; }); } else { done(); }
  };
})();
