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
    var placedFor = null;

    /* the layout of the issue filtered on (computed in Python), or the one of all issues */
    function place() {
      if (placedFor === state.issue) { return false; }
      placedFor = state.issue;
      var lay = (state.issue && v.layouts && v.layouts[state.issue]) || null;
      nodes.update(v.nodes.map(function (n) {
        var xy = lay && lay[n.id];
        return { id: n.id, x: xy ? xy[0] : n.x, y: xy ? xy[1] : n.y };
      }));
      return true;
    }

    function select(id) {
      K.showDetails(details, id ? v.details[id] : null);
      if (id && nodes.get(id)) { network.selectNodes([id]); } else { network.unselectAll(); }
    }

    function apply() {
      var moved = place();
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
      if (moved) { network.fit({ animation: false }); }
    }

    var box = document.getElementById(v.id + "-controls");
    K.clear(box);
    box.appendChild(K.el("h2", null, _("Filters")));
    var issueSel = K.select(box, _("Issue"), v.id + "-issue", [["", _("All issues")]].concat(v.controls.issues), state.issue,
      function (val) { state.issue = val; apply(); select(null); note.hidden = state.issue !== v.controls.issue; });
    var note = K.el("p", "kg-note", v.controls.note || "");
    note.hidden = !v.controls.note;
    box.appendChild(note);
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
      note.hidden = !v.controls.note;
      factorInputs.forEach(function (i) { i.checked = true; });
      apply(); select(null); network.fit({ animation: false });
    });
    apply();
    network.once("afterDrawing", function () { network.fit({ animation: false }); });
    // labels: the issues and the largest actors keep a readable label when vis-network's are too small
    var sizes = v.label_overlay || {};
    var scaling = (v.options.nodes || {}).scaling || {};
    K.overlayLabels(network, nodes, v.labels || [], {
      px: sizes.px || 12, threshold: scaling.label ? scaling.label.drawThreshold : 5,
      only: function (n) { return n.kg_kind === "issue" || (n.kg_kind === "actor" && n.kg_influence >= (sizes.min_influence || 4)); }
    });
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
    // blind spots: a badge with an exclamation mark on the actor's upper right, outside the dot
    // and the ring, never smaller than 6 screen pixels
    var blind = v.nodes.filter(function (n) { return n.kg_blind_spot; });
    var badge = (v.marks || {}).blind_spot;
    if (blind.length && badge) {
      network.on("afterDrawing", function (ctx) {
        var scale = network.getScale();
        var pos = network.getPositions(blind.map(function (n) { return n.id; }));
        blind.forEach(function (n) {
          var cur = nodes.get(n.id);
          if (!cur || cur.hidden || !pos[n.id]) { return; }
          var k = Math.max(1, 6 / scale / badge.radius), br = badge.radius * k, r = n.size + badge.gap + 0.8 * br;
          var bx = pos[n.id].x + r * Math.cos(badge.angle), by = pos[n.id].y - r * Math.sin(badge.angle);
          ctx.beginPath();
          ctx.arc(bx, by, br, 0, 2 * Math.PI);
          ctx.fillStyle = badge.fill;
          ctx.fill();
          ctx.lineWidth = badge.outline_width * k;
          ctx.strokeStyle = badge.outline;
          ctx.stroke();
          ctx.fillStyle = badge.glyph;
          ctx.fillRect(bx - br * 0.13, by - br * 0.62, br * 0.26, br * 0.78);
          ctx.beginPath();
          ctx.arc(bx, by + br * 0.45, br * 0.15, 0, 2 * Math.PI);
          ctx.fill();
        });
      });
    }
    return { network: network, nodes: nodes, edges: edges, select: select, data: v };
  };
})();
