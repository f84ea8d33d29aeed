/* Suggestions under the header's search box (the WAI-ARIA combobox pattern).
 *
 * As the visitor types (two characters or more, after a short pause) the
 * titles of matching products are fetched from the search app's `suggest`
 * URL and listed. Down and Up move through them, Enter opens the one chosen
 * (or searches for the words typed when none is), Escape closes the list.
 * A newer keystroke aborts the request still running for an older one.
 */
(function () {
  "use strict";
  var input = document.querySelector("input[data-suggest-url]");
  if (!input || typeof window.fetch !== "function") {
    return;
  }
  var list = document.getElementById(input.getAttribute("aria-controls"));
  var status = document.getElementById("site-search-status");
  var MIN_LENGTH = 2;
  var DELAY_MS = 200;
  var timer = null;
  var controller = null;
  var active = -1;
  var lastText = null;

  function options() {
    return list.querySelectorAll("[role=option]");
  }

  function setActive(index) {
    var items = options();
    active = index;
    for (var i = 0; i < items.length; i++) {
      items[i].setAttribute("aria-selected", i === index ? "true" : "false");
      items[i].classList.toggle("active", i === index);
    }
    if (index >= 0 && items[index]) {
      input.setAttribute("aria-activedescendant", items[index].id);
      items[index].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    setActive(-1);
  }

  function open() {
    if (options().length) {
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }
  }

  function go(item) {
    window.location.href = item.getAttribute("data-url");
  }

  function show(suggestions) {
    list.textContent = "";
    suggestions.forEach(function (suggestion, index) {
      var item = document.createElement("li");
      item.id = list.id + "-" + index;
      item.setAttribute("role", "option");
      item.setAttribute("aria-selected", "false");
      item.setAttribute("data-url", suggestion.url);
      item.className = "site-search-suggestion";
      item.textContent = suggestion.title;
      list.appendChild(item);
    });
    active = -1;
    if (suggestions.length) {
      open();
    } else {
      close();
    }
    if (status) {
      status.textContent = suggestions.length
        ? input.getAttribute("data-suggest-status").replace("{count}", suggestions.length)
        : "";
    }
  }

  function fetchSuggestions() {
    var text = input.value.trim();
    if (text === lastText) {
      open();
      return;
    }
    if (controller) {
      controller.abort();
      controller = null;
    }
    if (text.length < MIN_LENGTH) {
      lastText = text;
      show([]);
      return;
    }
    var url = input.getAttribute("data-suggest-url") + "?q=" + encodeURIComponent(text);
    var mine = typeof AbortController === "function" ? new AbortController() : null;
    controller = mine;
    fetch(url, {
      headers: { Accept: "application/json" },
      credentials: "same-origin",
      signal: mine ? mine.signal : undefined,
    })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("suggestions answered " + response.status);
        }
        return response.json();
      })
      .then(function (data) {
        if (controller !== mine) {
          return;
        }
        controller = null;
        lastText = text;
        show(data.suggestions || []);
      })
      .catch(function () {
        // Aborted or failed: the search button still works.
      });
  }

  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(fetchSuggestions, DELAY_MS);
  });

  input.addEventListener("keydown", function (event) {
    var items = options();
    var expanded = !list.hidden;
    if (event.key === "ArrowDown") {
      event.preventDefault();
      if (!expanded) {
        open();
        return;
      }
      setActive(items.length ? (active + 1) % items.length : -1);
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      if (!expanded) {
        open();
        return;
      }
      setActive(active <= 0 ? items.length - 1 : active - 1);
    } else if (event.key === "Enter") {
      if (expanded && active >= 0 && items[active]) {
        event.preventDefault();
        go(items[active]);
      }
    } else if (event.key === "Escape") {
      if (expanded) {
        event.preventDefault();
        close();
      }
    }
  });

  // mousedown, not click: it comes before the input loses focus.
  list.addEventListener("mousedown", function (event) {
    var item = event.target.closest("[role=option]");
    if (item) {
      event.preventDefault();
      go(item);
    }
  });

  input.addEventListener("blur", function () {
    close();
  });

  input.addEventListener("focus", function () {
    if (input.value.trim() === lastText) {
      open();
    }
  });
})();
