// The article form: one tab per language (each language's title, slug,
// summary and body together), and a character counter under the summary.
// Without JavaScript every language is shown, one after the other.
(function () {
  "use strict";

  function languageTabs() {
    var panels = Array.prototype.slice.call(document.querySelectorAll("fieldset.language-tab"));
    if (panels.length < 2) {
      return;
    }
    var list = document.createElement("div");
    list.setAttribute("role", "tablist");
    list.className = "language-tabs";
    var tabs = panels.map(function (panel, index) {
      var heading = panel.querySelector("h2");
      var tab = document.createElement("button");
      tab.type = "button";
      tab.id = "language-tab-" + index;
      tab.setAttribute("role", "tab");
      tab.setAttribute("aria-controls", panel.id || (panel.id = "language-panel-" + index));
      tab.textContent = heading ? heading.textContent : String(index + 1);
      panel.setAttribute("role", "tabpanel");
      panel.setAttribute("aria-labelledby", tab.id);
      list.appendChild(tab);
      return tab;
    });

    function select(chosen, focus) {
      tabs.forEach(function (tab, index) {
        var selected = index === chosen;
        tab.setAttribute("aria-selected", selected ? "true" : "false");
        tab.tabIndex = selected ? 0 : -1;
        panels[index].hidden = !selected;
      });
      if (focus) {
        tabs[chosen].focus();
      }
    }

    tabs.forEach(function (tab, index) {
      tab.addEventListener("click", function () {
        select(index, false);
      });
      tab.addEventListener("keydown", function (event) {
        var step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
        if (step) {
          event.preventDefault();
          select((index + step + tabs.length) % tabs.length, true);
        }
      });
    });
    panels[0].parentNode.insertBefore(list, panels[0]);
    // A language with an error opens first.
    var withError = panels.findIndex(function (panel) {
      return panel.querySelector(".errorlist");
    });
    select(withError < 0 ? 0 : withError, false);
  }

  function counters() {
    document.querySelectorAll("textarea[data-counter]").forEach(function (field) {
      var note = document.createElement("p");
      note.className = "help character-count";
      note.setAttribute("aria-live", "polite");
      var template = field.getAttribute("data-counter");
      function update() {
        note.textContent = template
          .replace("{count}", String(field.value.length))
          .replace("{max}", field.getAttribute("maxlength"));
      }
      field.addEventListener("input", update);
      field.parentNode.appendChild(note);
      update();
    });
  }

  function start() {
    languageTabs();
    counters();
  }

  // The admin loads form media in the head, before the form exists.
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
