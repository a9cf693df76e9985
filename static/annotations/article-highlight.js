/*
 * The article page, part 2 of 5: the claims (from the page's JSON) and their highlights, drawn
 * without touching the text's DOM (CSS Custom Highlight API). By default only the claims the
 * server marks `shown` are lit (claims in work, candidates at or above the threshold or not
 * scored); "show all candidates" lights the rest too. Shared as `articleClaims`.
 */
(() => {
  "use strict";

  const page = window.articleText;
  if (!page) return;
  const { textNode, offsets } = page;
  const claims = JSON.parse(document.getElementById("claims-data").textContent);
  const claimById = new Map(claims.map((claim) => [String(claim.id), claim]));
  const canHighlight = typeof Highlight === "function" && "highlights" in CSS;
  const painted = new Set();
  let showAll = false;

  function rangeOf(claim) {
    const range = new Range();
    range.setStart(textNode, offsets.toUnits(claim.start));
    range.setEnd(textNode, offsets.toUnits(claim.end));
    return range;
  }
  claims.forEach((claim, index) => {
    claim.range = rangeOf(claim);
    claim.position = index;
  });

  /** Tell whether the claim is highlighted in the text now. */
  function isLit(claim) {
    return showAll || claim.shown;
  }

  /** Draw the highlights: the claims shown by default, or every claim with `all`. */
  function paint(all) {
    showAll = Boolean(all);
    if (!canHighlight) return;
    for (const name of painted) CSS.highlights.delete(name);
    painted.clear();
    const groups = new Map();
    for (const claim of claims) {
      if (!isLit(claim)) continue;
      // A candidate below the threshold is drawn fainter than one worth checking.
      const name = claim.shown ? claim.highlight : `${claim.highlight}-below`;
      if (!groups.has(name)) groups.set(name, new Highlight());
      groups.get(name).add(claim.range);
    }
    for (const [name, highlight] of groups) {
      CSS.highlights.set(name, highlight);
      painted.add(name);
    }

    // Where two or more live claims overlap, underline: both stay visible and clickable.
    const events = [];
    for (const claim of claims) {
      if (claim.status === "dismissed" || !isLit(claim)) continue;
      events.push([claim.start, 1], [claim.end, -1]);
    }
    events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const overlap = new Highlight();
    overlap.priority = 1;
    let depth = 0;
    let from = 0;
    for (const [at, step] of events) {
      if (depth >= 2 && at > from) {
        overlap.add(rangeOf({ start: from, end: at }));
      }
      depth += step;
      from = at;
    }
    CSS.highlights.set("claim-overlap", overlap);
    painted.add("claim-overlap");
  }

  window.articleClaims = Object.freeze({ claims, claimById, canHighlight, isLit, paint });
})();
