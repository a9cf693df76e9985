"use strict";
// Selecting in an autocomplete filter's box applies the filter, like clicking one of its links.
// Loaded once per filter on the page; the namespaced handler is replaced, never doubled.
window.addEventListener("load", () => {
  django.jQuery(".fc-autocomplete-filter select").off("change.fc").on("change.fc", function () {
    const url = new URL(window.location.href);
    url.searchParams.delete("p");
    const parameter = this.dataset.filterParameter;
    if (this.value) {
      url.searchParams.set(parameter, this.value);
    } else {
      url.searchParams.delete(parameter);
    }
    window.location.assign(url.toString());
  });
});
