(function () {
  "use strict";
  // Content is only ever set with textContent; links only to plain http(s) addresses.
  var SAFE_URL = /^https?:\/\/[^\s<>"'`\\]+$/i;
  var model = JSON.parse(document.getElementById("timeline-data").textContent);
  var main = document.getElementById("timeline");
  var filter = document.getElementById("entity-filter");
  var seenCaptures = {};
  var FILTERS = ["predicate", "modality", "source", "status"];

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
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
    } else if (s.url && !seenCaptures[s.url]) {
      // A capture or a refused address: said once per page, not on every source.
      seenCaptures[s.url] = true;
      li.appendChild(el("span", "detail", "(address not linked: " + s.url + ")"));
    } else if (s.url) {
      li.appendChild(el("span", "detail", "(not linked)"));
    }
    if (s.reliability !== null && s.reliability !== undefined) {
      var rel = el("span", "rel", " · reliability " + Number(s.reliability).toFixed(2));
      rel.title = model.reliability_note;
      li.appendChild(rel);
    }
    li.appendChild(el("blockquote", null, s.quote));
    return li;
  }

  function linkList(list) {
    var links = el("ul", "links");
    list.forEach(function (l) {
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
    return links;
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
    card.dataset.predicate = ev.predicate;
    card.dataset.modality = ev.modality;
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
    // Conflicts and the rest first; supplements (often many) folded under one line.
    var folded = ev.links.filter(function (l) { return l.type === "supplements"; });
    var shown = ev.links.filter(function (l) { return l.type !== "supplements"; });
    if (shown.length) card.appendChild(linkList(shown));
    if (folded.length) {
      var details = el("details", "folded");
      details.appendChild(el("summary", null, folded.length + (folded.length === 1 ? " supplement" : " supplements")
        + ": facts other sources add"));
      details.appendChild(linkList(folded));
      card.appendChild(details);
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
    var overview = document.getElementById("overview-" + index);
    if (overview) box.appendChild(overview);
    entity.rows.forEach(function (row) {
      var holder = el("div", row.length > 1 ? "row conflict-group" : "row");
      if (row.length > 1) holder.appendChild(el("span", "conflict-label", "sources disagree"));
      row.forEach(function (ev) { holder.appendChild(eventCard(ev)); });
      box.appendChild(holder);
    });
    return box;
  }

  var byClaim = {};
  model.entities.forEach(function (entity, i) {
    var opt = el("option", null, entity.name + " (" + entity.count + ")");
    opt.value = String(i);
    filter.appendChild(opt);
    main.appendChild(section(entity, i));
    entity.rows.forEach(function (row) { row.forEach(function (ev) { byClaim[ev.claim_id] = ev; }); });
  });
  if (!model.entities.length) main.appendChild(el("p", "empty", "No events."));

  var selects = {};
  FILTERS.forEach(function (name) {
    var select = document.getElementById(name + "-filter");
    selects[name] = select;
    model.filters[name].forEach(function (choice) {
      var label = (choice.label || String(choice.value).replace(/_/g, " ")) + " (" + choice.count + ")";
      var opt = el("option", null, label);
      opt.value = choice.value;
      select.appendChild(opt);
    });
  });

  function matches(ev, wanted) {
    if (wanted.predicate && ev.predicate !== wanted.predicate) return false;
    if (wanted.modality && ev.modality !== wanted.modality) return false;
    if (wanted.source && ev.source_keys.indexOf(wanted.source) < 0) return false;
    if (wanted.status && ev.statuses.indexOf(wanted.status) < 0) return false;
    return true;
  }

  // The filters hide cards and overview marks alike; an entity with nothing left is hidden.
  function apply() {
    var wanted = { entity: filter.value };
    FILTERS.forEach(function (name) { wanted[name] = selects[name].value; });
    var shown = 0;
    Array.prototype.forEach.call(main.querySelectorAll("section.entity"), function (s) {
      var left = 0;
      var off = wanted.entity !== "" && s.dataset.entity !== wanted.entity;
      Array.prototype.forEach.call(s.querySelectorAll("article.event"), function (card) {
        var ok = !off && matches(byClaim[card.dataset.claimId], wanted);
        card.classList.toggle("hidden", !ok);
        if (ok) left += 1;
      });
      Array.prototype.forEach.call(s.querySelectorAll(".row"), function (row) {
        row.classList.toggle("hidden", !row.querySelector("article.event:not(.hidden)"));
      });
      Array.prototype.forEach.call(s.querySelectorAll("g.mark"), function (mark) {
        var ev = byClaim[mark.getAttribute("data-claim")];
        mark.classList.toggle("off", !(ev && matches(ev, wanted)));
      });
      Array.prototype.forEach.call(s.querySelectorAll(".conflict-link, .conflict-flag"), function (node) {
        node.classList.toggle("off", wanted.status !== "" && wanted.status !== "conflict");
      });
      s.classList.toggle("hidden", off || left === 0);
      shown += left;
    });
    document.getElementById("shown").textContent = shown === model.events ? "" : "(" + shown + " shown)";
    document.body.dataset.shown = String(shown);
    var parts = [];
    Object.keys(wanted).forEach(function (k) {
      if (wanted[k] !== "") parts.push(k + "=" + encodeURIComponent(wanted[k]));
    });
    return parts.join("&");
  }

  function onChange() {
    var hash = apply();
    history.replaceState(null, "", hash === "" ? "#" : "#" + hash);
  }
  filter.addEventListener("change", onChange);
  FILTERS.forEach(function (name) { selects[name].addEventListener("change", onChange); });
  var form = document.getElementById("filters");
  form.addEventListener("submit", function (ev) { ev.preventDefault(); });
  form.addEventListener("reset", function () { setTimeout(onChange, 0); });

  // A view from the address: #entity=N&predicate=born&status=conflict ...
  (location.hash.replace(/^#/, "").split("&")).forEach(function (pair) {
    var kv = pair.split("=");
    if (kv.length !== 2) return;
    var name = kv[0], value;
    try { value = decodeURIComponent(kv[1]); } catch (e) { return; }
    var select = name === "entity" ? filter : selects[name];
    if (!select) return;
    for (var i = 0; i < select.options.length; i++) {
      if (select.options[i].value === value) { select.value = value; break; }
    }
  });
  apply();
  document.body.dataset.rendered = String(main.querySelectorAll(".event").length);
})();
