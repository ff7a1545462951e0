// hamyar's own script: a run's stages as the server sends them (server-sent events).
(function () {
  var box = document.getElementById("job");
  if (!box || !window.EventSource) { return; }
  var list = document.getElementById("progress");
  var seconds = document.getElementById("seconds");
  var fa = box.dataset.lang === "fa";
  function shown(n) { return fa ? Number(n).toLocaleString("fa-IR") : String(n); }
  var source = new EventSource(box.dataset.events);
  var seen = list.children.length;
  source.addEventListener("stage", function (e) {
    seen -= 1;
    if (seen >= 0) { return; }  // already on the page
    var item = document.createElement("li");
    item.textContent = JSON.parse(e.data);
    list.appendChild(item);
  });
  source.addEventListener("tick", function (e) { seconds.textContent = shown(JSON.parse(e.data)); });
  source.addEventListener("done", function (e) {
    source.close();
    document.getElementById("job-done").hidden = false;
    window.location.assign(JSON.parse(e.data));
  });
  source.addEventListener("failed", function (e) {
    source.close();
    var p = document.getElementById("job-failed");
    p.textContent = JSON.parse(e.data);
    p.hidden = false;
  });
})();
