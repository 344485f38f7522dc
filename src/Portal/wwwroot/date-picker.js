// Date picker for date fields with a business-day rule (WEB-5): days before the earliest date and closed days
// (weekends, public and company holidays, sent by the server in data-closed) are greyed out and cannot be picked.
// A module without inline script or style (CSP script-src 'self'); the server checks the same rules again.
const pad = (n) => String(n).padStart(2, "0");
const iso = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
const parse = (text) => (/^\d{4}-\d{2}-\d{2}$/.test(text) ? new Date(`${text}T00:00:00`) : null);

function attach(input) {
  const closed = new Set((input.dataset.closed || "").split(" ").filter(Boolean));
  const min = input.getAttribute("min") || "";
  const weekdays = (input.dataset.weekdays || "S M T W T F S").split(" ");
  const refusal = input.dataset.closedMessage || "";
  const allowed = (text) => text >= min && !closed.has(text);
  input.type = "text";
  input.inputMode = "numeric";
  input.placeholder = "yyyy-mm-dd";
  input.autocomplete = "off";
  const popup = document.createElement("div");
  popup.className = "date-picker";
  popup.hidden = true;
  popup.setAttribute("role", "dialog");
  input.insertAdjacentElement("afterend", popup);
  let shown = parse(input.value) || parse(min) || new Date();

  const check = () => {
    input.setCustomValidity(input.value && parse(input.value) && !allowed(input.value) ? refusal : "");
  };
  const render = () => {
    popup.replaceChildren();
    const head = document.createElement("div");
    head.className = "date-picker-head";
    const prev = document.createElement("button");
    prev.type = "button";
    prev.textContent = "‹";
    prev.dataset.test = "picker-prev";
    prev.addEventListener("click", () => { shown = new Date(shown.getFullYear(), shown.getMonth() - 1, 1); render(); });
    const next = document.createElement("button");
    next.type = "button";
    next.textContent = "›";
    next.dataset.test = "picker-next";
    next.addEventListener("click", () => { shown = new Date(shown.getFullYear(), shown.getMonth() + 1, 1); render(); });
    const title = document.createElement("span");
    title.textContent = `${shown.getFullYear()}-${pad(shown.getMonth() + 1)}`;
    head.append(prev, title, next);
    const grid = document.createElement("div");
    grid.className = "date-picker-grid";
    for (const name of weekdays) {
      const cell = document.createElement("span");
      cell.className = "date-picker-weekday";
      cell.textContent = name;
      grid.append(cell);
    }
    const first = new Date(shown.getFullYear(), shown.getMonth(), 1);
    for (let i = 0; i < first.getDay(); i++) grid.append(document.createElement("span"));
    for (let d = first; d.getMonth() === first.getMonth(); d = new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1)) {
      const text = iso(d);
      const day = document.createElement("button");
      day.type = "button";
      day.textContent = String(d.getDate());
      day.dataset.date = text;
      day.disabled = !allowed(text);
      if (day.disabled) day.classList.add("closed");
      if (text === input.value) day.classList.add("chosen");
      day.addEventListener("click", () => {
        input.value = text;
        check();
        input.dispatchEvent(new Event("change", { bubbles: true }));
        popup.hidden = true;
      });
      grid.append(day);
    }
    popup.append(head, grid);
  };
  const open = () => { shown = parse(input.value) || parse(min) || new Date(); render(); popup.hidden = false; };
  input.addEventListener("focus", open);
  input.addEventListener("click", open);
  input.addEventListener("input", check);
  input.addEventListener("change", check);
  input.addEventListener("keydown", (e) => { if (e.key === "Escape") popup.hidden = true; });
  document.addEventListener("click", (e) => {
    const path = e.composedPath(); // taken at dispatch: still right after a click re-rendered the popup
    if (!path.includes(input) && !path.includes(popup)) popup.hidden = true;
  });
  check();
}

document.querySelectorAll("input[data-picker]").forEach(attach);
