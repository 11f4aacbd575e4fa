// Progressive enhancement only: every page works without this file.
(() => {
  // Close the language menu when a click lands outside it.
  document.addEventListener("click", (event) => {
    for (const menu of document.querySelectorAll(".language-switcher details[open]")) {
      if (!menu.contains(event.target)) menu.removeAttribute("open");
    }
  });

  // Filters fold on narrow screens, where they come before the results, and open on wide ones.
  const narrow = window.matchMedia("(max-width: 55.99rem)");
  const foldFilters = () => {
    for (const panel of document.querySelectorAll("details.filters-panel")) panel.open = !narrow.matches;
  };
  foldFilters();
  narrow.addEventListener("change", foldFilters);

  // Search suggestions: an ARIA 1.2 combobox on every box that declares data-autocomplete-url.
  let counter = 0;
  for (const input of document.querySelectorAll("input[data-autocomplete-url]")) {
    counter += 1;
    const listbox = document.createElement("ul");
    listbox.id = `suggestions-${counter}`;
    listbox.className = "suggestions";
    listbox.setAttribute("role", "listbox");
    listbox.hidden = true;
    input.insertAdjacentElement("afterend", listbox);
    input.parentElement.classList.add("has-suggestions");
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listbox.id);

    let results = [];
    let active = -1;
    let timer = null;
    let controller = null;

    const close = () => {
      listbox.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    };

    const highlight = (index) => {
      active = index;
      listbox.querySelectorAll("[role=option]").forEach((option, position) => {
        option.setAttribute("aria-selected", String(position === index));
      });
      if (index >= 0) input.setAttribute("aria-activedescendant", `${listbox.id}-${index}`);
      else input.removeAttribute("aria-activedescendant");
    };

    const render = () => {
      listbox.replaceChildren(
        ...results.map((result, index) => {
          const option = document.createElement("li");
          option.id = `${listbox.id}-${index}`;
          option.setAttribute("role", "option");
          option.setAttribute("aria-selected", "false");
          const title = document.createElement("span");
          title.textContent = result.title;
          const type = document.createElement("small");
          type.textContent = result.type;
          option.append(title, " ", type);
          option.addEventListener("mousedown", (event) => {
            event.preventDefault();
            window.location.assign(result.url);
          });
          return option;
        }),
      );
      listbox.hidden = results.length === 0;
      input.setAttribute("aria-expanded", String(results.length > 0));
      active = -1;
    };

    const fetchSuggestions = async () => {
      const query = input.value.trim();
      if (query.length < 2) {
        results = [];
        render();
        return;
      }
      if (controller) controller.abort();
      controller = new AbortController();
      try {
        const url = `${input.dataset.autocompleteUrl}?q=${encodeURIComponent(query)}`;
        const response = await fetch(url, { signal: controller.signal, headers: { Accept: "application/json" } });
        if (!response.ok) return;
        results = (await response.json()).results || [];
        render();
      } catch (error) {
        if (error.name !== "AbortError") close();
      }
    };

    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(fetchSuggestions, 150);
    });
    input.addEventListener("keydown", (event) => {
      if (listbox.hidden) return;
      if (event.key === "ArrowDown") {
        event.preventDefault();
        highlight((active + 1) % results.length);
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        highlight(active <= 0 ? results.length - 1 : active - 1);
      } else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        window.location.assign(results[active].url);
      } else if (event.key === "Escape") {
        close();
      }
    });
    input.addEventListener("blur", close);
  }
})();
