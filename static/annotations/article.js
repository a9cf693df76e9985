/*
 * The article page, part 4 of 5: pick claims from the text or the panel, turn a text selection
 * (mouse or keyboard) into a claim or a claim's new span, and the keyboard shortcuts. Loaded
 * after article-text.js, article-highlight.js and article-panel.js, whose `articleText`,
 * `articleClaims` and `articlePanel` it uses; shares `articleMarking` with article-mark.js.
 */
(() => {
  "use strict";

  const page = window.articleText;
  const marked = window.articleClaims;
  const panel = window.articlePanel;
  if (!page || !marked || !panel) return;
  const { textElement, text, textNode, offsets, isSpace, before, after } = page;
  const { boundaryIndex, snapDown, snapUp, wordEdges, sentenceEdges } = page;
  const { claims, claimById, canHighlight, isLit } = marked;
  const list = document.getElementById("claim-list");
  const markForm = document.getElementById("mark-form");
  const markButton = document.getElementById("mark-button");
  const markEditButton = document.getElementById("mark-edit-button");
  const spanButton = document.getElementById("span-button");
  const floatButton = document.getElementById("float-mark");
  const selectionInfo = document.getElementById("selection-info");
  const chooser = document.getElementById("claim-chooser");
  const help = document.getElementById("shortcut-help");

  // ---- Selection -> span ------------------------------------------------------------------
  function unitOffset(container, offset) {
    if (container === textNode) return offset;
    const range = document.createRange();
    range.setStart(textNode, 0);
    range.setEnd(container, offset);
    return range.toString().length;
  }

  /** Return the selected span of the article text, snapped and trimmed, or null. */
  function selectedSpan() {
    const selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
    const range = selection.getRangeAt(0);
    if (!range.intersectsNode(textNode)) return null;
    const whole = document.createRange();
    whole.selectNodeContents(textElement);
    let start =
      range.compareBoundaryPoints(Range.START_TO_START, whole) <= 0
        ? 0
        : unitOffset(range.startContainer, range.startOffset);
    let end =
      range.compareBoundaryPoints(Range.END_TO_END, whole) >= 0
        ? text.length
        : unitOffset(range.endContainer, range.endOffset);
    start = snapDown(start);
    end = snapUp(end);
    while (start < end && isSpace(text[start])) start = snapUp(start + 1);
    while (end > start && isSpace(text[end - 1])) end = snapDown(end - 1);
    if (start >= end) return null;
    return {
      start: offsets.toCodePoints(start),
      end: offsets.toCodePoints(end),
      quote: text.slice(start, end),
      range,
    };
  }

  let pendingSpan = null;
  // The passage selected from the keyboard, in UTF-16 units; null once the selection is changed
  // any other way (a mouse drag, a click, Escape).
  let keyboardSpan = null;
  let describedSpan = null;

  /** Return the selection as people count it: the quote (long ones shortened) and its length. */
  function describe(span) {
    const from = offsets.toUnits(span.start);
    const to = offsets.toUnits(span.end);
    let quote = span.quote;
    // Reading out a whole paragraph at every key press would drown the edge that just moved.
    if (to - from > 160) {
      const { starts, ends } = wordEdges().pieces;
      let head = before(ends, from + 70);
      if (!(head > from)) head = snapDown(from + 70);
      let tail = after(starts, to - 70);
      if (!(tail < to)) tail = snapUp(to - 70);
      if (head < tail) quote = `${text.slice(from, head)} … ${text.slice(tail, to)}`;
    }
    return { quote, length: boundaryIndex(to) - boundaryIndex(from) };
  }

  function showSelectionInfo(span) {
    const key = span ? `${span.start}:${span.end}` : null;
    if (!selectionInfo || key === describedSpan) return;
    describedSpan = key;
    if (!span) {
      selectionInfo.replaceChildren();
      return;
    }
    const { quote, length } = describe(span);
    const head = document.createElement("span");
    head.className = "selection-quote";
    const words = document.createElement("bdi");
    words.textContent = quote;
    // The translated sentence around the quote: "Selected “%(quote)s”" split at the quote.
    const [before, after] = gettext("Selected “%(quote)s”").split("%(quote)s");
    head.append(before, words, after ?? "");
    const tail = document.createElement("span");
    tail.className = "selection-length";
    tail.textContent = `, ${interpolate(ngettext("%(count)s character", "%(count)s characters", length), { count: length }, true)}`;
    selectionInfo.replaceChildren(head, tail);
  }

  function refreshSelection() {
    pendingSpan = selectedSpan();
    const has = pendingSpan !== null;
    const fromKeyboard =
      has &&
      keyboardSpan !== null &&
      offsets.toUnits(pendingSpan.start) === keyboardSpan.start &&
      offsets.toUnits(pendingSpan.end) === keyboardSpan.end;
    if (!fromKeyboard) keyboardSpan = null;
    if (markButton) markButton.disabled = !has;
    if (markEditButton) markEditButton.disabled = !has;
    if (spanButton) spanButton.disabled = !has || activeClaim() === null;
    showSelectionInfo(pendingSpan);
    if (floatButton && markButton) {
      if (has) {
        placeFloatButton(pendingSpan.range);
      } else {
        floatButton.hidden = true;
      }
    }
  }
  // Above the selection's first line, so the text after it stays readable; below its last
  // line when the sticky bars leave no room above; always inside the window.
  function placeFloatButton(range) {
    const rects = range.getClientRects();
    const first = rects[0] || range.getBoundingClientRect();
    const last = rects[rects.length - 1] || first;
    floatButton.hidden = false;
    const height = floatButton.offsetHeight;
    const width = floatButton.offsetWidth;
    const bars = document.querySelectorAll(".topbar, .toolbar");
    const covered = Math.max(0, ...Array.from(bars, (bar) => bar.getBoundingClientRect().bottom));
    const above = first.top - height - 6 >= covered + 4;
    const top = above ? first.top - height - 6 : last.bottom + 6;
    const start = above ? first.left : last.right - width;
    const left = Math.min(Math.max(8, start), document.documentElement.clientWidth - width - 8);
    floatButton.style.top = `${top + window.scrollY}px`;
    floatButton.style.left = `${left + window.scrollX}px`;
  }
  let selectionFrame = 0;
  document.addEventListener("selectionchange", () => {
    cancelAnimationFrame(selectionFrame);
    selectionFrame = requestAnimationFrame(refreshSelection);
  });

  function submitSpan(action, extra, span = pendingSpan || selectedSpan()) {
    if (!span || !markForm) return;
    markForm.elements.start.value = String(span.start);
    markForm.elements.end.value = String(span.end);
    markForm.elements.quote.value = span.quote;
    markForm.elements.version.value = extra.version ? String(extra.version) : "";
    markForm.elements.claim_text.value = extra.claimText || "";
    markForm.elements.claim_date.value = extra.claimDate || "";
    markForm.action = action;
    markForm.submit();
  }
  /** Mark the selection (or `span`) as a claim, with its wording and date when given. */
  function markAsClaim(extra = {}, span = undefined) {
    if (markButton) submitSpan(markForm.getAttribute("action"), extra, span);
  }
  function setSpanOfActive() {
    const claim = activeClaim();
    if (!claim || !spanButton) return;
    const action = markForm.dataset.spanAction.replace(/\/0\/span\/$/, `/${claim.id}/span/`);
    submitSpan(action, { version: claim.version });
  }

  /** Move the active claim's start or end by one word (`direction` -1 or +1) and save it. */
  function moveEdge(edge, direction) {
    const claim = activeClaim();
    if (!claim || !spanButton) return;
    const { starts, ends } = wordEdges();
    let start = offsets.toUnits(claim.start);
    let end = offsets.toUnits(claim.end);
    if (edge === "start") start = (direction < 0 ? before(starts, start) : after(starts, start)) ?? start;
    else end = (direction > 0 ? after(ends, end) : before(ends, end)) ?? end;
    if (start >= end || (start === offsets.toUnits(claim.start) && end === offsets.toUnits(claim.end))) return;
    pendingSpan = {
      start: offsets.toCodePoints(start),
      end: offsets.toCodePoints(end),
      quote: text.slice(start, end),
    };
    setSpanOfActive();
  }

  // ---- Keyboard selection: any passage, without a mouse or caret browsing ---------------------
  // The passage becomes the document's real selection, so marking it, setting a claim's span to
  // it and copying it take exactly the path a mouse selection takes. Steps follow the reading
  // order: in right-to-left text the left arrow goes forward, as the caret does there.
  const selectButton = document.getElementById("select-button");
  const forwardKey = getComputedStyle(textElement).direction === "rtl" ? "ArrowLeft" : "ArrowRight";

  /** Make the UTF-16 span [start, end) the selection and bring `shown` into view. */
  function selectUnits(start, end, shown) {
    keyboardSpan = { start, end };
    window.getSelection().setBaseAndExtent(textNode, start, textNode, end);
    cancelAnimationFrame(selectionFrame);
    refreshSelection();
    const range = document.createRange();
    range.setStart(textNode, Math.min(shown, snapDown(end - 1)));
    range.setEnd(textNode, snapUp(range.startOffset + 1));
    const rect = range.getBoundingClientRect();
    // Below the sticky top bar and toolbar, above the bottom of the window.
    if (rect.top < 130 || rect.bottom > window.innerHeight - 20) {
      window.scrollBy({ top: rect.top - window.innerHeight / 3 });
    }
  }

  /**
   * Select the word after the selected claim (or the article's first word), or take over a
   * passage already selected with the mouse, and put the keyboard focus on the text.
   */
  function startKeyboardSelection() {
    const current = keyboardSpan ? null : selectedSpan();
    textElement.focus({ preventScroll: true });
    if (current) {
      const end = offsets.toUnits(current.end);
      selectUnits(offsets.toUnits(current.start), end, end);
      return;
    }
    const { starts, ends, pieces } = wordEdges();
    const list = starts.length ? { starts, ends } : pieces;
    if (list.starts.length === 0) return;
    const claim = activeClaim();
    const cursor = claim ? offsets.toUnits(claim.end) : 0;
    let index = list.starts.findIndex((start) => start >= cursor);
    if (index === -1) index = list.starts.length - 1;
    selectUnits(list.starts[index], list.ends[index], list.starts[index]);
  }

  /** Move or resize the keyboard selection for an arrow key; return whether the key was used. */
  function adjustKeyboardSelection(event) {
    if (!keyboardSpan || event.ctrlKey || event.metaKey) return false;
    const horizontal = event.key === "ArrowLeft" || event.key === "ArrowRight";
    const vertical = event.key === "ArrowUp" || event.key === "ArrowDown";
    if (!horizontal && !(vertical && event.shiftKey && !event.altKey)) return false;
    const step = (list, unit, direction) => (direction > 0 ? after(list, unit) : before(list, unit));
    const { starts, ends } = wordEdges().pieces;
    const direction = event.key === forwardKey || event.key === "ArrowDown" ? 1 : -1;
    let { start, end } = keyboardSpan;
    if (vertical && direction > 0) {
      end = after(sentenceEdges().ends, end) ?? end;
    } else if (vertical) {
      start = before(sentenceEdges().starts, start) ?? start;
    } else if (event.shiftKey && event.altKey) {
      start = step(starts, start, direction) ?? start;
    } else if (event.shiftKey) {
      end = step(ends, end, direction) ?? end;
    } else if (!event.altKey) {
      const movedStart = step(starts, start, direction);
      const movedEnd = step(ends, end, direction);
      if (movedStart !== undefined && movedEnd !== undefined) {
        start = movedStart;
        end = movedEnd;
      }
    } else {
      return false;
    }
    if (start < end && (start !== keyboardSpan.start || end !== keyboardSpan.end)) {
      selectUnits(start, end, end !== keyboardSpan.end ? end : start);
    }
    return true;
  }

  /** Clear the selection, saying so when there was one. */
  function clearSelection() {
    const had = pendingSpan !== null || keyboardSpan !== null;
    keyboardSpan = null;
    window.getSelection().removeAllRanges();
    cancelAnimationFrame(selectionFrame);
    refreshSelection();
    if (had && selectionInfo) selectionInfo.textContent = gettext("Selection cleared");
  }

  for (const button of [selectButton, markButton, markEditButton, spanButton, floatButton]) {
    // Keep the text selection alive: a mousedown on a button would otherwise collapse it.
    if (button) button.addEventListener("mousedown", (event) => event.preventDefault());
  }
  if (selectButton) selectButton.addEventListener("click", startKeyboardSelection);
  if (markButton) markButton.addEventListener("click", () => markAsClaim());
  if (floatButton) {
    floatButton.querySelector("[data-mark]").addEventListener("click", () => markAsClaim());
  }
  if (spanButton) spanButton.addEventListener("click", setSpanOfActive);

  // ---- The active claim ----------------------------------------------------------------------
  let activeId = null;
  function activeClaim() {
    return activeId === null ? null : claimById.get(activeId) || null;
  }

  function activate(id, { focus = false, scrollText = true } = {}) {
    const claim = claimById.get(String(id));
    if (!claim) return;
    const previous = activeId && panel.item(activeId);
    if (previous) {
      previous.classList.remove("active");
      previous.removeAttribute("aria-current");
    }
    activeId = String(claim.id);
    const item = panel.reveal(activeId);
    if (item) {
      item.classList.add("active");
      item.setAttribute("aria-current", "true");
      item.scrollIntoView({ block: "nearest" });
      if (focus) item.querySelector("[data-select]").focus({ preventScroll: true });
    }
    if (canHighlight) {
      const highlight = new Highlight(claim.range);
      highlight.priority = 2;
      CSS.highlights.set("claim-active", highlight);
    }
    if (scrollText) {
      const rect = claim.range.getBoundingClientRect();
      if (rect.top < 60 || rect.bottom > window.innerHeight - 20) {
        window.scrollBy({ top: rect.top - window.innerHeight / 3 });
      }
    }
    if (spanButton) spanButton.disabled = pendingSpan === null;
    const url = new URL(window.location.href);
    url.searchParams.set("claim", activeId);
    window.history.replaceState(null, "", url);
  }

  /** Move to the next (`step` 1) or previous (-1) claim of the panel's list that passes. */
  function move(step, filter = () => true) {
    const listed = panel.order();
    const active = activeClaim();
    const from = active ? listed.indexOf(active) : -1;
    for (let n = 1; n <= listed.length; n += 1) {
      const index = from === -1
        ? (step > 0 ? n - 1 : listed.length - n)
        : (((from + step * n) % listed.length) + listed.length) % listed.length;
      if (filter(listed[index])) {
        activate(listed[index].id, { focus: true });
        return;
      }
    }
  }

  list.addEventListener("click", (event) => {
    const select = event.target.closest("[data-select]");
    if (select) activate(select.closest("[data-claim-id]").dataset.claimId);
  });
  // A redrawn list (sorted, filtered) gets the active claim's mark back.
  document.addEventListener("claims:redrawn", () => {
    const item = activeId && panel.item(activeId);
    if (item) {
      item.classList.add("active");
      item.setAttribute("aria-current", "true");
    }
  });

  // ---- Clicking the text: pick the claim (or choose among overlapping ones) ------------------
  function unitAtPoint(x, y) {
    if (document.caretPositionFromPoint) {
      const position = document.caretPositionFromPoint(x, y);
      if (position && position.offsetNode === textNode) return position.offset;
    } else if (document.caretRangeFromPoint) {
      const range = document.caretRangeFromPoint(x, y);
      if (range && range.startContainer === textNode) return range.startOffset;
    }
    return null;
  }

  function hideChooser() {
    chooser.hidden = true;
    chooser.replaceChildren();
  }

  function showChooser(hits, x, y) {
    chooser.replaceChildren();
    const heading = document.createElement("p");
    heading.className = "chooser-head";
    heading.textContent = interpolate(gettext("%(count)s claims overlap here"), { count: hits.length }, true);
    chooser.append(heading);
    for (const claim of hits) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "chooser-item";
      const quote = text.slice(offsets.toUnits(claim.start), offsets.toUnits(claim.end));
      button.textContent = quote.length > 90 ? `${quote.slice(0, 89)}…` : quote;
      button.dataset.claimId = String(claim.id);
      button.addEventListener("click", () => {
        hideChooser();
        activate(claim.id, { focus: true });
      });
      chooser.append(button);
    }
    chooser.style.top = `${y + window.scrollY + 12}px`;
    chooser.style.left = `${Math.min(x + window.scrollX, window.innerWidth - 340)}px`;
    chooser.hidden = false;
    chooser.querySelector("button").focus();
  }

  textElement.addEventListener("click", (event) => {
    const selection = window.getSelection();
    if (selection && !selection.isCollapsed) return;
    const unit = unitAtPoint(event.clientX, event.clientY);
    if (unit === null) return;
    const point = offsets.toCodePoints(unit);
    // Only what is highlighted can be clicked: a hidden candidate is plain text.
    const lit = claims.filter(isLit);
    let hits = lit.filter((claim) => claim.start <= point && point < claim.end);
    if (hits.length === 0) hits = lit.filter((claim) => claim.start < point && point <= claim.end);
    if (hits.length === 0) {
      hideChooser();
    } else if (hits.length === 1) {
      hideChooser();
      activate(hits[0].id, { scrollText: false });
    } else {
      showChooser(hits, event.clientX, event.clientY);
    }
  });
  document.addEventListener("click", (event) => {
    if (!chooser.hidden && !chooser.contains(event.target) && !textElement.contains(event.target)) {
      hideChooser();
    }
  });

  // ---- Keyboard shortcuts ------------------------------------------------------------------
  function toggleHelp() {
    if (help.open) help.close();
    else help.showModal();
  }
  document.getElementById("help-button").addEventListener("click", toggleHelp);

  function clickInActive(selector) {
    const item = activeId && panel.item(activeId);
    const button = item && item.querySelector(selector);
    if (button) button.click();
  }

  document.addEventListener("keydown", (event) => {
    if (event.defaultPrevented) return;
    if (event.target.closest("input, textarea, select, [contenteditable]")) return;
    if (help.open && event.key !== "?") return;
    if (adjustKeyboardSelection(event)) {
      event.preventDefault();
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const onControl = event.target.closest("button, a, summary");
    switch (event.key) {
      case "j":
        move(1);
        break;
      case "k":
        move(-1);
        break;
      case "n":
        move(1, (claim) => claim.status === "candidate");
        break;
      case "x":
        if (activeId && panel.item(activeId)?.querySelector("[data-pick]")) {
          panel.togglePick(activeId);
        }
        break;
      case "a":
        panel.actOnPicked("start", activeClaim());
        break;
      case "d":
        panel.actOnPicked("dismiss", activeClaim());
        break;
      case "o":
        clickInActive("[data-open]");
        break;
      case "Enter":
        if (onControl) return;
        clickInActive("[data-open]");
        break;
      case "v":
        startKeyboardSelection();
        break;
      case "m":
        markAsClaim();
        break;
      case "s":
        setSpanOfActive();
        break;
      case "[":
        moveEdge("start", -1);
        break;
      case "{":
        moveEdge("start", 1);
        break;
      case "]":
        moveEdge("end", 1);
        break;
      case "}":
        moveEdge("end", -1);
        break;
      case "?":
        toggleHelp();
        break;
      case "Escape":
        hideChooser();
        clearSelection();
        break;
      default:
        return;
    }
    event.preventDefault();
  });

  const requested = new URLSearchParams(window.location.search).get("claim");
  if (requested && claimById.has(requested)) activate(requested);

  window.articleMarking = Object.freeze({
    span: () => pendingSpan || selectedSpan(),
    mark: markAsClaim,
  });

  performance.mark("workspace-ready");
  document.documentElement.dataset.workspaceReady = "1";
})();
