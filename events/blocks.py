"""StreamField blocks shared by the home, project and seminar pages."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"))
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Section heading")), ("h3", _("Subheading"))],
        default="h2",
        label=_("Level"),
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "blocks/heading_block.html"


class FigureBlock(blocks.StructBlock):
    """An image with translatable alternative text and an optional caption."""

    image = ImageBlock(label=_("Image"))
    caption = blocks.CharBlock(required=False, label=_("Caption"))

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/figure_block.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(required=False, label=_("Attribution"))

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "blocks/quote_block.html"


class LinkBlock(blocks.StructBlock):
    """An external link with a translatable label (used for speakers' links)."""

    url = blocks.URLBlock(label=_("Address (URL)"))
    label = blocks.CharBlock(label=_("Link text"))

    class Meta:
        icon = "link"
        label = _("Link")


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link", "document-link", "ol", "ul"],
        label=_("Paragraph"),
        template="blocks/paragraph_block.html",
    )
    figure = FigureBlock()
    quote = QuoteBlock()

    class Meta:
        label = _("Body")


class GalleryBlock(blocks.StreamBlock):
    image = ImageBlock(label=_("Image"))

    class Meta:
        label = _("Gallery")
