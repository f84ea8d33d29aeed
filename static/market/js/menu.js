/* The header's menu on phones: one button shows and hides the navigation,
   language, currency and ship-to country (without this script the menu
   stays open: the page's head marks <html> "js" before the first paint, so
   the menu is closed from the start, with no jump). Escape closes it, and any open disclosure of the header
   (programmes, account), returning focus to its button. */
(function () {
    "use strict";
    var toggle = document.querySelector(".site-menu-toggle");
    var menu = document.getElementById("site-menu");
    if (!toggle || !menu) {
        return;
    }
    function setOpen(open) {
        toggle.setAttribute("aria-expanded", open ? "true" : "false");
        menu.classList.toggle("is-open", open);
    }

    toggle.addEventListener("click", function () {
        setOpen(toggle.getAttribute("aria-expanded") !== "true");
    });

    document.addEventListener("keydown", function (event) {
        if (event.key !== "Escape") {
            return;
        }
        var details = document.querySelector(".site-header details[open]");
        if (details) {
            details.open = false;
            details.querySelector("summary").focus();
        } else if (toggle.getAttribute("aria-expanded") === "true") {
            setOpen(false);
            toggle.focus();
        }
    });

    // A click outside an open disclosure of the header closes it.
    document.addEventListener("click", function (event) {
        document.querySelectorAll(".site-header details[open]").forEach(function (details) {
            if (!details.contains(event.target)) {
                details.open = false;
            }
        });
    });
})();
