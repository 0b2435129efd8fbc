/* Keyboard shortcuts of the case page (progressive enhancement: every action is a link or a
   button that works without this file).

   An element offers a shortcut with data-shortcut="KeyN" (the KeyboardEvent.code, so the key
   is the same on every keyboard layout) and aria-keyshortcuts="Alt+Shift+N" (announced by
   screen readers). Shortcuts always need Alt and Shift together, so typing never triggers one
   (WCAG 2.1.4), and they do nothing while the focus is in a field. */
(function () {
  "use strict";

  function isField(element) {
    if (!element || !element.tagName) {
      return false;
    }
    var tag = element.tagName.toLowerCase();
    return tag === "input" || tag === "textarea" || tag === "select" || element.isContentEditable;
  }

  document.addEventListener("keydown", function (event) {
    if (!event.altKey || !event.shiftKey || event.ctrlKey || event.metaKey) {
      return;
    }
    if (event.defaultPrevented || event.repeat || isField(event.target)) {
      return;
    }
    var target = document.querySelector('[data-shortcut="' + event.code + '"]');
    if (!target) {
      return;
    }
    event.preventDefault();
    target.click();
  });
})();
