(function () {
  "use strict";
  // Content is only ever set with textContent; links only to plain http(s) addresses.
  var SAFE_URL = /^https?:\/\/[^\s<>"'`\\]+$/i;
  var model = JSON.parse(document.getElementById("timeline-data").textContent);
  var main = document.getElementById("timeline");
  var filter = document.getElementById("entity-filter");

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function axis() {
    var box = el("div", "axis");
    model.ticks.forEach(function (t) {
      var tick = el("span", "tick", t.label);
      tick.style.left = t.x + "%";
      box.appendChild(tick);
    });
    return box;
  }

  function track(ev) {
    var box = el("div", "track");
    model.ticks.forEach(function (t) {
      var line = el("span", "grid");
      line.style.left = t.x + "%";
      box.appendChild(line);
    });
    if (ev.undated) {
      box.appendChild(el("span", "undated", "undated"));
      return box;
    }
    var classes = ["bar"];
    if (ev.open_start) classes.push("open-start");
    if (ev.open_end) classes.push("open-end");
    if (ev.approx) classes.push("approx");
    var bar = el("div", classes.join(" "));
    bar.style.left = ev.x0 + "%";
    bar.style.width = Math.max(ev.x1 - ev.x0, 0) + "%";
    bar.title = ev.words;
    box.appendChild(bar);
    return box;
  }

  function source(s) {
    var li = el("li");
    li.appendChild(el("span", "author", s.author));
    var detail = [s.kind, s.site, s.published].filter(Boolean).join(" · ");
    if (s.attributed_to) detail += " · relaying " + s.attributed_to;
    li.appendChild(el("span", "detail", " — " + detail + " "));
    if (s.href && SAFE_URL.test(s.href)) {
      var a = el("a", null, "source");
      a.href = s.href;
      a.rel = "noopener noreferrer";
      a.target = "_blank";
      li.appendChild(a);
    } else if (s.url) {
      li.appendChild(el("span", "detail", "(address not linked: " + s.url + ")"));
    }
    if (s.reliability !== null && s.reliability !== undefined) {
      li.appendChild(el("span", "rel", " · reliability " + Number(s.reliability).toFixed(2)));
    }
    li.appendChild(el("blockquote", null, s.quote));
    return li;
  }

  function eventCard(ev) {
    var card = el("article", "event" + (ev.conflict ? " in-conflict" : ""));
    card.dataset.claimId = String(ev.claim_id);
    card.id = "claim-" + Number(ev.claim_id);
    // The other claims this event stands for (repeated by other sources) can be linked to too.
    ev.sources.forEach(function (s) {
      if (s.claim_id !== null && s.claim_id !== undefined && s.claim_id !== ev.claim_id) {
        var anchor = el("span", "anchor");
        anchor.id = "claim-" + Number(s.claim_id);
        card.appendChild(anchor);
      }
    });
    card.appendChild(track(ev));
    var when = el("div", "when");
    if (ev.approx) when.appendChild(el("span", "approx-mark", "≈"));
    when.appendChild(document.createTextNode(ev.words));
    if (ev.edtf) when.appendChild(el("code", null, ev.edtf));
    card.appendChild(when);
    card.appendChild(el("h3", "what", ev.what));
    var meta = el("div", "meta");
    meta.appendChild(el("span", "badge modality-" + String(ev.modality).replace(/[^a-z]/g, ""), ev.modality));
    if (ev.where) meta.appendChild(el("span", null, "in " + ev.where));
    meta.appendChild(el("span", null, "claim " + ev.claim_id));
    card.appendChild(meta);
    var list = el("ol", "sources");
    ev.sources.forEach(function (s) { list.appendChild(source(s)); });
    card.appendChild(list);
    if (ev.links.length) {
      var links = el("ul", "links");
      ev.links.forEach(function (l) {
        var li = el("li");
        li.appendChild(el("span", "ltype " + String(l.type).replace(/[^a-z]/g, ""), l.type));
        var target = el("a", "claim-ref", "claim " + Number(l.claim_id));
        target.href = "#claim-" + Number(l.claim_id);
        li.appendChild(target);
        li.appendChild(document.createTextNode(" "));
        li.appendChild(el("span", "status", "(" + l.status + ") "));
        li.appendChild(document.createTextNode(l.reason || ""));
        links.appendChild(li);
      });
      card.appendChild(links);
    }
    return card;
  }

  function section(entity, index) {
    var box = el("section", "entity");
    box.dataset.entity = String(index);
    var h = el("h2", null, entity.name);
    h.appendChild(el("span", "type", entity.type));
    box.appendChild(h);
    if (entity.aliases.length) box.appendChild(el("p", "aliases", "Also written: " + entity.aliases.join(", ")));
    box.appendChild(axis());
    entity.rows.forEach(function (row) {
      var holder = el("div", row.length > 1 ? "row conflict-group" : "row");
      if (row.length > 1) holder.appendChild(el("span", "conflict-label", "sources disagree"));
      row.forEach(function (ev) { holder.appendChild(eventCard(ev)); });
      box.appendChild(holder);
    });
    return box;
  }

  model.entities.forEach(function (entity, i) {
    var opt = el("option", null, entity.name + " (" + entity.count + ")");
    opt.value = String(i);
    filter.appendChild(opt);
    main.appendChild(section(entity, i));
  });
  if (!model.entities.length) main.appendChild(el("p", "empty", "No events."));

  // The filter: a select, remembered in the address (#entity=N) so a view can be shared.
  function applyFilter(wanted) {
    Array.prototype.forEach.call(main.querySelectorAll("section.entity"), function (s) {
      s.classList.toggle("hidden", wanted !== "" && s.dataset.entity !== wanted);
    });
  }
  filter.addEventListener("change", function () {
    applyFilter(filter.value);
    history.replaceState(null, "", filter.value === "" ? "#" : "#entity=" + filter.value);
  });
  var fromHash = /^#entity=(\d+)$/.exec(location.hash);
  if (fromHash && Number(fromHash[1]) < model.entities.length) {
    filter.value = fromHash[1];
    applyFilter(fromHash[1]);
  }
  document.body.dataset.rendered = String(main.querySelectorAll(".event").length);
})();
