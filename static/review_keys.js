// Single-key shortcuts for the review page (templates/articles/review.html).
// Every action is a plain form button with data-key and an accesskey, so the page works without this file.
(function () {
  "use strict";
  var FIELDS = { p: "speaker", t: "text", k: "kind" };

  function typing(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  function press(key) {
    var button = document.querySelector('[data-key="' + key + '"]');
    if (button) {
      button.click();
      return true;
    }
    return false;
  }

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (typing(target)) {
      if (event.key === "Escape") {
        target.blur();
        event.preventDefault();
      } else if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && target.form) {
        event.preventDefault();
        press("v");
      }
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) {
      return;
    }
    var key = event.key.toLowerCase();
    var field = FIELDS[key] && document.querySelector('.review-form [name="' + FIELDS[key] + '"]');
    if (key === "o") {
      field = document.querySelector('.review-form [name="topics"]');
    }
    if (field) {
      event.preventDefault();
      field.focus();
    } else if (press(key)) {
      event.preventDefault();
    }
  });
})();
