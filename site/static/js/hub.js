// Progressive enhancement only: every page works without this file.
(() => {
  // Close the language menu when focus or a click leaves it.
  document.addEventListener("click", (event) => {
    for (const menu of document.querySelectorAll(".language-switcher details[open]")) {
      if (!menu.contains(event.target)) menu.removeAttribute("open");
    }
  });
})();
