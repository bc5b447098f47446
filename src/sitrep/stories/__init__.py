"""Stories and briefings: articles grouped into stories over days, and cited situation reports.

`update_stories(store)` clusters the documents that have no story yet (`sitrep ingest` calls
it at the end); the rest reads stories and builds briefings from stored records only.
"""

from sitrep.stories.clustering import StoryParams, StoryReport, update_stories

__all__ = ["StoryParams", "StoryReport", "update_stories"]
