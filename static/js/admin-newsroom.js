// On a phone the moderation queue and the byline table become stacked rows
// (css/admin-newsroom.css); each cell is labelled with its column's name.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("#result_list, .inline-group .tabular table").forEach(function (table) {
    var names = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
      // The column's name only, not the sort priority Django puts beside it.
      return (th.querySelector(".text") || th).textContent.trim();
    });
    table.querySelectorAll("tbody tr").forEach(function (row) {
      Array.prototype.forEach.call(row.children, function (cell, index) {
        if (names[index] && !cell.hasAttribute("data-label")) {
          cell.setAttribute("data-label", names[index]);
        }
      });
    });
  });
});
