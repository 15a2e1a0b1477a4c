// "Print this slip": the page prints from the browser's own menu without it; with JavaScript the
// button appears and opens the print dialogue. Nothing else depends on it.
(function () {
  var button = document.querySelector("[data-print-button]");
  if (!button || typeof window.print !== "function") return;
  button.hidden = false;
  button.addEventListener("click", function () {
    window.print();
  });
})();
