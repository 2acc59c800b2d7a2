"""The editor's step pages, one module per kind of page; `page_classes()` is the registry the form
names them by."""


def page_classes() -> dict:
    from desktop.gui.steps.appendix_step import AppendixStep
    from desktop.gui.steps.chapter_step import ChapterStep
    from desktop.gui.steps.fields_step import FieldsStep
    from desktop.gui.steps.itinerary_step import ItineraryStep
    from desktop.gui.steps.photos_step import PhotosStep
    from desktop.gui.steps.recommendations_step import RecommendationsStep
    from desktop.gui.steps.review_step import ReviewStep
    from desktop.gui.steps.summary_step import SummaryStep
    from desktop.gui.steps.travellers_step import TravellersStep

    return {
        "fields": FieldsStep, "travellers": TravellersStep, "summary": SummaryStep, "chapter": ChapterStep,
        "itinerary": ItineraryStep, "recommendations": RecommendationsStep, "photos": PhotosStep,
        "appendix": AppendixStep, "review": ReviewStep,
    }
