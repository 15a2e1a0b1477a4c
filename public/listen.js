// "Listen": reads the question and its options, or a public page, aloud with the browser's own speech synthesis.
// The button stays hidden unless the browser has a voice for the page's language, so without
// JavaScript, or without a voice, nothing is offered that cannot work. Nothing else depends on it.
(function () {
  var button = document.querySelector("[data-listen-button]");
  if (!button || !("speechSynthesis" in window) || !("SpeechSynthesisUtterance" in window)) return;
  var lang = (document.documentElement.lang || "en").toLowerCase().split("-")[0];
  var speaking = false;

  function voice() {
    return window.speechSynthesis.getVoices().find(function (candidate) {
      return candidate.lang.toLowerCase().replace("_", "-").split("-")[0] === lang;
    });
  }

  function show() {
    if (voice()) button.hidden = false;
  }

  function label(nowSpeaking) {
    speaking = nowSpeaking;
    button.textContent = nowSpeaking ? button.getAttribute("data-stop") : button.getAttribute("data-start");
    button.setAttribute("aria-pressed", nowSpeaking ? "true" : "false");
  }

  // A question page: its question, hint and options. A public page: its text in reading order,
  // each block once, leaving out forms (filters, the language menu) and whatever is marked not to read.
  var questionParts = "[data-listen], .govuk-fieldset__legend, .govuk-label--l, .govuk-hint, .govuk-radios__label, .govuk-checkboxes__label";
  var pageParts = "h1, h2, h3, h4, p, li, dt, dd, figcaption, tr, .govuk-caption-l";

  function blocks() {
    var main = document.querySelector("main");
    if (!main) return [];
    if (button.getAttribute("data-listen-read") !== "page") return main.querySelectorAll(questionParts);
    return Array.prototype.filter.call(main.querySelectorAll(pageParts), function (node) {
      return !node.closest("form, [data-listen-skip], [hidden]") && !node.querySelector(pageParts);
    });
  }

  function words() {
    return Array.prototype.slice
      .call(blocks())
      .map(function (node) {
        return (node.innerText || node.textContent).replace(/\s+/g, " ").trim();
      })
      .filter(function (text, index, all) {
        return text && all.indexOf(text) === index;
      })
      .join(". ");
  }

  button.addEventListener("click", function () {
    window.speechSynthesis.cancel();
    if (speaking) return label(false);
    var chosen = voice();
    if (!chosen) return;
    var utterance = new SpeechSynthesisUtterance(words());
    utterance.voice = chosen;
    utterance.lang = chosen.lang;
    utterance.rate = 0.9;
    utterance.onend = utterance.onerror = function () {
      label(false);
    };
    label(true);
    window.speechSynthesis.speak(utterance);
  });

  show();
  if (typeof window.speechSynthesis.addEventListener === "function") window.speechSynthesis.addEventListener("voiceschanged", show);
})();
