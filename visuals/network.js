/* kgraph network view: people, teams and departments with drill-down.
 *
 * A large organisation comes packed (kgraph.views.network_pack): the page holds the
 * department nodes and the strongest ties between them; each department's teams,
 * people and ties are a gzip-compressed JSON block, decoded with the browser's own
 * DecompressionStream only when the department is opened or searched. */
(function () {
  "use strict";
  var K = window.kgraph;
  var _ = K._;
  var GOLDEN = Math.PI * (3 - Math.sqrt(5));

  /* one packed block (kgraph.views.network_pack): base85 text -> gzip -> [JSON length][JSON][ties as bytes].
   * No request: the bytes are in the page. Resolves to the JSON value, its ties in .a and .w. */
  var B85 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%.()*+-;:=,?@^_`{|}~";
  var B85_DIGIT = {};
  for (var d85 = 0; d85 < 85; d85++) { B85_DIGIT[B85.charCodeAt(d85)] = d85; }
  function bytesOf(text) {
    var n = text.length, full = Math.floor(n / 5), rest = n % 5;
    var out = new Uint8Array(full * 4 + (rest ? rest - 1 : 0)), o = 0;
    for (var i = 0; i < n; i += 5) {
      var v = 0;
      for (var k = 0; k < 5; k++) { v = v * 85 + (i + k < n ? B85_DIGIT[text.charCodeAt(i + k)] : 84); }
      var quad = [v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255];
      for (var q = 0; q < 4 && o < out.length; q++) { out[o++] = quad[q]; }
    }
    return out;
  }
  function unpack(text) {
    var stream = new Blob([bytesOf(text)]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Response(stream).arrayBuffer().then(function (buf) {
      var u = new Uint8Array(buf), n = ((u[0] << 24) >>> 0) + (u[1] << 16) + (u[2] << 8) + u[3], pos = 4 + n;
      var obj = JSON.parse(new TextDecoder().decode(u.subarray(4, pos)));
      function varint() {
        var x = 0, mul = 1, b;
        do { b = u[pos++]; x += (b & 127) * mul; mul *= 128; } while (b >= 128);
        return x;
      }
      if (obj.p) {
        var counts = obj.p.map(function () { return varint(); }), total = 0;
        obj.a = counts.map(function (c) {
          var list = [];
          for (var k = 0; k < c; k++) { var z = varint(); list.push(z % 2 ? -(z + 1) / 2 : z / 2); }
          total += c;
          return list;
        });
        if (obj.wb) { obj.w = Array.prototype.slice.call(u.subarray(pos, pos + total)); }
      }
      return obj;
    });
  }

  K.builders.network = function (v) {
    var root = document.getElementById(v.id);
    var container = document.getElementById(v.id + "-map");
    var details = document.getElementById(v.id + "-details");
    var P = v.packed || null;
    var persons = P ? [] : K.withTips(v.persons);   // by number; packed: filled as departments are decoded
    var groups = {};
    var byId = {};
    function addGroup(g) {
      groups[g.id] = {
        id: g.id, label: g.label, shape: "dot", x: g.x, y: g.y, size: g.size, color: g.color,
        borderWidth: 2, font: { size: g.font, color: "#222222", strokeWidth: 3, strokeColor: "#ffffff" },
        title: K.tip(g.tip), kg_level: g.level, kg_parent: g.parent
      };
    }
    v.groups.forEach(addGroup);
    persons.forEach(function (p) { byId[p.id] = p; });
    var state = { start: v.start, open: {} };
    var nodes = new vis.DataSet();
    var edges = new vis.DataSet();
    var network = new vis.Network(container, { nodes: nodes, edges: edges }, v.options);

    /* -- packed departments: which block holds person number i, decoding a block */
    var blocks = [], loading = {};
    function blockOf(i) {
      var lo = 0, hi = P.starts.length - 2;
      while (lo < hi) { var mid = (lo + hi + 1) >> 1; if (P.starts[mid] <= i) { lo = mid; } else { hi = mid - 1; } }
      return lo;
    }
    function deptOf(c) { return v.groups[c].id; }
    function decode(c, b) {
      var st = P.style, tx = P.texts, S = b.s, n = P.starts[c], row = 0, links = [], wi = 0;
      b.g.forEach(addGroup);
      Object.keys(b.d).forEach(function (k) { v.details[k] = b.d[k]; });
      b.t.forEach(function (t) {
        var tg = b.g[t[0]].id, team = S[t[1]], colour = S[t[5]];
        for (var k = 0; k < t[4]; k++, row++, n++) {
          var r = b.p[row], pin = r[6] >> 1, ap = (r[6] & 1) === 1, rad = st.spacing * Math.sqrt(k + 0.5);
          var func = S[r[2]], tip = r[1] + "\n" + func + "\n" + team + (pin ? "\n" + tx.pin_tip[pin] : "") + (ap ? "\n" + tx.ap : "");
          var p = {
            id: r[0], label: r[1], shape: ap ? "star" : "dot", size: ap ? st.person_cut : pin ? st.person_pin : st.person,
            x: Math.round((t[2] + rad * Math.cos(k * GOLDEN)) * 10) / 10, y: Math.round((t[3] + rad * Math.sin(k * GOLDEN)) * 10) / 10,
            color: { background: colour, border: ap ? st.border_cut : pin ? st.border_pin : st.border },
            borderWidth: ap || pin ? st.pin_border : 1, font: { size: st.person_font, color: st.text },
            kg_level: "person", kg_team: tg, kg_dept: deptOf(c), title: K.tip(tip)
          };
          persons[n] = p;
          byId[p.id] = p;
          v.details[p.id] = {
            title: r[1], subtitle: K.fmt(tx.person, { id: r[0] }),
            flags: (pin ? [tx.pin_flag[pin]] : []).concat(ap ? [tx.ap] : []),
            fields: [[tx["function"], func || null], [tx.team, S[r[3]] || null], [tx.department, S[r[4]] || null],
                     [tx.betweenness, S[r[5]] || null]]
          };
          var prev = n;
          b.a[row].forEach(function (d) { prev += d; links.push([n, prev, b.w[wi++]]); });
        }
      });
      blocks[c] = links;
    }
    function load(c) {
      if (!P || blocks[c]) { return Promise.resolve(); }
      if (!loading[c]) { loading[c] = unpack(P.blocks[c]).then(function (b) { decode(c, b); }); }
      return loading[c];
    }
    /* run fn once the blocks cs are decoded: at once when they are (or nothing is packed) */
    function withBlocks(cs, fn) {
      if (!P || cs.every(function (c) { return blocks[c]; })) { return Promise.resolve(fn()); }
      return Promise.all(cs.map(load)).then(fn);
    }
    function allBlocks() { return P ? P.blocks.map(function (b, c) { return c; }) : []; }
    var chunkOfGroup = {};
    if (P) { v.groups.forEach(function (g, c) { chunkOfGroup[g.id] = c; }); }

    function rep(p) {
      if (state.start === "person") { return p.id; }
      if (state.start === "department" && !state.open[p.kg_dept]) { return p.kg_dept; }
      if (!state.open[p.kg_team]) { return p.kg_team; }
      return p.id;
    }
    function closed(c) { return state.start === "department" && !state.open[deptOf(c)]; }

    function draw() {
      var shown = [], seen = {}, agg = {};
      function show(r, node) { if (!seen[r]) { seen[r] = true; shown.push(node); } }
      function add(a, b, n, w) {
        if (a === b) { return; }
        var key = a < b ? a + "\u0000" + b : b + "\u0000" + a;
        var e = agg[key];
        if (!e) { agg[key] = e = { from: a < b ? a : b, to: a < b ? b : a, n: 0, w: 0 }; }
        e.n += n; e.w += w;
      }
      if (!P) {
        var reps = persons.map(rep);
        reps.forEach(function (r, i) { show(r, groups[r] || persons[i]); });
        v.links.forEach(function (l) { add(reps[l[0]], reps[l[1]], 1, l[2]); });
      } else {
        var shut = v.groups.map(function (g, c) { return closed(c); });
        var repOf = function (i) { var c = blockOf(i); return shut[c] ? deptOf(c) : rep(persons[i]); };
        v.groups.forEach(function (g, c) {
          if (shut[c]) { show(g.id, groups[g.id]); return; }
          for (var i = P.starts[c]; i < P.starts[c + 1]; i++) { var r = rep(persons[i]); show(r, groups[r] || persons[i]); }
        });
        P.group_ties.forEach(function (t) { if (shut[t[0]] && shut[t[1]]) { add(deptOf(t[0]), deptOf(t[1]), t[2], 0); } });
        v.groups.forEach(function (g, c) {
          if (shut[c]) { return; }
          blocks[c].forEach(function (l) {
            var cb = blockOf(l[1]);
            if (cb !== c && !shut[cb] && cb < c) { return; }  // drawn from the other department's block
            add(rep(persons[l[0]]), repOf(l[1]), 1, l[2]);
          });
        });
      }
      var list = [];
      Object.keys(agg).sort().forEach(function (key, k) {
        var e = agg[key];
        var grouped = !!(groups[e.from] || groups[e.to]);
        list.push({ id: "l" + k, from: e.from, to: e.to, width: grouped ? Math.min(12, 1 + 1.6 * Math.log(1 + e.n)) : Math.min(6, 0.6 + 0.5 * e.w),
                    title: K.tip(grouped ? K.fmt(K.ngettext("{n} pair with a work tie", "{n} pairs with a work tie", e.n), { n: e.n })
                                         : K.fmt(_("work tie, weight {w}"), { w: e.w })) });
      });
      nodes.clear(); edges.clear();
      nodes.add(shown);
      edges.add(list);
    }

    function select(id) {
      K.showDetails(details, id ? v.details[id] : null);
      if (id && nodes.get(id)) { network.selectNodes([id]); } else { network.unselectAll(); }
    }

    /* open a department or team node (packed: once its block is decoded) */
    function toggle(id) {
      var g = groups[id];
      if (!g) { return false; }
      return withBlocks(id in chunkOfGroup ? [chunkOfGroup[id]] : [], function () {
        state.open[id] = true;
        draw();
        return true;
      });
    }

    function collapse(id) {
      /* close the group a person or team belongs to */
      var p = byId[id];
      var target = p ? p.kg_team : (groups[id] && groups[id].kg_parent);
      if (target && state.open[target]) {
        delete state.open[target];
        if (groups[target].kg_level === "department") {
          Object.keys(state.open).forEach(function (k) { if (groups[k] && groups[k].kg_parent === target) { delete state.open[k]; } });
        }
        draw();
      }
    }

    function setLevel(val) {
      return withBlocks(val === "department" ? [] : allBlocks(), function () {
        state.start = val; state.open = {}; draw(); select(null); network.fit({ animation: false });
      });
    }
    var box = document.getElementById(v.id + "-controls");
    K.clear(box);
    box.appendChild(K.el("h2", null, _("View")));
    var levelSel = K.select(box, _("Open at"), v.id + "-level",
      [["department", _("Departments")], ["team", _("Teams")], ["person", _("People")]], state.start, setLevel);
    box.appendChild(K.el("p", "kg-muted", _("Click a department or team to open it; double-click a person or team to close its group.")));

    /* find a person, team or department: open the groups that hold it, zoom to it and select it */
    function shownMembers(gid) {
      var out = [], seen = {};
      persons.forEach(function (p) {
        if (p.kg_team !== gid && p.kg_dept !== gid) { return; }
        var r = rep(p);
        if (!seen[r] && nodes.get(r)) { seen[r] = true; out.push(r); }
      });
      return out;
    }
    function focus(id) {
      var p = byId[id];
      if (nodes.get(id)) {
        network.focus(id, { scale: Math.max(network.getScale(), p ? 1.3 : 0.8), animation: false });
        select(id);
        return;
      }
      var members = shownMembers(id);  // a team or department shown as its people
      if (members.length) {
        network.fit({ nodes: members, animation: false });
        network.selectNodes(members);
        K.showDetails(details, v.details[id] || null);
      }
    }
    var personBlock = {}, unitBlock = {};  // packed: the block of a person or unit not decoded yet
    function find(id) {
      var c = id in personBlock ? personBlock[id] : id in unitBlock ? unitBlock[id] : null;
      return withBlocks(c === null ? [] : [c], function () {
        var p = byId[id], g = groups[id];
        if (p) {
          if (state.start !== "person") { state.open[p.kg_dept] = true; state.open[p.kg_team] = true; draw(); }
        } else if (g && g.kg_parent && state.start === "department" && !nodes.get(id) && !state.open[id]) {
          state.open[g.kg_parent] = true;
          draw();
        }
        focus(id);
      });
    }
    function units() {
      return (v.search || []).map(function (s) {
        var g = groups[s[0]];
        if (s.length > 2) { unitBlock[s[0]] = s[2]; }
        return [s[0], s[1], g ? (g.kg_level === "department" ? "department" : "team") : (s.length > 2 ? "team" : "")];
      });
    }
    var L = v.legend_text || {};
    function searchBox(people) {
      K.searchBox(box, L.search || "Find", v.id + "-search", L.search_placeholder || "", people.concat(units()), find, L.search_none);
    }
    var ready, labels = (v.labels || []).slice();
    if (!P) {
      searchBox(persons.map(function (p) {
        var t = groups[p.kg_team];
        return [p.id, String(p.label), t ? String(t.label) : ""];
      }));
      ready = Promise.resolve();
    } else {  // the search, the departments' details and the labels: one block, decoded once the map is drawn
      ready = unpack(P.index).then(function (ix) {
        Object.keys(ix.details).forEach(function (k) { v.details[k] = ix.details[k]; });
        Array.prototype.push.apply(labels, ix.labels);
        v.search = ix.search;
        searchBox(ix.i.map(function (pid, i) {
          var c = blockOf(i);
          personBlock[pid] = c;
          return [pid, String(ix.n[i]), String(v.groups[c].label)];
        }));
      });
    }

    K.showLegend(document.getElementById(v.id + "-legend"), v.legend);
    K.showDetails(details, null);
    network.on("click", function (p) {
      if (!p.nodes.length) { select(null); return; }
      var id = p.nodes[0];
      K.showDetails(details, v.details[id]);
      if (groups[id]) { toggle(id); }
    });
    network.on("doubleClick", function (p) { if (p.nodes.length) { collapse(p.nodes[0]); } });
    K.toolbar(root, network, function () {
      levelSel.value = v.start;
      setLevel(v.start);
    });
    if (state.start !== "department" && P) {
      ready = Promise.all([ready, setLevel(state.start)]);
    } else {
      draw();
    }
    network.once("afterDrawing", function () { network.fit({ animation: false }); });
    // linking pins and articulation points keep a readable label when vis-network's are too small
    K.overlayLabels(network, nodes, labels, { px: v.label_size || 11, threshold: 5 });
    return { network: network, nodes: nodes, edges: edges, select: select, open: toggle, find: find, data: v, ready: ready,
             loaded: function () { return blocks.filter(Boolean).length; } };
  };
})();
