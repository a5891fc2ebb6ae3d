// lexgit serve: the little the pages do in the browser. On a redline: j / k
// (or the buttons) jump to the next / previous change shown, and the kind
// filters hide or show changes at once (the form still works without scripts).
"use strict";
(function () {
  const changes = () => Array.from(document.querySelectorAll(".changes .change")).filter((c) => !c.classList.contains("hidden"));
  let current = -1;

  function jump(step) {
    const list = changes();
    if (!list.length) return;
    const hash = decodeURIComponent(location.hash.slice(1));
    const at = list.findIndex((c) => c.id === hash);
    if (at >= 0) current = at;
    current = Math.min(list.length - 1, Math.max(0, current + step));
    list.forEach((c) => c.classList.remove("current"));
    const target = list[current];
    target.classList.add("current");
    history.replaceState(null, "", "#" + target.id);
    target.scrollIntoView({ block: "start" });
    target.focus({ preventScroll: true });
  }

  function applyFilters(form) {
    const shown = new Set(Array.from(form.querySelectorAll("input[name=kind]:checked")).map((i) => i.value));
    document.querySelectorAll("[data-kind]").forEach((el) => el.classList.toggle("hidden", !shown.has(el.dataset.kind)));
    current = -1;
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("button[data-jump]").forEach((b) =>
      b.addEventListener("click", () => jump(b.dataset.jump === "next" ? 1 : -1)));
    const filters = document.querySelector("form.filters");
    if (filters) filters.addEventListener("change", () => applyFilters(filters));
  });

  document.addEventListener("keydown", (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const tag = (e.target.tagName || "").toLowerCase();
    if (tag === "input" || tag === "textarea" || tag === "select") return;
    if (!document.querySelector(".changes")) return;
    if (e.key === "j" || e.key === "n") jump(1);
    else if (e.key === "k" || e.key === "p") jump(-1);
  });
})();
