"""Privacy-friendly embeds of a seminar's recording.

Nothing is loaded from the video host until the visitor asks for it: the page
shows a local poster and a plain link, and ``static_src/js/recording.js`` swaps
in an iframe built from :func:`embed_url` on click. The embed addresses are the
hosts' no-tracking variants: ``www.youtube-nocookie.com`` and
``player.vimeo.com`` with ``dnt=1``.
"""

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlencode, urlsplit

YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{6,20}$")
VIMEO_ID = re.compile(r"^[0-9]{3,12}$")

YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "music.youtube.com"}
YOUTUBE_SHORT_HOSTS = {"youtu.be", "www.youtu.be"}
YOUTUBE_NOCOOKIE_HOSTS = {"youtube-nocookie.com", "www.youtube-nocookie.com"}
VIMEO_HOSTS = {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}


@dataclass(frozen=True)
class Video:
    provider: str  # "youtube" or "vimeo": a name, shown to visitors as the host
    video_id: str

    @property
    def host_name(self):
        return {"youtube": "YouTube", "vimeo": "Vimeo"}[self.provider]

    @property
    def embed_url(self):
        if self.provider == "youtube":
            query = urlencode({"autoplay": 1, "rel": 0})
            return f"https://www.youtube-nocookie.com/embed/{self.video_id}?{query}"
        query = urlencode({"autoplay": 1, "dnt": 1})
        return f"https://player.vimeo.com/video/{self.video_id}?{query}"


def parse_video_url(url):
    """The provider and id of a YouTube or Vimeo address, or ``None`` for anything else."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme not in ("http", "https"):
        return None
    host = (parts.hostname or "").lower()
    segments = [s for s in parts.path.split("/") if s]
    candidate, provider = None, None
    if host in YOUTUBE_HOSTS | YOUTUBE_NOCOOKIE_HOSTS:
        provider = "youtube"
        if parts.path == "/watch":
            candidate = (parse_qs(parts.query).get("v") or [None])[0]
        elif len(segments) == 2 and segments[0] in ("embed", "shorts", "live", "v"):
            candidate = segments[1]
    elif host in YOUTUBE_SHORT_HOSTS:
        provider = "youtube"
        candidate = segments[0] if len(segments) == 1 else None
    elif host in VIMEO_HOSTS:
        provider = "vimeo"
        if host == "player.vimeo.com":
            candidate = segments[1] if len(segments) == 2 and segments[0] == "video" else None
        elif segments:
            # vimeo.com/123, vimeo.com/channels/name/123, vimeo.com/123/abcdef (unlisted hash)
            numeric = [s for s in segments if VIMEO_ID.match(s)]
            candidate = numeric[0] if numeric else None
    if candidate is None:
        return None
    pattern = YOUTUBE_ID if provider == "youtube" else VIMEO_ID
    return Video(provider, candidate) if pattern.match(candidate) else None


def embed_url(url):
    video = parse_video_url(url)
    return video.embed_url if video else ""
