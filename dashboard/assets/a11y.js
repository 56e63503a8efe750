// radtrack: what Dash's components leave out for assistive technology, set in the browser
// (checked by axe-core in tests/test_accessibility.py):
// - the document's language follows the page's <main lang>, so a screen reader speaks
//   Indonesian with an Indonesian voice and switches with the language switch;
// - a dropdown's hidden focus helper (aria-hidden) leaves the tab order: the dropdown's own
//   button takes the focus;
// - the upload's file input is named by the text of its drop zone;
// - a table that scrolls sideways in its own box (a phone) takes the keyboard focus, so that it
//   can be scrolled without a mouse.
(function () {
  function fix() {
    var main = document.querySelector('main[lang]');
    if (main && document.documentElement.lang !== main.lang) {
      document.documentElement.lang = main.lang;
    }
    document.querySelectorAll('.dash-dropdown-focus-target[aria-hidden="true"]').forEach(
      function (el) {
        if (el.getAttribute('tabindex') !== '-1') el.setAttribute('tabindex', '-1');
      });
    document.querySelectorAll('.upload-zone input[type=file]').forEach(function (el) {
      var zone = el.closest('.upload-zone');
      var name = zone ? zone.innerText.trim() : '';
      if (name && el.getAttribute('aria-label') !== name) el.setAttribute('aria-label', name);
    });
    document.querySelectorAll('table.grid, table.status-table').forEach(function (el) {
      var scrolls = el.scrollWidth > el.clientWidth + 1;
      if (scrolls && el.getAttribute('tabindex') !== '0') el.setAttribute('tabindex', '0');
      if (!scrolls && el.hasAttribute('tabindex')) el.removeAttribute('tabindex');
    });
  }
  new MutationObserver(fix).observe(document, {subtree: true, childList: true});
  document.addEventListener('DOMContentLoaded', fix);
  window.addEventListener('resize', fix);
})();
