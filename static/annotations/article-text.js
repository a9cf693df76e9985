/*
 * The article page, part 1 of 3: the article text and the rules for moving through it. The
 * server counts code points; the browser counts UTF-16 code units: `offsets` below is the only
 * place that converts between the two. Grapheme, word and sentence edges keep a selection from
 * splitting an emoji or a letter from its accent. Shared with the other parts as `articleText`.
 */
(() => {
  "use strict";
  // The article page's own start-up time is measured from here to "workspace-ready".
  performance.mark("workspace-start");

  const textElement = document.querySelector("[data-article-text]");
  if (!textElement) return;
  // Hidden while the page is parsed (see article.css): shown before anything else can fail.
  textElement.classList.remove("pending");
  const text = textElement.textContent;
  // The template renders the text as one text node, so a DOM offset is a string index.
  const textNode = textElement.firstChild || textElement.appendChild(document.createTextNode(""));

  /** Return the index of the last item of an ascending list that is at most `value`. */
  function lastAtOrBefore(list, value) {
    let low = 0;
    let high = list.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (list[middle] <= value) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  // ---- Offsets: code points (server) <-> UTF-16 code units (DOM) ----------------------------
  const offsets = (() => {
    const unitOfCodePoint = [];
    for (let unit = 0; unit < text.length; ) {
      unitOfCodePoint.push(unit);
      const high = text.charCodeAt(unit);
      const low = text.charCodeAt(unit + 1);
      const pair = high >= 0xd800 && high <= 0xdbff && low >= 0xdc00 && low <= 0xdfff;
      unit += pair ? 2 : 1;
    }
    unitOfCodePoint.push(text.length);
    return {
      /** Return the UTF-16 index of a code point offset. */
      toUnits(codePoint) {
        return unitOfCodePoint[Math.max(0, Math.min(codePoint, unitOfCodePoint.length - 1))];
      },
      /** Return the code point offset of a UTF-16 index (inside a pair: the pair's start). */
      toCodePoints(unit) {
        return lastAtOrBefore(unitOfCodePoint, unit);
      },
    };
  })();

  // ---- Grapheme clusters: never half an emoji or a letter without its accent -----------------
  let boundaries = null;
  function graphemeBoundaries() {
    if (boundaries) return boundaries;
    boundaries = [];
    if (typeof Intl === "object" && Intl.Segmenter) {
      const segmenter = new Intl.Segmenter(textElement.lang || undefined, { granularity: "grapheme" });
      for (const segment of segmenter.segment(text)) boundaries.push(segment.index);
    } else {
      for (let unit = 0, cp = 0; unit < text.length; cp += 1, unit = offsets.toUnits(cp)) {
        boundaries.push(unit);
      }
    }
    boundaries.push(text.length);
    return boundaries;
  }
  /** Return the index of the last grapheme boundary at or before a UTF-16 index. */
  function boundaryIndex(unit) {
    return lastAtOrBefore(graphemeBoundaries(), unit);
  }
  function snapDown(unit) {
    return graphemeBoundaries()[boundaryIndex(unit)];
  }
  function snapUp(unit) {
    const list = graphemeBoundaries();
    let low = 0;
    let high = list.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (list[middle] >= unit) high = middle;
      else low = middle + 1;
    }
    return list[low];
  }
  const isSpace = (char) => /\s/u.test(char);

  // Word edges for moving a claim's start or end, or the keyboard selection's, from the keyboard.
  // `starts`/`ends` are words and numbers; `pieces` also holds every other run that is not
  // space (a punctuation mark, a symbol, an emoji), so a selection can take in "94%" or end
  // on a full stop. Word boundaries never fall inside a grapheme cluster.
  let words = null;
  function wordEdges() {
    if (words) return words;
    words = { starts: [], ends: [], pieces: { starts: [], ends: [] } };
    if (typeof Intl === "object" && Intl.Segmenter) {
      const segmenter = new Intl.Segmenter(textElement.lang || undefined, { granularity: "word" });
      for (const segment of segmenter.segment(text)) {
        const end = segment.index + segment.segment.length;
        if (segment.isWordLike) {
          words.starts.push(segment.index);
          words.ends.push(end);
        }
        if (!segment.isWordLike && /^\s*$/u.test(segment.segment)) continue;
        words.pieces.starts.push(segment.index);
        words.pieces.ends.push(end);
      }
    }
    return words;
  }
  // Sentence edges, trimmed of the spaces between sentences, for "extend to the sentence's end".
  let sentences = null;
  function sentenceEdges() {
    if (sentences) return sentences;
    sentences = { starts: [], ends: [] };
    if (typeof Intl === "object" && Intl.Segmenter) {
      const segmenter = new Intl.Segmenter(textElement.lang || undefined, { granularity: "sentence" });
      for (const segment of segmenter.segment(text)) {
        let start = segment.index;
        let end = start + segment.segment.length;
        while (start < end && isSpace(text[start])) start = snapUp(start + 1);
        while (end > start && isSpace(text[end - 1])) end = snapDown(end - 1);
        if (start >= end) continue;
        sentences.starts.push(start);
        sentences.ends.push(end);
      }
    }
    return sentences;
  }
  const before = (list, unit) => list.filter((edge) => edge < unit).pop();
  const after = (list, unit) => list.find((edge) => edge > unit);

  window.articleText = Object.freeze({ textElement, text, textNode, offsets, isSpace, before,
    after, boundaryIndex, snapDown, snapUp, wordEdges, sentenceEdges });
})();
