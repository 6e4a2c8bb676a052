/* The proposal form: the sub-affair list shows only the groups (<optgroup>, labelled "<affair code> <name>") of
   the affairs chosen in the list named by data-narrowed-by; a sub-affair of an affair no longer chosen is
   unselected, so it is not sent. Without JavaScript every group is listed and the service refuses a sub-affair
   of another affair with a message. */
(function () {
  "use strict";
  var subs = document.querySelector("select[data-narrowed-by]");
  if (!subs) { return; }
  var affairs = document.getElementById(subs.getAttribute("data-narrowed-by"));
  if (!affairs) { return; }
  function chosen() {
    var codes = [];
    for (var i = 0; i < affairs.options.length; i++) {
      if (affairs.options[i].selected) { codes.push(affairs.options[i].value); }
    }
    return codes;
  }
  function narrow() {
    var codes = chosen();
    var groups = subs.getElementsByTagName("optgroup");
    for (var i = 0; i < groups.length; i++) {
      var code = groups[i].label.split(" ")[0];
      var shown = codes.indexOf(code) !== -1;
      groups[i].hidden = !shown;
      groups[i].disabled = !shown;
      if (!shown) {
        for (var j = 0; j < groups[i].children.length; j++) { groups[i].children[j].selected = false; }
      }
    }
  }
  affairs.addEventListener("change", narrow);
  narrow();
})();
