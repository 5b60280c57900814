// The support form (templates/support/support.html), enhanced: articles
// matching the subject are offered as the reader types, and the form is sent
// at once instead of after the "Next" step that shows them without this file.
// Every text comes from the page (translated there), none is written here.
(function () {
  "use strict";

  var form = document.querySelector("[data-support-form]");
  if (!form || !window.fetch || !window.URLSearchParams) {
    return;
  }
  var subject = form.querySelector("#id_subject");
  var draft = form.querySelector("#id_draft");
  var live = form.querySelector("[data-support-live]");
  var list = form.querySelector("[data-support-live-list]");
  var status = form.querySelector("[data-support-live-status]");
  var submit = form.querySelector("[data-support-submit]");
  if (!subject || !live || !list) {
    return;
  }
  if (submit) {
    // Suggestions come as the reader types: no need for the "Next" step.
    submit.value = "send";
    submit.textContent = submit.getAttribute("data-send-label");
  }

  var timer = null;
  var latest = 0;

  function show(suggestions) {
    list.textContent = "";
    suggestions.forEach(function (item) {
      var entry = document.createElement("li");
      var link = document.createElement("a");
      link.href = item.url;
      link.textContent = item.title;
      entry.appendChild(link);
      list.appendChild(entry);
    });
    live.hidden = suggestions.length === 0;
    if (status) {
      status.textContent = suggestions.length
        ? status.getAttribute("data-template").replace("{count}", suggestions.length)
        : "";
    }
  }

  function look() {
    var words = subject.value.trim();
    var asked = ++latest;
    if (words.length < 2) {
      show([]);
      return;
    }
    var query = new URLSearchParams({ q: words, draft: draft ? draft.value : "" });
    fetch(form.getAttribute("data-suggestions-url") + "?" + query.toString(), {
      credentials: "same-origin",
      headers: { Accept: "application/json" }
    })
      .then(function (response) {
        return response.ok ? response.json() : { suggestions: [] };
      })
      .then(function (json) {
        if (asked === latest) {
          show(json.suggestions || []);
        }
      })
      .catch(function () {});
  }

  subject.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(look, 250);
  });
  if (subject.value) {
    look();
  }
})();
