// Enhances the comparison page's share box: reveals a "Copy link" button next to the read-only
// link field. Without JavaScript the field alone works (select it and copy).
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var field = document.getElementById(button.getAttribute("data-copy"));
    if (!field) return;
    var status = button.closest(".share") && button.closest(".share").querySelector(".copy-status");
    button.hidden = false;
    button.addEventListener("click", function () {
      var done = function (ok) {
        if (status) status.textContent = ok ? button.getAttribute("data-done") : "";
      };
      field.select();
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(field.value).then(function () { done(true); }, function () {
          done(document.execCommand && document.execCommand("copy"));
        });
      } else {
        done(document.execCommand && document.execCommand("copy"));
      }
    });
  });
});
