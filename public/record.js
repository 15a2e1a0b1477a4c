// The recorder beside a free-text question: record, a visible timer, stop, replay and "record again",
// all before sending. It puts the recording into the question's own file input, so the form that is
// sent is the same one a phone sends without JavaScript. Shown only where the browser can record
// and hand a file to an input; otherwise the file input alone is there, and it works.
(function () {
  var canRecord =
    window.MediaRecorder &&
    window.navigator.mediaDevices &&
    typeof window.navigator.mediaDevices.getUserMedia === "function" &&
    typeof window.DataTransfer === "function";
  if (!canRecord) return;

  function pickType() {
    var types = ["audio/webm;codecs=opus", "audio/webm", "audio/ogg;codecs=opus", "audio/mp4"];
    for (var i = 0; i < types.length; i++) if (window.MediaRecorder.isTypeSupported(types[i])) return types[i];
    return "";
  }

  function clock(seconds) {
    return Math.floor(seconds / 60) + ":" + String(seconds % 60).padStart(2, "0");
  }

  function setUp(box) {
    if (box.hasAttribute("data-record-ready")) return;
    box.setAttribute("data-record-ready", "");
    var input = document.getElementById(box.getAttribute("data-recorder"));
    if (!input) return;
    var start = box.querySelector("[data-record-start]");
    var stop = box.querySelector("[data-record-stop]");
    var again = box.querySelector("[data-record-again]");
    var timer = box.querySelector("[data-record-timer]");
    var replay = box.querySelector("[data-record-replay]");
    var status = box.querySelector("[data-record-status]");
    var maxSeconds = Number(box.getAttribute("data-max-seconds")) || 180;
    var recorder = null;
    var ticking = null;
    var seconds = 0;
    var replayUrl = null;

    function say(template) {
      var text = template.replace("{time}", clock(seconds));
      timer.textContent = text;
      timer.hidden = false;
      return text;
    }

    function show(recording) {
      start.hidden = recording || replay.hidden === false;
      stop.hidden = !recording;
      again.hidden = recording || replay.hidden;
    }

    function finish(chunks, type) {
      var blob = new window.Blob(chunks, { type: type || "audio/webm" });
      var extension = /ogg/.test(blob.type) ? "ogg" : /mp4/.test(blob.type) ? "m4a" : "webm";
      var file = new window.File([blob], "spoken-answer." + extension, { type: blob.type });
      var transfer = new window.DataTransfer();
      transfer.items.add(file);
      input.files = transfer.files;
      if (replayUrl) window.URL.revokeObjectURL(replayUrl);
      replayUrl = window.URL.createObjectURL(blob);
      replay.src = replayUrl;
      replay.hidden = false;
      status.textContent = say(box.getAttribute("data-saved"));
      show(false);
      again.focus();
    }

    function begin() {
      window.navigator.mediaDevices.getUserMedia({ audio: true }).then(
        function (stream) {
          var chunks = [];
          var type = pickType();
          recorder = type ? new window.MediaRecorder(stream, { mimeType: type }) : new window.MediaRecorder(stream);
          recorder.ondataavailable = function (event) {
            if (event.data && event.data.size > 0) chunks.push(event.data);
          };
          recorder.onstop = function () {
            window.clearInterval(ticking);
            stream.getTracks().forEach(function (track) {
              track.stop();
            });
            finish(chunks, recorder.mimeType);
          };
          seconds = 0;
          replay.hidden = true;
          recorder.start(1000);
          status.textContent = say(box.getAttribute("data-recording"));
          show(true);
          stop.focus();
          ticking = window.setInterval(function () {
            seconds += 1;
            say(box.getAttribute("data-recording"));
            if (seconds >= maxSeconds) end();
          }, 1000);
        },
        function () {
          status.textContent = box.getAttribute("data-failed");
        },
      );
    }

    function end() {
      if (recorder && recorder.state !== "inactive") recorder.stop();
    }

    start.addEventListener("click", begin);
    stop.addEventListener("click", end);
    again.addEventListener("click", function () {
      input.value = "";
      replay.hidden = true;
      begin();
    });
    box.hidden = false;
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-recorder]"), setUp);
})();
