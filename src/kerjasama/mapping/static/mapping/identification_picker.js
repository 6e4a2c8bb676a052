/* Region mapping page: "Identify an affair" opens the identification form of the chosen affair
   (kept out of the page itself: the Content-Security-Policy allows no inline script). */
(function () {
  "use strict";
  document.querySelectorAll("form[data-identification-base]").forEach(function (form) {
    form.addEventListener("submit", function () {
      form.action = form.getAttribute("data-identification-base") + form.elements.affair.value + "/";
    });
  });
})();
