/* The review keys of `claimline review`, in the browser: c confirm, d dismiss, n note, s skip,
 * u undo. A key presses the button marked data-key with it, so every action stays a POST form
 * with its CSRF token; any other letter says what the keys are. Loaded from /static (the CSP
 * allows no inline script); it reads nothing from the page's text and writes only textContent. */
(function () {
  "use strict";
  var KEYS = { c: "confirm", d: "dismiss", n: "note", s: "skip", u: "undo" };
  var HELP = "c confirm · d dismiss · n note · s skip · u undo";

  function typing(el) {
    return el && (el.tagName === "INPUT" || el.tagName === "TEXTAREA" || el.tagName === "SELECT" || el.isContentEditable);
  }

  document.addEventListener("keydown", function (ev) {
    var panel = document.getElementById("review-keys");
    if (!panel && !document.querySelector('[data-key="u"]')) return;
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    var target = ev.target;
    if (typing(target)) {
      if (ev.key === "Escape") target.blur();
      if (ev.key === "Enter" && !ev.shiftKey && target.id === "note") {
        ev.preventDefault();
        if (target.form) target.form.requestSubmit();
      }
      return;
    }
    if (!ev.key || ev.key.length !== 1) return;
    var key = ev.key.toLowerCase();
    var hint = document.getElementById("key-hint");
    if (!Object.prototype.hasOwnProperty.call(KEYS, key)) {
      if (hint && key.trim()) hint.textContent = "“" + ev.key + "” is not a review key. Keys: " + HELP;
      return;
    }
    ev.preventDefault();
    if (key === "n") {
      var note = document.getElementById("note");
      if (note) note.focus();
      return;
    }
    var button = document.querySelector('[data-key="' + key + '"]');
    if (button) {
      button.click();
    } else if (hint) {
      hint.textContent = KEYS[key] + " is not possible on this link. Keys: " + HELP;
    }
  });
})();
