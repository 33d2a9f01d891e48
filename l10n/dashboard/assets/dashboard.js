// Click a column header to sort its table; the data behind the page is in #scores-data.
(function () {
  "use strict";
  function cellValue(row, index) {
    var text = row.cells[index] ? row.cells[index].textContent.trim() : "";
    var number = parseFloat(text.replace(",", "."));
    return isNaN(number) ? text.toLowerCase() : number;
  }
  document.querySelectorAll("table.sortable").forEach(function (table) {
    table.querySelectorAll("th").forEach(function (header, index) {
      header.addEventListener("click", function () {
        var body = table.tBodies[0];
        var ascending = header.getAttribute("data-order") !== "asc";
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = cellValue(a, index), y = cellValue(b, index);
          return (x < y ? -1 : x > y ? 1 : 0) * (ascending ? 1 : -1);
        });
        rows.forEach(function (row) { body.appendChild(row); });
        header.setAttribute("data-order", ascending ? "asc" : "desc");
      });
    });
  });
  var data = JSON.parse(document.getElementById("scores-data").textContent);
  document.documentElement.setAttribute("data-snapshots", String(data.snapshots.length));
})();
