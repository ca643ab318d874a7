(function () {
  "use strict";
  // Opens the timeline in the bundled TimelineJS3, loading nothing from anywhere: no font or
  // theme stylesheet, English (built in), no analytics; the data is the JSON block above.
  var data = JSON.parse(document.getElementById("timeline-data").textContent);
  var violations = [];
  document.addEventListener("securitypolicyviolation", function (ev) {
    violations.push(ev.violatedDirective + " " + (ev.blockedURI || ""));
    document.body.dataset.cspViolations = violations.join(" | ");
  });
  var timeline = new TL.Timeline("timeline-embed", data, {
    script_path: "./",
    font: null,
    theme: null,
    language: "en",
    hash_bookmark: false,
    ga_measurement_id: null,
    track_events: [],
    timenav_height_percentage: 40
  });
  timeline.on("loaded", function () { document.body.dataset.slides = String(data.events.length); });
  window.claimlineTimeline = timeline;
})();
