// The registration desk's in-page QR scanner. Progressive enhancement: without JavaScript, a
// camera or the permission to use it, the desk types or pastes the code (or uses a USB scanner)
// into the same form, which posts to the same page. Every message comes from the page
// (data-msg-* attributes), translated there. Frames are decoded here (vendor/jsQR.js); nothing
// leaves the browser but the decoded text, posted with the form's CSRF token.
(function () {
  "use strict";

  var box, video, startButton, stopButton, status, canvas, context;
  var stream = null;
  var timer = null;
  var busy = false;
  var last = "";
  var lastAt = 0;
  // The same invitation still held in front of the camera is not posted again for this long
  // (a second post would only answer "already recorded").
  var REPEAT_MS = 4000;
  var FRAME_MS = 200;
  var MAX_WIDTH = 800;

  function say(key) {
    status.textContent = box.getAttribute("data-msg-" + key) || "";
    status.hidden = !status.textContent;
  }

  function form() {
    return document.getElementById("door-form");
  }

  function focusInput() {
    var f = form();
    var input = f && f.querySelector("input[name=token]");
    if (input) { input.focus(); }
  }

  function stop() {
    if (timer !== null) { window.clearInterval(timer); timer = null; }
    if (stream) { stream.getTracks().forEach(function (track) { track.stop(); }); stream = null; }
    video.srcObject = null;
    video.hidden = true;
    stopButton.hidden = true;
    startButton.hidden = false;
  }

  function failed(error) {
    stop();
    var name = error && error.name;
    if (name === "NotAllowedError" || name === "SecurityError") { say("denied"); }
    else if (name === "NotFoundError" || name === "OverconstrainedError" || name === "NotReadableError") { say("nocamera"); }
    else { say("failed"); }
    focusInput();
  }

  function post(text) {
    var f = form();
    if (!f) { return; }
    f.querySelector("input[name=token]").value = text;
    busy = true;
    say("sending");
    // htmx takes the submit and swaps the desk (result, form, quorum) in place, so the camera
    // keeps running; without htmx the page simply reloads with the result.
    if (typeof f.requestSubmit === "function") { f.requestSubmit(); } else { f.submit(); }
  }

  function tick() {
    if (busy || video.readyState < 2 || !video.videoWidth) { return; }
    var scale = Math.min(1, MAX_WIDTH / video.videoWidth);
    var width = Math.round(video.videoWidth * scale);
    var height = Math.round(video.videoHeight * scale);
    canvas.width = width;
    canvas.height = height;
    context.drawImage(video, 0, 0, width, height);
    var found = window.jsQR(context.getImageData(0, 0, width, height).data, width, height, { inversionAttempts: "dontInvert" });
    if (!found || !found.data) { return; }
    var now = Date.now();
    if (found.data === last && now - lastAt < REPEAT_MS) { return; }
    last = found.data;
    lastAt = now;
    post(found.data);
  }

  function start() {
    say("starting");
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false })
      .then(function (media) {
        stream = media;
        video.srcObject = media;
        video.hidden = false;
        startButton.hidden = true;
        stopButton.hidden = false;
        return video.play();
      })
      .then(function () {
        say("scanning");
        timer = window.setInterval(tick, FRAME_MS);
      })
      .catch(failed);
  }

  document.addEventListener("DOMContentLoaded", function () {
    box = document.querySelector("[data-scanner]");
    if (!box) { return; }
    video = box.querySelector("video");
    startButton = box.querySelector("[data-scanner-start]");
    stopButton = box.querySelector("[data-scanner-stop]");
    status = box.querySelector("[data-scanner-status]");
    if (!window.isSecureContext) { say("insecure"); return; }
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia || typeof window.jsQR !== "function") {
      say("unsupported");
      return;
    }
    canvas = document.createElement("canvas");
    context = canvas.getContext("2d", { willReadFrequently: true });
    startButton.hidden = false;
    startButton.addEventListener("click", start);
    stopButton.addEventListener("click", function () { stop(); say(""); focusInput(); });
    document.body.addEventListener("htmx:afterRequest", function (event) {
      // Only the desk's own post (not the quorum's polling) frees the scanner for the next code.
      var elt = event.detail && event.detail.elt;
      if (!busy || !elt || elt.id !== "door-form") { return; }
      busy = false;
      if (stream) { say("scanning"); }
    });
    window.addEventListener("pagehide", stop);
  });
})();
