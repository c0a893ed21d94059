// Injected first into <head> of a copy of an HTML report by tests/e2e/test_html_browser.cpp.
// Records every window error and console.error, and once the page has loaded
// writes a verdict as JSON into a pre element, id probe-verdict: the errors, each canvas
// with the number of its pixels that are not the (transparent) background, every
// src or href of the page, the resources the page fetched, and the page's text.
(function () {
  'use strict';
  var errors = [];
  window.addEventListener('error', function (event) {
    errors.push('error: ' + event.message);
  }, true);
  var consoleError = console.error;
  console.error = function () {
    errors.push('console.error: ' + Array.prototype.join.call(arguments, ' '));
    consoleError.apply(console, arguments);
  };
  function painted(canvas) {
    var pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    var count = 0;
    for (var i = 3; i < pixels.length; i += 4) if (pixels[i] !== 0) ++count;
    return count;
  }
  window.addEventListener('load', function () {
    setTimeout(function () {
      var canvases = Array.prototype.map.call(document.querySelectorAll('canvas'), function (c) {
        return {id: c.id, width: c.width, height: c.height, painted: painted(c)};
      });
      var links = Array.prototype.map.call(document.querySelectorAll('[src],[href]'),
        function (e) { return e.getAttribute('src') || e.getAttribute('href'); });
      var resources = performance.getEntriesByType('resource').map(function (r) { return r.name; });
      var verdict = {errors: errors, canvases: canvases, links: links, resources: resources,
                     text: document.body.innerText};
      var out = document.createElement('pre');
      out.id = 'probe-verdict';
      out.textContent = JSON.stringify(verdict);
      document.body.appendChild(out);
    }, 200);
  });
})();
