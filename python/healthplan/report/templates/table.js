// Every table.data: click a header to sort (numbers by data-sort), type to filter rows,
// download the visible rows as CSV. Plain DOM, no library, works offline.
(function () {
  "use strict";
  var S = window.HP_STRINGS || {filter: "Filter…", csv: "Download CSV", rows: "rows"};

  function key(td, numeric) {
    var s = td.getAttribute("data-sort");
    if (numeric) { var f = parseFloat(s); return isNaN(f) ? null : f; }
    return (s !== null ? s : td.getAttribute("data-csv") || td.textContent).trim();
  }

  function sortBy(table, col, th) {
    var numeric = th.getAttribute("data-type") === "num";
    var asc = th.getAttribute("aria-sort") !== "ascending";
    table.querySelectorAll("th").forEach(function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", asc ? "ascending" : "descending");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = key(a.cells[col], numeric), y = key(b.cells[col], numeric);
      if (x === null || x === "") return 1;   // blanks last, whatever the direction
      if (y === null || y === "") return -1;
      var c = numeric ? x - y : String(x).localeCompare(String(y), document.documentElement.lang);
      return asc ? c : -c;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }

  function csvCell(v) { return /[",\n]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v; }

  function toCsv(table) {
    var lines = [Array.prototype.map.call(table.tHead.rows[0].cells, function (th) {
      return csvCell(th.textContent.trim());
    }).join(",")];
    Array.prototype.forEach.call(table.tBodies[0].rows, function (r) {
      if (r.hidden) return;
      lines.push(Array.prototype.map.call(r.cells, function (td) {
        return csvCell(td.getAttribute("data-csv") || "");
      }).join(","));
    });
    return "\ufeff" + lines.join("\r\n") + "\r\n";
  }

  function tools(table) {
    var bar = document.createElement("div");
    bar.className = "tools";
    var input = document.createElement("input");
    input.type = "search";
    input.placeholder = S.filter;
    input.setAttribute("aria-label", S.filter);
    var shown = document.createElement("span");
    shown.className = "muted";
    var n = table.tBodies[0].rows.length;
    shown.textContent = n + " " + S.rows;
    input.addEventListener("input", function () {
      var q = input.value.trim().toLowerCase(), k = 0;
      Array.prototype.forEach.call(table.tBodies[0].rows, function (r) {
        r.hidden = q !== "" && r.textContent.toLowerCase().indexOf(q) < 0;
        if (!r.hidden) k++;
      });
      shown.textContent = k + " / " + n + " " + S.rows;
    });
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = S.csv;
    button.addEventListener("click", function () {
      var a = document.createElement("a");
      a.href = URL.createObjectURL(new Blob([toCsv(table)], {type: "text/csv;charset=utf-8"}));
      a.download = (table.getAttribute("data-name") || "table") + ".csv";
      document.body.appendChild(a); a.click(); a.remove();
    });
    bar.appendChild(input); bar.appendChild(button); bar.appendChild(shown);
    table.parentNode.parentNode.insertBefore(bar, table.parentNode);
  }

  document.querySelectorAll("table.data").forEach(function (table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, col) {
      th.querySelector("button.sort").addEventListener("click", function () { sortBy(table, col, th); });
    });
    tools(table);
    table.setAttribute("data-sortable", "yes");
  });
  window.HP_TABLES = {toCsv: toCsv, sortBy: sortBy};
})();
