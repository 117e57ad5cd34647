// Live password checklist of the signup form. Each item carries its rule as data,
// a regular expression's source (cpf/rules.py, PASSWORD_RULES, pattern), so the rule
// keeps one home: the server's table. The server checks the same rules on submit, with or
// without this script. A RegExp is data, not code: the page's CSP allows it.
(() => {
  "use strict";

  for (const checklist of document.querySelectorAll("[data-password-checklist]")) {
    // The status words too come from the server (rules.CHECKLIST_MET, CHECKLIST_NOT_MET).
    const MET = checklist.dataset.statusMet;
    const NOT_MET = checklist.dataset.statusNotMet;
    const input = document.getElementById(checklist.dataset.for);
    const announce = checklist.querySelector("[data-announce]");
    if (!input) continue;
    const rules = [...checklist.querySelectorAll("[data-rule]")].map((item) => ({
      item,
      label: item.querySelector("[data-label]").textContent.trim(),
      status: item.querySelector("[data-status]"),
      pattern: new RegExp(item.dataset.pattern, "u"),
    }));

    const update = (speak) => {
      const changes = [];
      for (const rule of rules) {
        const met = rule.pattern.test(input.value);
        if (String(met) === rule.item.dataset.met) continue;
        rule.item.dataset.met = String(met);
        rule.item.classList.toggle("is-met", met);
        rule.status.textContent = met ? MET : NOT_MET;
        changes.push(rule.label + (met ? MET : NOT_MET));
      }
      // Only changes are spoken, politely, not every keystroke.
      if (speak && changes.length) announce.textContent = changes.join(". ") + ".";
    };

    input.addEventListener("input", () => update(true));
    update(false); // e.g. a value restored by the browser
  }
})();
