/*
 * wagtail-localize 1.14's translation editor writes some text in English whatever the admin
 * language: the heading "<source> to <target> translation" and the footer's "More actions"
 * (hard-coded in its React bundle), and the dates of "Translated manually on 29 November 2026"
 * (formatted on the server with English month names). This replaces the labels with the
 * translations the server wrote into data attributes (translations/templates/wagtail_localize/
 * admin/edit_translation.html) and writes the dates in the admin's language (date samples from the server).
 * It also keeps the translator's footer count current.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var replacements = {};
  replacements[script.dataset.englishHeading] = script.dataset.heading;
  replacements["More actions"] = script.dataset.moreActions;

  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];
  var NAMES = "(" + MONTHS.join("|") + ")";
  // "29 November 2026" or "November 29, 2026", as Python's strftime writes them.
  var ENGLISH_DATE = new RegExp("\\b(?:(\\d{1,2}) " + NAMES + "|" + NAMES + " (\\d{1,2}),) (\\d{4})\\b", "g");
  var language = document.documentElement.lang || "en";
  // The 15th of each month of 2001 in the admin language's date format, from the server.
  var samples = JSON.parse(script.dataset.dateSamples || "[]");

  function localDate(match, day, month, monthFirst, dayAfter, year) {
    var sample = samples[MONTHS.indexOf(month || monthFirst)];
    if (!sample) {
      return match;
    }
    return sample.replace("2001", year).replace("15", String(Number(day || dayAfter)));
  }

  function relabel(root) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    var node;
    while ((node = walker.nextNode())) {
      var text = node.nodeValue.trim();
      var value = node.nodeValue;
      if (Object.prototype.hasOwnProperty.call(replacements, text) && replacements[text]) {
        value = value.replace(text, replacements[text]);
      } else if (language.slice(0, 2) !== "en") {
        value = value.replace(ENGLISH_DATE, localDate);
      }
      // Only a real change is written: an unchanged write would wake the observer again.
      if (value !== node.nodeValue) {
        node.nodeValue = value;
      }
    }
  }

  // The translator's footer counts translated strings as she saves them (the editor saves each
  // string without reloading the page); wagtail-localize marks a translated segment "complete".
  function recount(editor) {
    var progress = document.getElementById("translations-review-progress");
    if (!progress || !progress.dataset.template) {
      return;
    }
    var text = progress.dataset.template
      .replace("__TRANSLATED__", String(editor.querySelectorAll("li.complete").length))
      .replace("__TOTAL__", progress.dataset.total);
    if (progress.textContent.trim() !== text) {
      progress.textContent = text;
    }
  }

  function start() {
    var editor = document.querySelector(".js-translation-editor");
    if (!editor) {
      return;
    }
    relabel(editor);
    new MutationObserver(function () {
      relabel(editor);
      recount(editor);
    }).observe(editor, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ["class"] });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
