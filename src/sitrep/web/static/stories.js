// Story views for sitrep's web UI: the story list and one story (timeline and briefing).
// Loaded before app.js, whose routes name these views and whose helpers they call
// (api, esc, show, hashParams, docLink, timelineCard, drawTimeline).
"use strict";

const STORY_PAGE = 50;

async function storiesView() {
  const params = hashParams();
  const offset = Number(params.get("offset") || 0);
  const since = params.get("since"), until = params.get("until");
  const page = await api("stories", { limit: STORY_PAGE, offset, since, until });
  const range = (o) => `#/stories?offset=${o}${since ? "&since=" + encodeURIComponent(since) : ""}${until ? "&until=" + encodeURIComponent(until) : ""}`;
  const prev = offset > 0 ? `<a href="${range(Math.max(0, offset - STORY_PAGE))}">← larger</a>` : "";
  const next = page.next_offset !== null ? `<a href="${range(page.next_offset)}">smaller →</a>` : "";
  const rows = page.items.map((s) => `<tr><td><a href="#/story/${encodeURIComponent(s.id)}">${esc(s.label)}</a></td>
      <td>${s.articles}</td><td>${esc(s.first_date)}</td><td>${esc(s.last_date)}</td></tr>`).join("");
  show(`<h1>Stories</h1>
    <p class="muted">Articles about one thing over days, most articles first${since || until ? ` (${esc(since || "…")} to ${esc(until || "…")})` : ""}; near-duplicates count once.</p>
    ${rows ? `<table id="stories"><thead><tr><th>Story</th><th>Articles</th><th>First</th><th>Last</th></tr></thead>
      <tbody>${rows}</tbody></table>` : `<p class="muted">No stories yet: they are made as <code>sitrep ingest</code> stores articles.</p>`}
    <div class="pager">${prev}${next}</div>`);
}

async function storyView(id) {
  const storyId = decodeURIComponent(id);
  const [story, briefing] = await Promise.all([
    api(`stories/${encodeURIComponent(storyId)}`), api("brief", { story: storyId }),
  ]);
  const brief = (format) => `/api/brief?story=${encodeURIComponent(story.id)}&format=${format}`;
  show(`<h1 id="story-label">${esc(story.label)}</h1>
    <p class="muted">${story.articles} article${story.articles === 1 ? "" : "s"} (${story.documents} documents)
      · ${esc(story.first_date)} to ${esc(story.last_date)} · <a href="#/stories">all stories</a></p>
    <h2>Timeline</h2>
    <div class="legend"><span><i class="swatch" style="background:#c62828"></i>events</span>
      <span><i class="swatch" style="background:#d49a00"></i>quotes</span></div>
    <svg id="timeline-chart" viewBox="0 0 960 120"></svg>
    <h2>Briefing</h2>
    <p class="muted">Built only from stored records; every line cites the sentences it rests on
      (a citation opens its document). <a href="${brief("html")}">As a page</a> ·
      <a href="${brief("md")}">Markdown</a></p>
    <div id="briefing">${briefingHtml(briefing)}</div>
    <h2>Documents</h2>${storyMembers(story.members)}
    <h2>Events and quotes</h2>
    <div class="cards" id="timeline-items">${story.timeline.map(timelineCard).join("") || `<p class="muted">Nothing extracted yet.</p>`}</div>`);
  drawTimeline(document.getElementById("timeline-chart"), story.timeline.filter((i) => i.day));
}

function briefingHtml(briefing) {
  const cited = new Map(briefing.citations.map((c) => [c.number, c]));
  const mark = (n) => {
    const c = cited.get(n);
    const tip = `${c.outlet || "No outlet named"}, ${c.date || "undated"}: ${c.text}`;
    return `<sup class="cite"><a href="#/doc/${encodeURIComponent(c.doc_id)}" title="${esc(tip)}">[${n}]</a></sup>`;
  };
  const sections = briefing.sections.map((s) => {
    const tag = s.level === 2 ? "h3" : "h4";
    const lines = s.lines.map((line) => `<li>${esc(line.text)} ${line.citations.map(mark).join("")}</li>`).join("");
    return `<${tag}>${esc(s.title)}</${tag}>${lines ? `<ul class="brief-lines" data-section="${esc(s.key)}">${lines}</ul>` : `<p class="muted">${esc(s.empty)}</p>`}`;
  }).join("");
  const sources = briefing.citations.map((c) => `<li id="source-${c.number}" value="${c.number}">
    ${esc(c.outlet || "No outlet named")}, ${esc(c.date || "undated")}${c.date_estimated ? " (estimated)" : ""},
    ${docLink(c.doc_id, c.title || c.doc_id)}, characters ${c.start}–${c.end}: <q>${esc(c.text)}</q></li>`).join("");
  return `${sections}<h3>Sources</h3>${sources ? `<ol class="sources">${sources}</ol>` : `<p class="muted">None.</p>`}`;
}

function storyMembers(members) {
  return `<table><thead><tr><th>Date</th><th>Source</th><th>Title</th></tr></thead><tbody>
    ${members.map((d) => `<tr><td>${esc((d.published || d.published_date || "").slice(0, 10))}</td><td>${esc(d.source || "")}</td>
      <td>${docLink(d.id, d.title || "(untitled)")}${d.counted ? "" : ' <span class="pill">near-duplicate</span>'}</td></tr>`).join("")}
  </tbody></table>`;
}
