// "Did this answer your question?" (templates/articles/includes/feedback.html),
// enhanced: the same forms are sent with fetch, so the page does not reload,
// and the answer is announced in the widget's live region. Without this file
// the forms post normally and the server sends the reader back to the widget.
// Every text comes from the page (translated there), none is written here.
(function () {
  "use strict";

  var widget = document.querySelector("[data-feedback]");
  if (!widget || !window.fetch || !window.FormData) {
    return;
  }
  var status = widget.querySelector("[data-feedback-status]");
  var followup = widget.querySelector("[data-feedback-followup]");
  var voteButtons = widget.querySelectorAll(".feedback-buttons button");
  var comment = widget.querySelector("#feedback-comment");
  var counter = widget.querySelector("[data-feedback-counter]");

  function announce(message) {
    // Emptied first, so that the same message twice is announced twice.
    status.textContent = "";
    window.setTimeout(function () {
      status.textContent = message;
    }, 50);
  }

  function show(answer, fromFollowup) {
    voteButtons.forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.value === answer.value));
    });
    var wasOpen = !followup.hidden;
    followup.hidden = !answer.followup;
    announce(answer.message);
    if (fromFollowup || (wasOpen && followup.hidden && followup.contains(document.activeElement))) {
      // The form the reader was in is gone: keep them at the widget.
      status.focus();
    }
  }

  function send(form, submitter) {
    var data = new FormData(form);
    if (submitter && submitter.name) {
      data.append(submitter.name, submitter.value);
    }
    return fetch(form.action, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { Accept: "application/json" }
    })
      .then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        var body = type.indexOf("application/json") === 0 ? response.json() : Promise.resolve({});
        return body.then(function (json) {
          return { ok: response.ok, json: json };
        });
      })
      .catch(function () {
        return { ok: false, json: {} };
      });
  }

  // One answer at a time. The buttons are not disabled meanwhile: that would
  // take the keyboard focus away from them.
  var pending = false;

  widget.addEventListener("submit", function (event) {
    var form = event.target;
    event.preventDefault();
    if (pending) {
      return;
    }
    pending = true;
    widget.setAttribute("aria-busy", "true");
    var fromFollowup = followup.contains(form);
    send(form, event.submitter).then(function (result) {
      pending = false;
      widget.removeAttribute("aria-busy");
      if (result.ok) {
        show(result.json, fromFollowup);
        if (fromFollowup) {
          carryReason(form);
          form.reset();
          updateCounter();
        }
      } else {
        announce(result.json.message || widget.dataset.errorMessage);
      }
    });
  });

  // The article's support link takes the reason along, as the page does
  // without this file once the reader has given one.
  function carryReason(form) {
    var link = document.querySelector("[data-feedback-support-link]");
    var chosen = form.querySelector("input[name=reason]:checked");
    if (!link || !chosen) {
      return;
    }
    var url = new URL(link.href);
    url.searchParams.set("reason", chosen.value);
    link.href = url.pathname + url.search;
  }

  function updateCounter() {
    counter.textContent = counter.dataset.template.replace(
      "{count}",
      comment.value.length.toLocaleString(document.documentElement.lang)
    );
  }

  counter.hidden = false;
  updateCounter();
  comment.addEventListener("input", updateCounter);
})();
