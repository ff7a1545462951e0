// hamyar's own script: filter and sort a table (no third-party code).
(function () {
  function text(row, i) { return (row.cells[i] && row.cells[i].dataset.sort) || (row.cells[i] ? row.cells[i].textContent.trim() : ""); }
  // Persian and Arabic-Indic digits match the ASCII ones a planner may type.
  function plain(s) {
    return s.toLowerCase().replace(/[\u06F0-\u06F9]/g, function (c) { return String(c.charCodeAt(0) - 0x06F0); })
      .replace(/[\u0660-\u0669]/g, function (c) { return String(c.charCodeAt(0) - 0x0660); });
  }
  document.querySelectorAll("table[data-table]").forEach(function (table) {
    var body = table.tBodies[0];
    var search = document.getElementById(table.dataset.table + "-search");
    if (search) {
      search.addEventListener("input", function () {
        var q = plain(search.value.trim());
        Array.prototype.forEach.call(body.rows, function (row) {
          row.hidden = q !== "" && plain(row.textContent).indexOf(q) < 0;
        });
      });
    }
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, i) {
      th.classList.add("sortable");
      th.addEventListener("click", function () {
        var asc = th.dataset.dir !== "asc";
        th.dataset.dir = asc ? "asc" : "desc";
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = text(a, i), y = text(b, i);
          var nx = parseFloat(x), ny = parseFloat(y);
          var c = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y, "fa");
          return asc ? c : -c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });
})();
