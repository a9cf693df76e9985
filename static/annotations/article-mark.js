/*
 * The article page, part 5 of 5: mark a claim after editing its wording and date. "Edit, then
 * mark" (or Shift + M, or "Edit first…" beside the selection) opens a small dialog holding the
 * selected quote as the claim text and the article's date; submitting marks the claim (and
 * starts its research for those who may), exactly as "Mark" does, with those two fields.
 */
(() => {
  "use strict";

  const marking = window.articleMarking;
  const dialog = document.getElementById("mark-dialog");
  if (!marking || !dialog) return;
  const form = document.getElementById("mark-dialog-form");
  const quote = document.getElementById("mark-dialog-quote");
  const claimText = document.getElementById("mark-claim-text");
  const claimDate = document.getElementById("mark-claim-date");
  const openers = [
    document.getElementById("mark-edit-button"),
    document.querySelector("#float-mark [data-mark-edit]"),
  ].filter(Boolean);
  // The selection is kept when the dialog opens: typing in it would otherwise lose the span.
  let span = null;

  function open() {
    span = marking.span();
    if (!span) return;
    quote.textContent = span.quote.length > 160 ? `${span.quote.slice(0, 159)}…` : span.quote;
    claimText.value = span.quote;
    claimDate.value = claimDate.dataset.default;
    dialog.showModal();
    claimText.focus();
    claimText.select();
  }

  for (const opener of openers) {
    opener.addEventListener("mousedown", (event) => event.preventDefault());
    opener.addEventListener("click", open);
  }
  form.addEventListener("submit", (event) => {
    if (event.submitter && event.submitter.value === "cancel") return;
    if (!claimText.value.trim()) {
      event.preventDefault();
      claimText.setCustomValidity(gettext("The claim text must not be empty."));
      claimText.reportValidity();
      return;
    }
    marking.mark({ claimText: claimText.value.trim(), claimDate: claimDate.value }, span);
  });
  claimText.addEventListener("input", () => claimText.setCustomValidity(""));
  document.addEventListener("keydown", (event) => {
    if (event.key !== "M" || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.defaultPrevented || dialog.open) return;
    if (event.target.closest("input, textarea, select, [contenteditable], dialog")) return;
    event.preventDefault();
    open();
  });
})();
