// radtrack: what Dash's components leave out for assistive technology, set in the browser
// (checked by axe-core in tests/test_accessibility.py):
// - the document's language follows the page's <main lang>, so a screen reader speaks
//   Indonesian with an Indonesian voice and switches with the language switch;
// - a dropdown's hidden focus helper (aria-hidden, yet focusable) leaves the tab order and the
//   dropdown's own button, which opens it with Enter or Space, takes its place;
// - the upload's drop zone takes the keyboard focus (Enter or Space opens the file dialog),
//   named by its text, as is its file input;
// - a table that scrolls sideways in its own box (a phone) takes the keyboard focus, so that it
//   can be scrolled without a mouse.
(function () {
  // attributes only, no layout read: run at once on every change of the page (a mutation
  // observer's callback runs before the browser does anything else), so that not even for one
  // frame does a hidden helper sit in the tab order
  function focusOrder() {
    document.querySelectorAll('.dash-dropdown-wrapper').forEach(function (wrapper) {
      var helper = wrapper.querySelector('.dash-dropdown-focus-target[aria-hidden="true"]');
      var button = wrapper.querySelector('button.dash-dropdown');
      if (!helper || !button) return;
      if (helper.getAttribute('tabindex') !== '-1') helper.setAttribute('tabindex', '-1');
      if (button.getAttribute('tabindex') !== '0') button.setAttribute('tabindex', '0');
    });
  }
  function fix() {
    var main = document.querySelector('main[lang]');
    if (main && document.documentElement.lang !== main.lang) {
      document.documentElement.lang = main.lang;
    }
    document.querySelectorAll('.dash-dropdown-wrapper').forEach(function (wrapper) {
      var button = wrapper.querySelector('button.dash-dropdown');
      if (!button) return;
      // its name is the filter's label and the value chosen ("Tahun: 2019"), not the value
      // alone (Dash names it by the value), and never empty while the value is loading
      var label = wrapper.parentElement && wrapper.parentElement.querySelector('label');
      var value = button.textContent.trim();  // textContent: no layout read, unlike innerText
      var name = label ? label.textContent.trim() + (value ? ': ' + value : '') : value;
      if (name && button.getAttribute('aria-label') !== name) {
        button.setAttribute('aria-label', name);
        button.removeAttribute('aria-labelledby');
      }
    });
    document.querySelectorAll('.upload-zone input[type=file]').forEach(function (el) {
      var zone = el.closest('.upload-zone');
      var name = zone ? zone.textContent.replace(/\s+/g, ' ').trim() : '';
      if (name && el.getAttribute('aria-label') !== name) el.setAttribute('aria-label', name);
      if (zone && !zone.hasAttribute('data-keyboard')) {
        // the drop zone is a button for the keyboard: Enter or Space opens the file dialog
        zone.setAttribute('data-keyboard', '1');
        zone.setAttribute('tabindex', '0');
        zone.setAttribute('aria-label', name);
        el.setAttribute('tabindex', '-1');  // the zone is the one stop of the Tab key
        zone.addEventListener('keydown', function (event) {
          if (event.key === 'Enter' || event.key === ' ') {
            event.preventDefault();
            el.click();
          }
        });
      }
    });
    // the tables on the page now (none of those a page drew before), each measured anew
    var tables = document.querySelectorAll('table.grid, table.status-table');
    if (!sized) {  // a browser without ResizeObserver: measured here, as it stands
      tables.forEach(keyboardScroll);
      return;
    }
    sized.disconnect();
    tables.forEach(function (el) { sized.observe(el); });
  }
  function keyboardScroll(el) {
    var scrolls = el.scrollWidth > el.clientWidth + 1;
    if (scrolls && el.getAttribute('tabindex') !== '0') el.setAttribute('tabindex', '0');
    if (!scrolls && el.hasAttribute('tabindex')) el.removeAttribute('tabindex');
  }
  // whether a table scrolls sideways, read in a resize observer's turn, which comes after the
  // browser's own layout of the frame (and again whenever the table's box changes size):
  // reading it in the frame's pass forced a layout of the whole page while it was being drawn
  var sized = window.ResizeObserver ? new ResizeObserver(function (entries) {
    entries.forEach(function (entry) { keyboardScroll(entry.target); });
  }) : null;
  // once per frame at most, however many nodes a page draws
  var pending = false;
  function later() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(function () { pending = false; fix(); });
  }
  // a re-render may set an attribute back without adding a node: tabindex and aria-hidden too.
  // Those changes (the fixes' own among them) need the focus order only; the frame's pass
  // waits for new nodes
  new MutationObserver(function (changes) {
    focusOrder();
    if (changes.some(function (c) { return c.type === 'childList'; })) later();
  }).observe(
    document, {subtree: true, childList: true, attributes: true,
               attributeFilter: ['tabindex', 'aria-hidden']});
  document.addEventListener('DOMContentLoaded', later);
  window.addEventListener('resize', later);
})();
