// The main menu at narrow widths (issue 9, WCAG 2.1 AA): a real button with aria-expanded that opens and
// closes the navigation, Escape closes it and returns focus; without this script the menu simply stays open.
// Messages (the outcome of the last action) receive focus so that screen readers announce them at once.
// A table too wide for the screen scrolls inside its frame; the frame becomes a named, focusable region so that
// keyboard users can scroll it too (WCAG 2.1 SC 2.1.1; axe rule scrollable-region-focusable).
(function () {
  "use strict";
  var button = document.querySelector(".nav-toggle");
  var nav = document.getElementById("main-nav");
  if (button && nav) {
    nav.classList.add("collapsible");
    button.hidden = false;
    var setOpen = function (open) {
      button.setAttribute("aria-expanded", open ? "true" : "false");
      nav.classList.toggle("open", open);
    };
    button.addEventListener("click", function () {
      setOpen(button.getAttribute("aria-expanded") !== "true");
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
        setOpen(false);
        button.focus();
      }
    });
  }
  var frames = document.querySelectorAll(".table-wrap");
  Array.prototype.forEach.call(frames, function (frame) {
    if (frame.scrollWidth <= frame.clientWidth || frame.hasAttribute("tabindex")) { return; }
    var caption = frame.querySelector("caption");
    var heading = frame.previousElementSibling;
    var name = caption ? caption.textContent : (heading && /^H[1-6]$/.test(heading.tagName) ? heading.textContent : "");
    frame.setAttribute("tabindex", "0");
    frame.setAttribute("role", "region");
    frame.setAttribute("aria-label", (name || document.title).trim());
  });
  var messages = document.querySelector(".messages");
  if (messages) {
    messages.focus();
  }
})();
