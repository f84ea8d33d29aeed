/* Forms that ask before they submit: <form data-confirm="Question?">.
 *
 * In a file, not an onsubmit attribute: the Content-Security-Policy runs no
 * inline event handler. Without JavaScript the form submits at once.
 */
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var question = event.target.getAttribute && event.target.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  });
})();
