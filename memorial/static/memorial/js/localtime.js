// Enhancement only: show a Baku time in the visitor's own time zone.
(function () {
  "use strict";
  if (!window.Intl || !document.querySelectorAll) {
    return;
  }
  var format = new Intl.DateTimeFormat(document.documentElement.lang || undefined, {
    hour: "2-digit",
    minute: "2-digit",
    timeZoneName: "short",
  });
  document.querySelectorAll("time[data-local-time]").forEach(function (element) {
    var when = new Date(element.getAttribute("datetime"));
    var target = element.parentNode.querySelector(".local-time");
    if (isNaN(when.getTime()) || !target) {
      return;
    }
    target.textContent = "(" + format.format(when) + ")";
  });
})();
