/* The seminar's recording, loaded only when the visitor asks for it.
 *
 * The page (templates/components/seminar_recording.html) shows a local poster
 * and a plain link to the video; nothing comes from the video host. This
 * script shows the play button and, on click, replaces the poster with the
 * host's privacy-friendly player (youtube-nocookie.com, or player.vimeo.com
 * with dnt=1), whose address the server put in data-embed-url. Without
 * JavaScript the button stays hidden and the link still works.
 */
(function () {
  "use strict";

  var ALLOWED = /^https:\/\/(www\.youtube-nocookie\.com\/embed\/|player\.vimeo\.com\/video\/)[\w-]+(\?[\w=&%-]*)?$/;

  function play(player, url) {
    var frame = document.createElement("iframe");
    frame.src = url;
    frame.title = player.getAttribute("data-title") || "";
    frame.className = "recording__frame";
    frame.setAttribute("allow", "autoplay; fullscreen; picture-in-picture; encrypted-media");
    frame.setAttribute("allowfullscreen", "");
    // The site sends no referrer to other sites; the players need the origin to play.
    frame.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
    while (player.firstChild) {
      player.removeChild(player.firstChild);
    }
    player.appendChild(frame);
    player.classList.add("recording__player--playing");
    frame.focus();
  }

  function setUp(player) {
    var url = player.getAttribute("data-embed-url") || "";
    var button = player.querySelector(".recording__play");
    if (!button || !ALLOWED.test(url)) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      play(player, url);
    });
  }

  function init() {
    var players = document.querySelectorAll("[data-recording]");
    for (var i = 0; i < players.length; i += 1) {
      setUp(players[i]);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
