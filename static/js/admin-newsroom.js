// On a phone the moderation queue and the byline table become stacked rows
// (css/admin-newsroom.css); each cell is labelled with its column's name.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("#result_list, .inline-group .tabular table").forEach(function (table) {
    var names = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
      return th.textContent.trim();
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
