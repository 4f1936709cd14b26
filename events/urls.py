"""Public URLs of the events app that are not Wagtail pages; included under each language prefix."""

urlpatterns = []
