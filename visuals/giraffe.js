/* kgraph giraffe view: actors around issues, contact persons at the edge. */
(function () {
  "use strict";
  var K = window.kgraph;
  var _ = K._;

  K.builders.giraffe = function (v) {
    var root = document.getElementById(v.id);
    var container = document.getElementById(v.id + "-map");
    var details = document.getElementById(v.id + "-details");
    var nodes = new vis.DataSet(K.withTips(v.nodes));
    var edges = new vis.DataSet(K.withTips(v.edges));
    var network = new vis.Network(container, { nodes: nodes, edges: edges }, v.options);
    var byId = {};
    v.nodes.forEach(function (n) { byId[n.id] = n; });
    var state = { issue: v.controls.issue || "", kinds: null, factorKinds: null };

    function select(id) {
      K.showDetails(details, id ? v.details[id] : null);
      if (id && nodes.get(id)) { network.selectNodes([id]); } else { network.unselectAll(); }
    }

    function apply() {
      var shown = {};
      v.nodes.forEach(function (n) {
        if (n.kg_kind === "actor") {
          var kindOk = !state.kinds || state.kinds[n.actor_kind];
          var issueOk = !state.issue || n.issues.indexOf(state.issue) >= 0;
          if (kindOk && issueOk) { shown[n.id] = true; }
        } else if (n.kg_kind === "factor") {
          var fkOk = !state.factorKinds || state.factorKinds[n.factor_kind];
          if (fkOk && (!state.issue || n.issues.indexOf(state.issue) >= 0)) { shown[n.id] = true; }
        } else if (n.kg_kind === "issue") {
          if (!state.issue || n.id === state.issue) { shown[n.id] = true; }
        }
      });
      v.nodes.forEach(function (n) {
        if (n.kg_kind === "person") {
          if (n.actors.some(function (a) { return shown[a]; })) { shown[n.id] = true; }
        }
      });
      v.nodes.forEach(function (n) {
        if (n.kg_kind === "department") {
          if (n.persons.some(function (p) { return shown[p]; })) { shown[n.id] = true; }
        }
      });
      nodes.update(v.nodes.map(function (n) { return { id: n.id, hidden: !shown[n.id] }; }));
      edges.update(v.edges.map(function (e) {
        var ok = shown[e.from] && shown[e.to] && (!state.issue || !e.kg_issue || e.kg_issue === state.issue);
        return { id: e.id, hidden: !ok };
      }));
    }

    var box = document.getElementById(v.id + "-controls");
    K.clear(box);
    box.appendChild(K.el("h2", null, _("Filters")));
    var issueSel = K.select(box, _("Issue"), v.id + "-issue", [["", _("All issues")]].concat(v.controls.issues), state.issue,
      function (val) { state.issue = val; apply(); select(null); });
    var kindInputs = K.checks(box, _("Actor kind"), v.controls.kinds, function (on) { state.kinds = on; apply(); });
    var factorInputs = (v.controls.factor_kinds || []).length ?
      K.checks(box, _("Factor kind"), v.controls.factor_kinds, function (on) { state.factorKinds = on; apply(); }) : [];
    var names = [["", "\u2014 " + _("find an actor, issue, factor or person") + " \u2014"]].concat(v.controls.find);
    var findSel = K.select(box, _("Find"), v.id + "-find", names, "", function (val) {
      if (val) { select(val); network.focus(val, { scale: 1.1, animation: false }); }
    });

    K.showLegend(document.getElementById(v.id + "-legend"), v.legend);
    K.showDetails(details, null);
    network.on("click", function (p) { select(p.nodes.length ? p.nodes[0] : null); });
    K.toolbar(root, network, function () {
      state.issue = v.controls.issue || ""; state.kinds = null; state.factorKinds = null;
      issueSel.value = state.issue; findSel.value = "";
      kindInputs.forEach(function (i) { i.checked = true; });
      factorInputs.forEach(function (i) { i.checked = true; });
      apply(); select(null); network.fit({ animation: false });
    });
    apply();
    network.once("afterDrawing", function () { network.fit({ animation: false }); });
    // actors whose contact is overdue: a ring outside the dot (the fill stays the stance colour)
    var overdue = v.nodes.filter(function (n) { return n.kg_overdue; });
    var ring = (v.marks || {}).overdue;
    if (overdue.length && ring) {
      network.on("beforeDrawing", function (ctx) {
        var pos = network.getPositions(overdue.map(function (n) { return n.id; }));
        overdue.forEach(function (n) {
          var cur = nodes.get(n.id);
          if (!cur || cur.hidden || !pos[n.id]) { return; }
          ctx.beginPath();
          ctx.arc(pos[n.id].x, pos[n.id].y, n.size + ring.gap + ring.width / 2, 0, 2 * Math.PI);
          ctx.lineWidth = ring.width;
          ctx.strokeStyle = ring.colour;
          ctx.stroke();
        });
      });
    }
    return { network: network, nodes: nodes, edges: edges, select: select, data: v };
  };
})();
