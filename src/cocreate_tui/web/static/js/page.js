// The restart buttons of cocreate-tui's page (was inline script in textual-serve's template;
// a file of its own lets the Content-Security-Policy forbid inline scripts).
"use strict";

function startUrl() {
  // The same page without ?delay, so that it connects at once.
  const params = new URLSearchParams(window.location.search);
  params.delete("delay");
  return window.location.pathname + "?" + params.toString();
}

document.addEventListener("DOMContentLoaded", () => {
  for (const button of document.querySelectorAll("[data-restart]")) {
    button.addEventListener("click", () => {
      window.location.href = startUrl();
    });
  }
});
