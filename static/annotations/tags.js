// Tag suggestions while typing: the claim's tags field is comma-separated, so the datalist
// offers the whole value with its last tag completed from the tags in use
// (GET /api/v1/tags/?q=<last tag>), most used first.
(function () {
  "use strict";

  var WAIT_MS = 150;

  function setUp(input) {
    var list = document.getElementById(input.getAttribute("list"));
    var url = input.getAttribute("data-tags-url");
    if (!list || !url) return;
    var timer = null;
    var asked = null;

    function parts() {
      var value = input.value;
      var cut = value.lastIndexOf(",");
      return { kept: cut < 0 ? "" : value.slice(0, cut + 1) + " ", typed: value.slice(cut + 1).trim() };
    }

    function show(kept, names) {
      list.textContent = "";
      var chosen = kept.split(",").map(function (tag) { return tag.trim().toLowerCase(); });
      names.forEach(function (name) {
        if (chosen.indexOf(name) >= 0) return;
        var option = document.createElement("option");
        option.value = kept + name;
        list.appendChild(option);
      });
    }

    function ask() {
      var now = parts();
      var key = now.kept + "\u0000" + now.typed;
      if (key === asked) return;
      asked = key;
      fetch(url + "?q=" + encodeURIComponent(now.typed), {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      })
        .then(function (response) { return response.ok ? response.json() : []; })
        .then(function (tags) {
          show(now.kept, tags.map(function (tag) { return tag.name; }));
        })
        .catch(function () { list.textContent = ""; });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(ask, WAIT_MS);
    });
    input.addEventListener("focus", ask);
  }

  document.querySelectorAll("input[data-tags-url]").forEach(setUp);
})();
