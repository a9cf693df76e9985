/*
 * The article page, part 2 of 3: the claims (from the page's JSON) and their highlights, drawn
 * without touching the text's DOM (CSS Custom Highlight API). Shared as `articleClaims`.
 */
(() => {
  "use strict";

  const page = window.articleText;
  if (!page) return;
  const { textNode, offsets } = page;
  const claims = JSON.parse(document.getElementById("claims-data").textContent);
  const claimById = new Map(claims.map((claim) => [String(claim.id), claim]));
  const canHighlight = typeof Highlight === "function" && "highlights" in CSS;

  function rangeOf(claim) {
    const range = new Range();
    range.setStart(textNode, offsets.toUnits(claim.start));
    range.setEnd(textNode, offsets.toUnits(claim.end));
    return range;
  }
  for (const claim of claims) claim.range = rangeOf(claim);

  if (canHighlight) {
    const groups = new Map();
    for (const claim of claims) {
      if (!groups.has(claim.highlight)) groups.set(claim.highlight, new Highlight());
      groups.get(claim.highlight).add(claim.range);
    }
    for (const [name, highlight] of groups) CSS.highlights.set(name, highlight);

    // Where two or more live claims overlap, underline: both stay visible and clickable.
    const events = [];
    for (const claim of claims) {
      if (claim.highlight === "claim-dismissed") continue;
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
  }

  window.articleClaims = Object.freeze({ claims, claimById, canHighlight });
})();
