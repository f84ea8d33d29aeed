/* The facet sidebar and the sort order of a product list.
 *
 * Without JavaScript the buyer ticks and presses "Apply" (or "Sort"). With
 * it, ticking a checkbox or choosing an order reloads the list at once, and
 * the focus comes back to the control that was changed.
 */
(function () {
  "use strict";
  var KEY = "market:facet-focus";

  function submitOnChange(control) {
    var form = control.form;
    if (!form) {
      return;
    }
    try {
      window.sessionStorage.setItem(
        KEY,
        JSON.stringify({ name: control.name, value: control.type === "checkbox" ? control.value : null })
      );
    } catch (error) {
      // Storage refused (private mode): only the focus is lost.
    }
    if (typeof form.requestSubmit === "function") {
      form.requestSubmit();
    } else {
      form.submit();
    }
  }

  document.querySelectorAll("[data-facet-form] input[type=checkbox]").forEach(function (box) {
    box.addEventListener("change", function () {
      submitOnChange(box);
    });
  });
  document.querySelectorAll("select[data-submit-on-change]").forEach(function (select) {
    select.addEventListener("change", function () {
      submitOnChange(select);
    });
  });

  // Options move as their counts change: find the control by name and value.
  var focused = null;
  try {
    focused = JSON.parse(window.sessionStorage.getItem(KEY) || "null");
    window.sessionStorage.removeItem(KEY);
  } catch (error) {
    focused = null;
  }
  if (focused) {
    var controls = document.getElementsByName(focused.name);
    for (var i = 0; i < controls.length; i++) {
      var control = controls[i];
      if (control.type !== "hidden" && (focused.value === null || control.value === focused.value)) {
        control.focus();
        break;
      }
    }
  }
})();
