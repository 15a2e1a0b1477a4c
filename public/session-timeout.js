// The staff session ends after 30 minutes without activity. Two minutes before, this shows the
// warning the server rendered hidden, with "Stay signed in" (WCAG 2.2.1, Timing Adjustable). The
// button is an ordinary form: here it is sent in the background, and without JavaScript there is no
// warning, but the sign-in page says why the session ended. Nothing else depends on it.
(function () {
  var box = document.getElementById("session-timeout");
  if (!box) return;
  var form = box.querySelector("form");
  var ended = box.querySelector("[data-ended]");
  var idle = Number(box.getAttribute("data-idle-minutes")) * 60000;
  var warn = Number(box.getAttribute("data-warn-minutes")) * 60000;
  var timers = [];

  function later(ms, work) {
    timers.push(window.setTimeout(work, ms));
  }

  function start() {
    timers.forEach(window.clearTimeout);
    timers = [];
    later(idle - warn, function () {
      box.hidden = false;
      form.hidden = false;
      ended.hidden = true;
      form.querySelector("button").focus();
    });
    later(idle, function () {
      form.hidden = true;
      ended.hidden = false;
      ended.focus();
    });
  }

  form.addEventListener("submit", function (event) {
    if (!window.fetch) return;
    event.preventDefault();
    window
      .fetch(form.action, { method: "POST", body: new window.FormData(form), headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok || (response.headers.get("Content-Type") || "").indexOf("application/json") !== 0) throw new Error("signed out");
        box.hidden = true;
        start();
      })
      .catch(function () {
        form.hidden = true;
        ended.hidden = false;
        ended.focus();
      });
  });
  start();
})();
