// check.js: loaded first by browser_test.go into the style guide. It
// records CSP violations and script errors, waits for the charts, measures
// the page, runs axe-core (testdata/axe.min.js, loaded at the end of the
// body) and posts everything to /result.
(function () {
  "use strict";
  var csp = [], errors = [];
  document.addEventListener("securitypolicyviolation", function (e) {
    csp.push(e.violatedDirective + " blocked " + (e.blockedURI || "inline") + " at " + (e.sourceFile || "") + ":" + e.lineNumber + " " + (e.sample || ""));
  });
  window.addEventListener("error", function (e) {
    errors.push(String(e.message) + " at " + (e.filename || "") + ":" + e.lineno);
  });
  window.addEventListener("unhandledrejection", function (e) { errors.push("unhandled rejection: " + e.reason); });
  var consoleError = console.error;
  console.error = function () {
    errors.push(Array.prototype.map.call(arguments, String).join(" "));
    consoleError.apply(console, arguments);
  };
  function post(r) {
    var x = new XMLHttpRequest();
    x.open("POST", "/result");
    x.setRequestHeader("Content-Type", "application/json");
    x.send(JSON.stringify(r));
  }
  // overflowing lists the innermost elements that stick out on the right.
  function overflowing() {
    var w = document.documentElement.clientWidth, out = [];
    document.querySelectorAll("body *").forEach(function (el) {
      var r = el.getBoundingClientRect();
      if (r.width === 0 || r.right <= w + 0.5) return;
      for (var c = el.firstElementChild; c; c = c.nextElementSibling) {
        if (c.getBoundingClientRect().right > w + 0.5) return;
      }
      var name = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (el.className && el.className.baseVal === undefined ? "." + String(el.className).trim().split(/\s+/).join(".") : "");
      out.push(name + " right=" + Math.round(r.right));
    });
    return out.slice(0, 8);
  }
  // navHidden lists the nav links that are not wholly in sight or not
  // the element a tap on their middle reaches.
  function navHidden() {
    var w = document.documentElement.clientWidth, h = window.innerHeight, out = [];
    document.querySelectorAll(".nav a").forEach(function (a) {
      var r = a.getBoundingClientRect();
      var hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      if (r.width === 0 || r.height === 0 || r.left < 0 || r.right > w + 0.5 || r.top < 0 || r.bottom > h || !hit || !a.contains(hit)) {
        out.push(a.textContent.trim() + " at " + Math.round(r.left) + "," + Math.round(r.top));
      }
    });
    return out;
  }
  window.addEventListener("load", function () {
    setTimeout(function () {
      var r = {
        width: window.innerWidth,
        height: document.documentElement.scrollHeight,
        scrollWidth: document.documentElement.scrollWidth,
        dark: window.matchMedia("(prefers-color-scheme: dark)").matches,
        charts: document.querySelectorAll("[data-chart] canvas").length,
        overflow: overflowing(),
        navLinks: document.querySelectorAll(".nav a").length,
        navHidden: navHidden(),
        routes: document.querySelectorAll("svg[data-route] .route-line").length,
        csp: csp,
        errors: errors,
      };
      if (!window.axe) {
        r.errors.push("axe-core did not load");
        return post(r);
      }
      window.axe.run(document, { resultTypes: ["violations"] }).then(function (res) {
        r.violations = res.violations.map(function (v) {
          return {
            id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 6).map(function (n) { return n.target.join(" ") + ": " + (n.failureSummary || "").replace(/\s+/g, " "); }),
          };
        });
        post(r);
      }, function (err) {
        r.errors.push("axe: " + err);
        post(r);
      });
    }, 1200);
  });
})();
