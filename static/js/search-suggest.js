// Suggestions as you type in the search boxes. Progressive enhancement: the
// boxes are plain forms that work without this file. An ARIA 1.2 combobox:
// the arrow keys move through the list, Enter opens the chosen article,
// Escape closes the list; a click opens an article too.
(function () {
  "use strict";

  var DELAY_MS = 250;
  var MIN_LENGTH = 2;

  function enhance(input) {
    var listId = input.id + "-suggestions";
    var list = document.createElement("ul");
    var status = document.createElement("p");
    var timer = null;
    var controller = null;
    var options = [];
    var active = -1;

    list.id = listId;
    list.className = "search-suggestions";
    list.hidden = true;
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", input.dataset.suggestLabel);
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    input.insertAdjacentElement("afterend", list);
    list.insertAdjacentElement("afterend", status);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", listId);
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("autocomplete", "off");

    function select(index) {
      options.forEach(function (option, position) {
        option.setAttribute("aria-selected", String(position === index));
      });
      active = index;
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      select(-1);
    }

    function show(suggestions) {
      list.replaceChildren();
      options = suggestions.map(function (suggestion, index) {
        var option = document.createElement("li");
        option.id = listId + "-" + index;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.dataset.url = suggestion.url;
        option.textContent = suggestion.title;
        list.appendChild(option);
        return option;
      });
      active = -1;
      if (options.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
        status.textContent = input.dataset.suggestHint;
      } else {
        close();
        status.textContent = "";
      }
    }

    function fetchSuggestions() {
      var query = input.value.trim();
      if (controller) {
        controller.abort();
      }
      if (query.length < MIN_LENGTH) {
        show([]);
        return;
      }
      controller = new AbortController();
      fetch(input.dataset.suggestUrl + "?q=" + encodeURIComponent(query), {
        headers: { Accept: "application/json" },
        signal: controller.signal,
      })
        .then(function (response) {
          return response.ok ? response.json() : { suggestions: [] };
        })
        .then(function (data) {
          show(data.suggestions);
        })
        .catch(function () {
          // Aborted or offline: the form still works.
        });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(fetchSuggestions, DELAY_MS);
    });

    input.addEventListener("keydown", function (event) {
      if (list.hidden) {
        return;
      }
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        // From the box (-1) through the options and round again.
        var next = active + (event.key === "ArrowDown" ? 1 : -1);
        if (next < -1) {
          next = options.length - 1;
        } else if (next >= options.length) {
          next = -1;
        }
        select(next);
      } else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        window.location.assign(options[active].dataset.url);
      } else if (event.key === "Escape") {
        event.preventDefault();
        close();
      }
    });

    input.addEventListener("blur", close);

    // mousedown, not click: it comes before the input's blur closes the list.
    list.addEventListener("mousedown", function (event) {
      var option = event.target.closest("[role=option]");
      event.preventDefault();
      if (option) {
        window.location.assign(option.dataset.url);
      }
    });
  }

  document.querySelectorAll("input[data-suggest-url]").forEach(enhance);
})();
