/*
 * The article page, part 3 of 5: the claims panel. Sorts and filters the claims (by status, by
 * minimum score, and "show all candidates", remembered per browser), draws them a page at a time
 * so that thousands stay quick, and acts on many at once: pick with the checkboxes (Shift + click
 * for a range) or `x`, then accept, dismiss or restore through one form the server answers claim
 * by claim. Shared as `articlePanel`; article.js drives the keyboard and the active claim.
 */
(() => {
  "use strict";

  const page = window.articleText;
  const marked = window.articleClaims;
  const list = document.getElementById("claim-list");
  if (!page || !marked || !list) return;
  const { claims, claimById } = marked;
  // The panel's parts, by id; the bulk bar's (`pick-all`, `picked-count`) only for researchers.
  const [panel, template, summary, empty, more, sortSelect, minScore, showAllBox, actForm] = [
    "claims-panel", "claim-item", "panel-summary", "claims-empty", "more-claims", "claim-sort",
    "min-score", "show-all", "act-form",
  ].map((id) => document.getElementById(id));
  const [pickAll, pickedCount] = ["pick-all", "picked-count"].map((id) => document.getElementById(id));
  const chips = Array.from(document.querySelectorAll(".status-chips [data-status]"));
  const bulkButtons = Array.from(document.querySelectorAll("[data-bulk]"));
  const claimUrl = actForm.dataset.claimUrl;
  const threshold = Number(panel.dataset.threshold);
  const STORAGE_KEY = "factcheck.article.showAllCandidates";
  // Enough to fill a tall panel; the next page is drawn as the list's end comes into view.
  const PAGE = 60;
  const QUOTE_SHOWN = 180;
  const STATUS_ORDER = ["candidate", "researching", "in_review", "approved", "published", "dismissed"];
  const STATUS_LABEL = new Map(
    chips.filter((chip) => chip.dataset.status).map((chip) => [
      chip.dataset.status,
      chip.firstChild.textContent.trim(),
    ]),
  );
  // Which claims each action applies to: the workflow's own table, for the buttons' sake only.
  const ACTS_ON = { start: "candidate", dismiss: "candidate", restore: "dismissed" };

  const state = { status: "", sort: "position", min: null, showAll: false };
  let order = [];
  let drawn = 0;
  const itemById = new Map();
  const picked = new Set();
  let lastPicked = null;

  // ---- Which claims, in which order ----------------------------------------------------------
  function passes(claim) {
    if (state.status ? claim.status !== state.status : claim.status === "dismissed") return false;
    if (state.min !== null && !(claim.score !== null && claim.score >= state.min)) return false;
    // A candidate below the threshold: in the list, as in the text, only with "show all
    // candidates" (or when the candidates' chip asks for them by name).
    if (claim.status !== "candidate" || claim.shown) return true;
    return state.showAll || state.status === "candidate";
  }

  const byPosition = (a, b) => a.position - b.position;
  const SORTS = {
    position: byPosition,
    score: (a, b) => (b.score ?? -1) - (a.score ?? -1) || byPosition(a, b),
    status: (a, b) =>
      STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) || byPosition(a, b),
  };

  // ---- Drawing ---------------------------------------------------------------------------------
  function scoreText(claim) {
    return claim.score === null ? gettext("not scored") : claim.score.toLocaleString(document.documentElement.lang, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  }

  // The panel shows a long quote's start; the text itself shows the whole claim.
  function quoteOf(claim) {
    const quote = page.text.slice(page.offsets.toUnits(claim.start), page.offsets.toUnits(claim.end));
    return quote.length > QUOTE_SHOWN ? `${quote.slice(0, page.snapDown(QUOTE_SHOWN - 1))}…` : quote;
  }

  function itemFor(claim) {
    let item = itemById.get(String(claim.id));
    if (item) return item;
    item = template.content.firstElementChild.cloneNode(true);
    const id = String(claim.id);
    item.dataset.claimId = id;
    item.id = `claim-${id}`;
    item.classList.add(`status-${claim.status}`);
    if (!claim.shown) item.classList.add("below");
    item.querySelector("q").textContent = quoteOf(claim);
    const meta = item.querySelector(".claim-meta");
    meta.id = `claim-${id}-meta`;
    item.querySelector("[data-select]").setAttribute("aria-describedby", meta.id);
    const badge = item.querySelector("[data-status]");
    badge.className = `badge status-${claim.status}`;
    badge.textContent = STATUS_LABEL.get(claim.status) || claim.status;
    if (claim.verdict) {
      const verdict = document.createElement("span");
      verdict.className = "badge verdict";
      verdict.style.setProperty("--rating", claim.colour);
      verdict.textContent = claim.proposed
        ? interpolate(gettext("Proposed: %(verdict)s"), { verdict: claim.verdict }, true)
        : claim.verdict;
      badge.after(verdict);
    }
    const score = item.querySelector("[data-score]");
    score.title = gettext("Check-worthiness");
    if (claim.score !== null) {
      const meter = document.createElement("meter");
      meter.min = 0;
      meter.max = 1;
      meter.value = claim.score;
      meter.setAttribute("aria-label", gettext("Check-worthiness"));
      score.append(meter, " ");
    }
    score.append(scoreText(claim));
    if (claim.status === "candidate" && !claim.shown) score.append(gettext(" · below threshold"));
    const reasons = item.querySelector("[data-reasons]");
    claim.reasons.forEach(([reason, down], index) => {
      const span = document.createElement("span");
      span.className = down ? "reason down" : "reason";
      span.textContent = down ? `↓ ${reason}` : reason;
      if (down) span.title = gettext("Pulled the score down");
      reasons.append(index ? ", " : "", span);
    });
    item.querySelector("[data-assignee]").textContent = claim.assignee;
    item.querySelector("[data-open]").href = claimUrl.replace("/0/", `/${id}/`);
    for (const button of item.querySelectorAll("[data-act]")) {
      if (ACTS_ON[button.dataset.act] !== claim.status) button.remove();
    }
    const box = item.querySelector("[data-pick]");
    if (box) box.setAttribute("aria-label", interpolate(gettext("Select claim %(id)s"), { id }, true));
    itemById.set(id, item);
    return item;
  }

  function drawMore(upTo = drawn + PAGE) {
    const end = Math.min(order.length, upTo);
    if (end <= drawn) return;
    const fragment = document.createDocumentFragment();
    for (let index = drawn; index < end; index += 1) {
      const item = itemFor(order[index]);
      const box = item.querySelector("[data-pick]");
      if (box) box.checked = picked.has(item.dataset.claimId);
      fragment.append(item);
    }
    list.append(fragment);
    drawn = end;
    more.hidden = drawn >= order.length;
    more.textContent = interpolate(gettext("Show more (%(left)s left)"), { left: order.length - drawn }, true);
  }

  function describe() {
    const hidden = state.showAll
      ? 0
      : claims.filter((claim) => claim.status === "candidate" && !claim.shown).length;
    let text = interpolate(gettext("Showing %(shown)s of %(total)s"), { shown: order.length, total: claims.length }, true);
    if (hidden && state.status !== "candidate") {
      text += interpolate(
        gettext("; %(hidden)s candidates below %(threshold)s hidden (show all candidates)"),
        { hidden, threshold: threshold.toFixed(2) },
        true,
      );
    }
    summary.textContent = text;
  }

  /** Sort, filter and draw the first page again (the active claim's item is kept in view). */
  function refresh() {
    order = claims.filter(passes).sort(SORTS[state.sort]);
    list.replaceChildren();
    drawn = 0;
    drawMore();
    empty.hidden = order.length > 0;
    describe();
    updatePicks();
    document.dispatchEvent(new CustomEvent("claims:redrawn"));
  }

  /** Draw the claim's item if it is in the list now and return it (null when filtered out). */
  function reveal(id) {
    const claim = claimById.get(String(id));
    const index = claim ? order.indexOf(claim) : -1;
    if (index === -1) return null;
    if (index >= drawn) drawMore(index + PAGE);
    return itemById.get(String(id));
  }

  // ---- Controls ------------------------------------------------------------------------------
  function setShowAll(on) {
    state.showAll = on;
    marked.paint(on);
    try {
      window.localStorage.setItem(STORAGE_KEY, on ? "1" : "0");
    } catch {
      // Storage refused (private window): the choice lasts for this page only.
    }
  }
  let remembered = false;
  try {
    remembered = window.localStorage.getItem(STORAGE_KEY) === "1";
  } catch {
    remembered = false;
  }
  showAllBox.checked = remembered;
  setShowAll(remembered);
  showAllBox.addEventListener("change", () => {
    setShowAll(showAllBox.checked);
    refresh();
  });

  for (const chip of chips) {
    chip.addEventListener("click", () => {
      const wanted = chip.dataset.status;
      state.status = state.status === wanted ? "" : wanted;
      for (const other of chips) {
        other.setAttribute("aria-pressed", String(other.dataset.status === state.status));
      }
      refresh();
    });
  }
  sortSelect.addEventListener("change", () => {
    state.sort = sortSelect.value;
    refresh();
  });
  minScore.addEventListener("input", () => {
    const value = minScore.value === "" ? null : Number(minScore.value);
    const valid = value === null || (value >= 0 && value <= 1);
    minScore.setCustomValidity(valid ? "" : "A score is between 0 and 1.");
    if (!valid) {
      minScore.reportValidity();
      return;
    }
    state.min = value;
    refresh();
  });
  more.addEventListener("click", () => drawMore());
  if ("IntersectionObserver" in window) {
    new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) drawMore();
    }).observe(more);
  }

  // ---- Picking and acting on many ------------------------------------------------------------
  function eligible(action) {
    return Array.from(picked, (id) => claimById.get(id)).filter(
      (claim) => claim && claim.status === ACTS_ON[action],
    );
  }

  function updatePicks() {
    if (!pickAll) return;
    const shownPicked = order.filter((claim) => picked.has(String(claim.id))).length;
    pickAll.checked = shownPicked > 0 && shownPicked === order.length;
    pickAll.indeterminate = shownPicked > 0 && shownPicked < order.length;
    pickedCount.textContent = picked.size
      ? interpolate(gettext("%(count)s selected"), { count: picked.size }, true)
      : gettext("None selected");
    for (const button of bulkButtons) {
      const count = eligible(button.dataset.bulk).length;
      button.disabled = count === 0;
      button.dataset.count = String(count);
    }
  }

  function setPicked(id, on) {
    const key = String(id);
    if (on) picked.add(key);
    else picked.delete(key);
    const box = itemById.get(key)?.querySelector("[data-pick]");
    if (box) box.checked = on;
  }

  /** Pick or unpick a claim; with `range`, everything listed between it and the last pick. */
  function togglePick(id, { range = false, on = !picked.has(String(id)) } = {}) {
    const key = String(id);
    const from = range && lastPicked ? order.indexOf(claimById.get(lastPicked)) : -1;
    const to = order.indexOf(claimById.get(key));
    if (from !== -1 && to !== -1) {
      const [low, high] = from < to ? [from, to] : [to, from];
      for (let index = low; index <= high; index += 1) setPicked(order[index].id, on);
    } else {
      setPicked(key, on);
    }
    lastPicked = key;
    updatePicks();
  }

  /** Send one action for these claims; the server answers with a message per claim. */
  function act(action, chosen) {
    // Only people who may research get the bulk bar; the server checks every claim again.
    const targets = chosen.filter((claim) => claim && claim.status === ACTS_ON[action]);
    if (!pickAll || targets.length === 0) return false;
    for (const input of actForm.querySelectorAll("input[name=claim]")) input.remove();
    actForm.elements.action.value = action;
    for (const claim of targets) {
      const input = document.createElement("input");
      input.type = "hidden";
      input.name = "claim";
      input.value = `${claim.id}:${claim.version}`;
      actForm.append(input);
    }
    actForm.submit();
    return true;
  }

  /** Act on the picked claims, or on `fallback` (the active claim) when none is picked. */
  function actOnPicked(action, fallback) {
    if (picked.size) return act(action, eligible(action));
    return fallback ? act(action, [fallback]) : false;
  }

  list.addEventListener("click", (event) => {
    const box = event.target.closest("[data-pick]");
    if (box) {
      togglePick(box.closest("[data-claim-id]").dataset.claimId, {
        range: event.shiftKey,
        on: box.checked,
      });
      return;
    }
    const button = event.target.closest("[data-act]");
    if (button) {
      act(button.dataset.act, [claimById.get(button.closest("[data-claim-id]").dataset.claimId)]);
    }
  });
  if (pickAll) {
    pickAll.addEventListener("change", () => {
      for (const claim of order) setPicked(claim.id, pickAll.checked);
      updatePicks();
    });
  }
  for (const button of bulkButtons) {
    button.addEventListener("click", () => actOnPicked(button.dataset.bulk, null));
  }

  refresh();

  window.articlePanel = Object.freeze({
    order: () => order,
    reveal,
    togglePick,
    actOnPicked,
    item: (id) => itemById.get(String(id)) || null,
  });
})();
