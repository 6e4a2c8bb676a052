/* A live character counter under every field that declares data-counter="<max>" (issue 9).
   Progressive enhancement: without JavaScript the field's maxlength and its help text still state the
   limit; with it, "123 / 2000 karakter" follows the typing and is announced politely near the limit. */
(function () {
  "use strict";
  var lang = (document.documentElement.getAttribute("lang") || "id").slice(0, 2);
  var word = lang === "en" ? "characters" : "karakter";
  document.querySelectorAll("[data-counter]").forEach(function (field, index) {
    var max = parseInt(field.getAttribute("data-counter"), 10);
    if (!max) { return; }
    var counter = document.createElement("span");
    counter.className = "char-counter muted small";
    counter.id = (field.id || "field-" + index) + "-counter";
    counter.setAttribute("aria-live", "polite");
    counter.setAttribute("data-testid", "counter-" + (field.name || index));
    field.insertAdjacentElement("afterend", counter);
    var described = field.getAttribute("aria-describedby");
    field.setAttribute("aria-describedby", (described ? described + " " : "") + counter.id);
    function update() {
      var n = field.value.length;
      counter.textContent = n + " / " + max + " " + word;
      counter.classList.toggle("over", n > max);
      counter.classList.toggle("near", n > max * 0.9 && n <= max);
    }
    field.addEventListener("input", update);
    update();
  });
})();
