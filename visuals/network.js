/* kgraph network view: people, teams and departments with drill-down. */
(function () {
  "use strict";
  var K = window.kgraph;
  var _ = K._;

  K.builders.network = function (v) {
    var root = document.getElementById(v.id);
    var container = document.getElementById(v.id + "-map");
    var details = document.getElementById(v.id + "-details");
    var persons = K.withTips(v.persons);
    var groups = {};
    v.groups.forEach(function (g) {
      groups[g.id] = {
        id: g.id, label: g.label, shape: "dot", x: g.x, y: g.y, size: g.size, color: g.color,
        borderWidth: 2, font: { size: g.font, color: "#222222", strokeWidth: 3, strokeColor: "#ffffff" },
        title: K.tip(g.tip), kg_level: g.level, kg_parent: g.parent
      };
    });
    var state = { start: v.start, open: {} };
    var nodes = new vis.DataSet();
    var edges = new vis.DataSet();
    var network = new vis.Network(container, { nodes: nodes, edges: edges }, v.options);

    function rep(p) {
      if (state.start === "person") { return p.id; }
      if (state.start === "department" && !state.open[p.kg_dept]) { return p.kg_dept; }
      if (!state.open[p.kg_team]) { return p.kg_team; }
      return p.id;
    }

    function draw() {
      var shown = [];
      var seen = {};
      var reps = persons.map(rep);
      reps.forEach(function (r, i) {
        if (seen[r]) { return; }
        seen[r] = true;
        shown.push(groups[r] || persons[i]);
      });
      var agg = {};
      v.links.forEach(function (l) {
        var a = reps[l[0]], b = reps[l[1]];
        if (a === b) { return; }
        var key = a < b ? a + "\u0000" + b : b + "\u0000" + a;
        var e = agg[key];
        if (!e) { agg[key] = e = { from: a < b ? a : b, to: a < b ? b : a, n: 0, w: 0 }; }
        e.n += 1; e.w += l[2];
      });
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

    function toggle(id) {
      var g = groups[id];
      if (!g) { return false; }
      state.open[id] = true;
      draw();
      return true;
    }

    function collapse(id) {
      /* close the group a person or team belongs to */
      var p = null;
      persons.forEach(function (x) { if (x.id === id) { p = x; } });
      var target = p ? p.kg_team : (groups[id] && groups[id].kg_parent);
      if (target && state.open[target]) {
        delete state.open[target];
        if (groups[target].kg_level === "department") {
          Object.keys(state.open).forEach(function (k) { if (groups[k] && groups[k].kg_parent === target) { delete state.open[k]; } });
        }
        draw();
      }
    }

    var box = document.getElementById(v.id + "-controls");
    K.clear(box);
    box.appendChild(K.el("h2", null, _("View")));
    var levelSel = K.select(box, _("Open at"), v.id + "-level",
      [["department", _("Departments")], ["team", _("Teams")], ["person", _("People")]], state.start,
      function (val) { state.start = val; state.open = {}; draw(); select(null); network.fit({ animation: false }); });
    box.appendChild(K.el("p", "kg-muted", _("Click a department or team to open it; double-click a person or team to close its group.")));

    /* find a person, team or department: open the groups that hold it, zoom to it and select it */
    var byId = {};
    persons.forEach(function (p) { byId[p.id] = p; });
    function shownMembers(gid) {
      return persons.filter(function (p) { return p.kg_team === gid || p.kg_dept === gid; })
        .map(function (p) { return rep(p); })
        .filter(function (id, i, all) { return all.indexOf(id) === i && nodes.get(id); });
    }
    function find(id) {
      var p = byId[id], g = groups[id];
      if (p) {
        if (state.start !== "person") { state.open[p.kg_dept] = true; state.open[p.kg_team] = true; draw(); }
      } else if (g && g.kg_parent && state.start === "department" && !nodes.get(id) && !state.open[id]) {
        state.open[g.kg_parent] = true;
        draw();
      }
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
    var entries = persons.map(function (p) {
      var t = groups[p.kg_team];
      return [p.id, String(p.label), t ? String(t.label) : ""];
    }).concat((v.search || []).map(function (s) {
      var g = groups[s[0]];
      return [s[0], s[1], g ? (g.kg_level === "department" ? "department" : "team") : ""];
    }));
    var L = v.legend_text || {};
    K.searchBox(box, L.search || "Find", v.id + "-search", L.search_placeholder || "", entries, find, L.search_none);

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
      state.start = v.start; state.open = {}; levelSel.value = v.start;
      draw(); select(null); network.fit({ animation: false });
    });
    draw();
    network.once("afterDrawing", function () { network.fit({ animation: false }); });
    // linking pins and articulation points keep a readable label when vis-network's are too small
    K.overlayLabels(network, nodes, v.labels || [], { px: v.label_size || 11, threshold: 5 });
    return { network: network, nodes: nodes, edges: edges, select: select, open: toggle, find: find, data: v };
  };
})();
