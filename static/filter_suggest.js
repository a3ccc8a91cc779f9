// Suggestions for the actor fields of the filter forms (articles.filters.SlugSuggest):
// as an analyst types a name, ask the server for matching actors and offer their slugs.
(function () {
  "use strict";

  function attach(input) {
    var list = document.getElementById(input.getAttribute("list"));
    var timer = null;
    var asked = "";
    input.addEventListener("input", function () {
      var q = input.value.trim();
      clearTimeout(timer);
      if (q.length < 2 || q === asked) {
        return;
      }
      timer = setTimeout(function () {
        asked = q;
        fetch(input.dataset.suggest + "?q=" + encodeURIComponent(q), { credentials: "same-origin" })
          .then(function (response) { return response.ok ? response.json() : { actors: [] }; })
          .then(function (data) {
            if (asked !== q) {
              return;
            }
            list.replaceChildren.apply(list, data.actors.map(function (actor) {
              var option = document.createElement("option");
              option.value = actor.slug;
              option.label = actor.name;
              option.textContent = actor.name;
              return option;
            }));
          })
          .catch(function () {});
      }, 150);
    });
  }

  document.querySelectorAll("input[data-suggest]").forEach(attach);
})();
