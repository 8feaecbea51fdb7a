// Draws each dashboard chart from the JSON the page carries (no inline script: the CSP forbids it).
// The same numbers are in the table under each chart, which is what screen readers use.
(function () {
  "use strict";
  var palette = ["#0b5d4b", "#4fa386", "#c4e2d6", "#d98e04", "#7a4e9c", "#b23b3b", "#2f6db5", "#8a8a8a"];
  function draw() {
    var source = document.getElementById("report-charts");
    if (!source || typeof window.Chart === "undefined") { return; }
    var charts = JSON.parse(source.textContent);
    document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      var spec = charts[canvas.getAttribute("data-chart").replace(/^chart-/, "")];
      if (!spec || !spec.series.length) { return; }
      var round = spec.type === "doughnut";
      new window.Chart(canvas, {
        type: spec.type,
        data: {
          labels: spec.labels,
          datasets: spec.series.map(function (serie, i) {
            return {
              label: serie.label, data: serie.data,
              backgroundColor: round ? palette.slice(0, serie.data.length) : palette[i % palette.length],
              borderColor: round ? "#ffffff" : palette[i % palette.length], tension: 0.2
            };
          })
        },
        options: { responsive: true, maintainAspectRatio: false, animation: false, plugins: { legend: { display: round || spec.series.length > 1 } } }
      });
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", draw); } else { draw(); }
}());
