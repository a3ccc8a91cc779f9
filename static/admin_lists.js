// The statement admin's speaker filter (articles.admin_lists.SpeakerFilter): choosing or clearing a speaker in
// the autocomplete applies it at once. select2 reports the change through jQuery, not as a DOM event.
"use strict";
window.addEventListener("load", function () {
  const $ = window.django && window.django.jQuery;
  if (!$) {
    return;
  }
  $("form.speaker-filter select").on("change", function () {
    this.form.submit();
  });
});
