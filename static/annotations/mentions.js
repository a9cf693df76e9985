// @mention autocomplete in the comment box: typing "@ri" lists desk members whose username
// starts with "ri" (GET /api/v1/users/?q=ri); arrows choose, Enter or Tab inserts "@rita ".
(function () {
  "use strict";

  // A mention starts after a space, a bracket or the start of the text, as on the server.
  var TYPED = /(^|[^\w.@+-])@([\w.@+-]*)$/;
  var WAIT_MS = 150;

  function setUp(form) {
    var box = form.querySelector("textarea");
    var url = form.getAttribute("data-mentions-url");
    if (!box || !url) return;
    var list = document.createElement("ul");
    list.id = "mention-suggestions";
    list.className = "mention-suggestions";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", gettext("People to mention"));
    list.hidden = true;
    box.insertAdjacentElement("afterend", list);
    box.setAttribute("aria-autocomplete", "list");
    box.setAttribute("aria-controls", list.id);
    box.setAttribute("aria-expanded", "false");

    var timer = null;
    var asked = "";
    var active = -1;

    function typed() {
      var before = box.value.slice(0, box.selectionStart);
      var match = TYPED.exec(before);
      return match && match[2] ? match[2] : null;
    }

    function close() {
      list.hidden = true;
      list.textContent = "";
      active = -1;
      box.setAttribute("aria-expanded", "false");
      box.removeAttribute("aria-activedescendant");
    }

    function highlight(index) {
      var items = list.querySelectorAll("li");
      if (!items.length) return;
      active = (index + items.length) % items.length;
      items.forEach(function (item, i) {
        item.setAttribute("aria-selected", i === active ? "true" : "false");
      });
      box.setAttribute("aria-activedescendant", items[active].id);
    }

    function choose(username) {
      var caret = box.selectionStart;
      var before = box.value.slice(0, caret).replace(/@[\w.@+-]*$/, "@" + username + " ");
      box.value = before + box.value.slice(caret);
      box.selectionStart = box.selectionEnd = before.length;
      close();
      box.focus();
    }

    function show(people) {
      list.textContent = "";
      people.forEach(function (person, i) {
        var item = document.createElement("li");
        item.id = "mention-option-" + i;
        item.setAttribute("role", "option");
        item.textContent = "@" + person.username;
        // mousedown, not click: the box keeps its focus and caret.
        item.addEventListener("mousedown", function (event) {
          event.preventDefault();
          choose(person.username);
        });
        list.appendChild(item);
      });
      if (!people.length) {
        close();
        return;
      }
      list.hidden = false;
      box.setAttribute("aria-expanded", "true");
      highlight(0);
    }

    function ask(prefix) {
      asked = prefix;
      fetch(url + "?q=" + encodeURIComponent(prefix), {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      })
        .then(function (response) {
          return response.ok ? response.json() : [];
        })
        .then(function (people) {
          // Only the answer to what is still typed counts.
          if (typed() === prefix) show(people);
        })
        .catch(close);
    }

    box.addEventListener("input", function () {
      var prefix = typed();
      clearTimeout(timer);
      if (!prefix) {
        close();
        return;
      }
      if (prefix === asked && !list.hidden) return;
      timer = setTimeout(function () {
        ask(prefix);
      }, WAIT_MS);
    });

    box.addEventListener("keydown", function (event) {
      if (list.hidden) return;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        highlight(active + (event.key === "ArrowDown" ? 1 : -1));
      } else if (event.key === "Enter" || event.key === "Tab") {
        var item = list.querySelectorAll("li")[active];
        if (item) {
          event.preventDefault();
          choose(item.textContent.slice(1));
        }
      } else if (event.key === "Escape") {
        close();
      }
    });

    box.addEventListener("blur", close);
  }

  document.querySelectorAll("form[data-mentions-url]").forEach(setUp);
})();
