/* Manual de Atendimento: light, dark or automatic theme (site/theme.py).  The choice is kept
 * in this browser (localStorage "manual-tema": "light", "dark", none = follow the system).
 * The <head> of every page applies it before any CSS (layout.html), so no page flashes the
 * other theme; this keeps the header's control and the page in step with it. */
(() => {
  const KEY = "manual-tema", page = document.documentElement;
  const system = matchMedia("(prefers-color-scheme: dark)");
  const select = document.getElementById("manual-tema");
  let choice = null;
  try { choice = localStorage.getItem(KEY); } catch (error) { /* storage off: this page only */ }
  const apply = () => {
    page.dataset.theme = choice === "dark" || choice === "light" ? choice : system.matches ? "dark" : "light";
    if (select) select.value = choice === "dark" || choice === "light" ? choice : "auto";
  };
  system.addEventListener("change", apply);
  window.addEventListener("storage", (event) => { // chosen in another tab
    if (event.key === KEY) { choice = event.newValue; apply(); }
  });
  apply();
  if (!select) return;
  select.addEventListener("change", () => {
    choice = select.value === "auto" ? null : select.value;
    try {
      if (choice) localStorage.setItem(KEY, choice);
      else localStorage.removeItem(KEY);
    } catch (error) { /* storage off: this page only */ }
    apply();
  });
  select.closest("[hidden]")?.removeAttribute("hidden");
})();
