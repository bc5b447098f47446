"""Stories and briefings: articles grouped into stories over days, and cited situation reports.

`update_stories(store)` clusters the documents that have no story yet (`sitrep ingest` calls
it at the end); the rest reads stories and builds briefings from stored records only.
"""

from sitrep.stories.briefing import (
    Briefing,
    Scope,
    actor_scope,
    brief,
    build_briefing,
    pair_scope,
    story_scope,
)
from sitrep.stories.catalog import get_story, list_stories, resolve_story, story_timeline
from sitrep.stories.clustering import StoryParams, StoryReport, update_stories
from sitrep.stories.render import FORMATS, render

__all__ = [
    "FORMATS", "Briefing", "Scope", "StoryParams", "StoryReport", "actor_scope", "brief",
    "build_briefing", "get_story", "list_stories", "pair_scope", "render", "resolve_story",
    "story_scope", "story_timeline", "update_stories",
]  # fmt: skip
