// sitrep's web UI: a hash-routed page over the REST API (/api/...), no build step.
// Views: home, search, actor, graph, map, timeline, documents, document; stories and story
// (static/stories.js).
"use strict";

const view = document.getElementById("view");
const routes = [
  [/^#\/search$/, searchView],
  [/^#\/actor\/(.+)$/, actorView],
  [/^#\/graph$/, graphView],
  [/^#\/map$/, mapView],
  [/^#\/timeline$/, timelineView],
  [/^#\/documents$/, documentsView],
  [/^#\/doc\/(.+)$/, documentView],
  [/^#\/stories$/, storiesView],
  [/^#\/story\/(.+)$/, storyView],
];
const STANCE_COLOURS = { pos: "#2e7d32", neg: "#c62828", zero: "#8a8f98" };

// --- helpers ---------------------------------------------------------------------------

function esc(value) {
  return String(value ?? "").replace(/[&<>"']/g, (c) => ({
    "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;",
  })[c]);
}

async function api(path, params = {}) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") query.set(key, value);
  }
  const url = `/api/${path}${query.toString() ? "?" + query : ""}`;
  const response = await fetch(url);
  const body = await response.json();
  if (!response.ok) throw new Error(body.error || `${response.status} ${response.statusText}`);
  return body;
}

function hashParams() {
  const at = location.hash.indexOf("?");
  return new URLSearchParams(at >= 0 ? location.hash.slice(at + 1) : "");
}

function actorLink(id, name) {
  return id ? `<a href="#/actor/${encodeURIComponent(id)}">${esc(name || id)}</a>` : esc(name || "?");
}

function docLink(docId, label) {
  return `<a href="#/doc/${encodeURIComponent(docId)}">${esc(label || docId.slice(0, 10))}</a>`;
}

function stanceClass(value) {
  return value > 0.2 ? "pos" : value < -0.2 ? "neg" : "zero";
}

function stanceChip(value) {
  return `<span class="stance ${stanceClass(value)}">${value > 0 ? "+" : ""}${value.toFixed(2)}</span>`;
}

function show(html) {
  view.innerHTML = html;
}

function failure(error) {
  show(`<p class="error">${esc(error.message || error)}</p>`);
}

function needsLibraries(names) {
  const missing = names.filter((name) => typeof window[name] === "undefined");
  if (!missing.length) return false;
  show(`<p class="error">This view needs the front-end libraries (${esc(missing.join(", "))}),
        which are not installed: see the notice above.</p>`);
  return true;
}

// --- records as HTML -------------------------------------------------------------------

function quoteCard(quote) {
  const outlet = quote.medium || quote.source;
  return `<div class="card quote" id="rec-q-${esc(quote.id)}">
    <div class="quote-text">${esc(quote.text)}</div>
    <div class="meta"><span class="speaker">${actorLink(quote.speaker_id, quote.speaker)}</span>
      ${quote.cue ? esc(quote.cue) : ""}
      ${outlet ? `· <span class="outlet">${esc(outlet)}</span>` : ""}
      · <span class="date">${esc(quote.published_date || quote.published || "undated")}</span>
      · ${docLink(quote.doc_id, quote.title)} <span class="pill">${esc(quote.kind)}</span></div>
  </div>`;
}

function eventCard(event) {
  const modality = event.modality !== "asserted" || event.negated
    ? `<span class="pill">${esc(event.modality)}${event.negated ? ", negated" : ""}</span>` : "";
  return `<div class="card event" id="rec-e-${esc(event.id)}">
    <div><b>${esc(event.type)}</b> ${actorLink(event.source_id, event.source)} →
      ${actorLink(event.target_id, event.target)} ${event.location ? "in " + esc(event.location) : ""}
      ${modality}</div>
    <div class="meta">${esc(event.day || event.date || "undated")} · ${esc(event.sentence || event.trigger || "")}
      ${event.doc_id ? "· " + docLink(event.doc_id, event.title) : ""}</div>
  </div>`;
}

function relationRows(relations) {
  if (!relations.length) return `<p class="muted">No stance records.</p>`;
  const rows = relations.map((r) => {
    const weeks = r.weeks.map((w) => `<div class="meta">week of ${esc(w.week || "undated")}:
      ${stanceChip(w.stance)} (${w.records}) ${w.evidence.map((e) =>
        `“${esc(e.text)}” ${docLink(e.doc_id)}`).join("; ")}</div>`).join("");
    const pair = `actor=${encodeURIComponent(r.source_id)}&other=${encodeURIComponent(r.target_id)}`;
    return `<tr><td>${actorLink(r.source_id, r.source)} → ${actorLink(r.target_id, r.target)}
      <div class="meta"><a href="#/timeline?${pair}">timeline</a></div></td>
      <td>${stanceChip(r.stance)}</td><td>${r.records}</td>
      <td>${esc(r.first || "")} – ${esc(r.last || "")}</td><td>${weeks}</td></tr>`;
  }).join("");
  return `<table class="relations"><thead><tr><th>Relation</th><th>Stance</th><th>Records</th>
    <th>Seen</th><th>By week, with evidence</th></tr></thead><tbody>${rows}</tbody></table>`;
}

// --- views -----------------------------------------------------------------------------

async function homeView() {
  const [stats, actors, docs] = await Promise.all([
    api("stats"), api("actors", { limit: 12 }), api("documents", { limit: 10 }),
  ]);
  const counts = Object.entries(stats.counts)
    .map(([name, n]) => `<div><b>${n}</b>${esc(name)}</div>`).join("");
  show(`<h1>What the store holds</h1>
    <div class="counts">${counts}</div>
    <p class="muted">${esc(stats.first || "?")} to ${esc(stats.last || "?")}</p>
    <h2>Most mentioned actors</h2>
    <ul class="chips">${actors.items.map((a) =>
      `<li class="chip">${actorLink(a.id, a.name)} ${a.mentions}</li>`).join("")}</ul>
    <h2>Latest documents</h2>${documentList(docs.items)}`);
}

async function searchView() {
  const q = hashParams().get("q") || "";
  document.getElementById("q").value = q;
  const found = await api("search", { q });
  const actors = found.actors.map((a) => `<li class="chip">${actorLink(a.id, a.name)}</li>`).join("");
  const docs = found.documents.map((d) => `<div class="card">${docLink(d.id, d.title || d.id)}
    <div class="meta">${esc(d.published || "")} ${esc(d.source || "")}</div>
    <div>${esc(d.snippet)}</div></div>`).join("");
  show(`<h1>Results for “${esc(q)}”</h1>
    <p class="muted">${found.full_text ? "Ranked by the full-text index." : "No search index: matched every word."}</p>
    <h2>Actors</h2>${actors ? `<ul class="chips">${actors}</ul>` : `<p class="muted">None.</p>`}
    <h2>Quotes</h2><div class="cards">${found.quotes.map(quoteCard).join("") || `<p class="muted">None.</p>`}</div>
    <h2>Documents</h2><div class="cards">${docs || `<p class="muted">None.</p>`}</div>`);
}

async function actorView(id) {
  const actor = await api(`actors/${encodeURIComponent(decodeURIComponent(id))}`);
  const [quotes, events, relations] = await Promise.all([
    api("quotes", { by: actor.id, limit: 50 }),
    api("events", { actor: actor.id, limit: 50 }),
    api("relations", { a: actor.id }),
  ]);
  const from = hashParams().get("from");
  const roles = actor.roles.map((r) => `<li>${esc(r.title)}${r.of_name ? " of " + esc(r.of_name) : ""}
    <span class="meta">${esc(r.start || "?")} – ${esc(r.end || "now")}</span></li>`).join("");
  const aliases = actor.aliases.map((a) => `<li class="chip ${a.in_kb ? "kb" : ""}"
    title="${a.documents} documents${a.in_kb ? ", in the knowledge base" : ""}">${esc(a.name)}</li>`).join("");
  const id_ = encodeURIComponent(actor.id);
  show(`${from ? `<p class="muted">“${esc(from)}” names this actor ·
      <a href="#/search?q=${encodeURIComponent(from)}">all results for it</a></p>` : ""}
    <h1 id="actor-name">${esc(actor.name)}</h1>
    <p class="muted">${esc(actor.type)}${actor.kind ? " · " + esc(actor.kind) : ""}
      ${actor.country ? " · " + esc(actor.country) : ""}${actor.code ? " · " + esc(actor.code) : ""}
      ${actor.kb_id ? " · KB " + esc(actor.kb_id) : ""}</p>
    <div class="counts">
      <div><b>${actor.mentions}</b>mentions</div><div><b>${actor.documents}</b>documents</div>
      <div><b>${actor.quotes}</b>quotes</div><div><b>${actor.events}</b>events</div>
      <div><b>${esc(actor.first_seen || "–")}</b>first seen</div>
      <div><b>${esc(actor.last_seen || "–")}</b>last seen</div></div>
    <p><a href="#/timeline?actor=${id_}">Timeline</a> · <a href="#/graph?actor=${id_}">Graph</a>
      · <a href="#/map?actor=${id_}">Map</a></p>
    <h2>Roles</h2>${roles ? `<ul class="roles">${roles}</ul>` : `<p class="muted">None known.</p>`}
    <h2>Names</h2><ul class="chips aliases">${aliases}</ul>
    <h2>Quotes</h2><div class="cards" id="quotes">${quotes.items.map(quoteCard).join("") || `<p class="muted">None.</p>`}</div>
    <h2>Events</h2><div class="cards" id="events">${events.items.map(eventCard).join("") || `<p class="muted">None.</p>`}</div>
    <h2>Relations</h2>${relationRows(relations.relations)}`);
}

async function graphView() {
  if (needsLibraries(["cytoscape"])) return;
  const actor = hashParams().get("actor");
  const graph = await api("graph", { actor });
  show(`<h1>Relations${actor ? " around " + esc(actor) : ""}</h1>
    <div class="legend"><span><i class="swatch" style="background:${STANCE_COLOURS.pos}"></i>cooperative</span>
      <span><i class="swatch" style="background:${STANCE_COLOURS.zero}"></i>mixed</span>
      <span><i class="swatch" style="background:${STANCE_COLOURS.neg}"></i>hostile</span>
      <span>click an actor to open it</span></div>
    <div id="graph" data-nodes="0" data-edges="0"></div>`);
  const container = document.getElementById("graph");
  const cy = window.cytoscape({
    container,
    elements: [
      ...graph.nodes.map((n) => ({ data: { id: n.id, label: n.name, size: 20 + 6 * Math.sqrt(n.mentions) } })),
      ...graph.edges.map((e, i) => ({ data: {
        id: `e${i}`, source: e.source, target: e.target, weight: e.weight,
        colour: STANCE_COLOURS[stanceClass(e.stance)],
      } })),
    ],
    style: [
      { selector: "node", style: { label: "data(label)", width: "data(size)", height: "data(size)",
        "background-color": "#2456a6", "font-size": 11, "text-valign": "bottom", "text-margin-y": 4 } },
      { selector: "edge", style: { width: "mapData(weight, 1, 10, 1.5, 8)", "line-color": "data(colour)",
        "target-arrow-color": "data(colour)", "target-arrow-shape": "triangle", "curve-style": "bezier" } },
    ],
    layout: { name: graph.nodes.length > 2 ? "cose" : "grid", animate: false },
  });
  cy.on("tap", "node", (event) => { location.hash = `#/actor/${encodeURIComponent(event.target.id())}`; });
  window.sitrepGraph = cy; // for the browser console and the UI test
  container.dataset.nodes = cy.nodes().length;
  container.dataset.edges = cy.edges().length;
}

async function mapView() {
  if (needsLibraries(["d3", "topojson"])) return;
  const actor = hashParams().get("actor");
  const [places, world] = await Promise.all([
    api("places", { actor }),
    fetch("/vendor/world-atlas/countries-110m.json").then((r) => r.json()),
  ]);
  show(`<h1>Places and events${actor ? " of " + esc(actor) : ""}</h1>
    <div class="legend"><span><i class="swatch" style="background:#2456a6"></i>places mentioned</span>
      <span><i class="swatch" style="background:#c62828"></i>events</span></div>
    <svg id="map" viewBox="0 0 960 500" role="img" aria-label="World map"></svg>`);
  const svg = document.getElementById("map");
  const countries = window.topojson.feature(world, world.objects.countries);
  const projection = window.d3.geoNaturalEarth1().fitSize([960, 500], countries);
  const path = window.d3.geoPath(projection);
  const ns = "http://www.w3.org/2000/svg";
  const add = (tag, attrs, title, onClick) => {
    const node = document.createElementNS(ns, tag);
    for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
    if (title) { const t = document.createElementNS(ns, "title"); t.textContent = title; node.appendChild(t); }
    if (onClick) node.addEventListener("click", onClick);
    svg.appendChild(node);
    return node;
  };
  for (const country of countries.features) add("path", { d: path(country), class: "country" }, country.properties.name);
  for (const place of places.entities) {
    const [x, y] = projection([place.lon, place.lat]);
    add("circle", { cx: x, cy: y, r: 3 + Math.sqrt(place.mentions), class: "place" },
      `${place.name}: ${place.mentions} mentions`, () => { location.hash = `#/actor/${encodeURIComponent(place.id)}`; });
  }
  for (const event of places.events) {
    const [x, y] = projection([event.lon, event.lat]);
    add("circle", { cx: x, cy: y, r: 4, class: "event" },
      `${event.type}: ${event.source || "?"} → ${event.target || "?"} (${event.day || "undated"}) ${event.sentence || ""}`,
      () => { location.hash = `#/doc/${encodeURIComponent(event.doc_id)}`; });
  }
  svg.dataset.countries = countries.features.length;
  svg.dataset.points = places.entities.length + places.events.length;
}

async function timelineView() {
  const params = hashParams();
  const found = await api("timeline", { actor: params.get("actor"), other: params.get("other") });
  const [actor, other] = await Promise.all([
    api(`actors/${encodeURIComponent(found.actor)}`),
    found.other ? api(`actors/${encodeURIComponent(found.other)}`) : null,
  ]);
  show(`<h1>Timeline: ${actorLink(actor.id, actor.name)}${other ? " and " + actorLink(other.id, other.name) : ""}</h1>
    <div class="legend"><span><i class="swatch" style="background:#c62828"></i>events</span>
      <span><i class="swatch" style="background:#d49a00"></i>quotes</span></div>
    <svg id="timeline-chart" viewBox="0 0 960 120"></svg>
    <div class="cards" id="timeline-items">${found.items.map(timelineCard).join("") || `<p class="muted">Nothing dated yet.</p>`}</div>`);
  drawTimeline(document.getElementById("timeline-chart"), found.items.filter((i) => i.day));
}

function timelineCard(item) {
  const who = `${actorLink(item.actor_id, item.actor)}${item.other ? " → " + actorLink(item.other_id, item.other) : ""}`;
  const text = item.kind === "quote" ? `<span class="quote-text">${esc(item.text)}</span>` : esc(item.text);
  return `<div class="card ${item.kind}"><div class="meta">${esc(item.day || "undated")} ·
    <b>${esc(item.label)}</b> · ${who}${item.medium ? " · " + esc(item.medium) : ""}${corroboration(item)} · ${docLink(item.doc_id)}</div>
    <div>${text}</div></div>`;
}

// An event's happening counted once: its reports and independent sources (a wire story and its copies once).
function corroboration(item) {
  if (item.kind !== "event" || !item.reports) return "";
  const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;
  return ` · <span class="counts" title="reports of this happening; independent sources">${plural(item.reports, "report")}, ${plural(item.sources, "source")}</span>`;
}

function drawTimeline(svg, items) {
  if (!items.length) return;
  const days = items.map((i) => Date.parse(i.day));
  const low = Math.min(...days) - 864e5, high = Math.max(...days) + 864e5;
  const x = (t) => 40 + ((t - low) / (high - low)) * 880;
  const lanes = { event: 40, quote: 80 };
  let html = `<line class="axis" x1="40" x2="920" y1="100" y2="100"></line>
    <text x="40" y="116">${esc(new Date(low + 864e5).toISOString().slice(0, 10))}</text>
    <text x="920" y="116" text-anchor="end">${esc(new Date(high - 864e5).toISOString().slice(0, 10))}</text>
    <text x="4" y="44">events</text><text x="4" y="84">quotes</text>`;
  items.forEach((item, i) => {
    const sources = item.kind === "event" ? Math.min(item.sources || 1, 6) : 1;  // more sources, bigger dot
    const counted = item.kind === "event" && item.reports ? ` (${item.reports} reports, ${item.sources} sources)` : "";
    html += `<circle class="${item.kind}" cx="${x(days[i]).toFixed(1)}" cy="${lanes[item.kind]}" r="${4 + 2 * sources}">
      <title>${esc(item.day)} ${esc(item.label)}${counted}: ${esc(item.text)}</title></circle>`;
  });
  svg.innerHTML = html;
}

function documentList(items) {
  return `<table><thead><tr><th>Date</th><th>Source</th><th>Title</th></tr></thead><tbody>
    ${items.map((d) => `<tr><td>${esc((d.published || "").slice(0, 10))}</td><td>${esc(d.source || "")}</td>
      <td>${docLink(d.id, d.title || "(untitled)")}${d.extracted ? "" : ' <span class="pill">not extracted</span>'}</td></tr>`).join("")}
  </tbody></table>`;
}

async function documentsView() {
  const offset = Number(hashParams().get("offset") || 0);
  const page = await api("documents", { limit: 50, offset });
  const prev = offset > 0 ? `<a href="#/documents?offset=${Math.max(0, offset - 50)}">← newer</a>` : "";
  const next = page.next_offset !== null ? `<a href="#/documents?offset=${page.next_offset}">older →</a>` : "";
  show(`<h1>Documents</h1>${documentList(page.items)}<div class="pager">${prev}${next}</div>`);
}

async function documentView(id) {
  const found = await api(`documents/${encodeURIComponent(decodeURIComponent(id))}`);
  const doc = found.document;
  const spans = [
    ...found.quotes.map((q) => ({ start: q.start, end: q.end, cls: "q", ref: `q-${q.id}` })),
    ...found.events.map((e) => ({ start: e.start, end: e.end, cls: "e", ref: `e-${e.id}` })),
    ...found.times.map((t, i) => ({ start: t.start, end: t.end, cls: "t", ref: `t-${i}` })),
    ...found.mentions.map((m, i) => ({ start: m.start, end: m.end, cls: "m", ref: `m-${i}`, entity: m.entity_id })),
  ];
  const entities = new Map();
  for (const m of found.mentions) if (m.entity_id) entities.set(m.entity_id, m.entity || m.text);
  show(`<h1>${esc(doc.title || "(untitled)")}</h1>
    <p class="muted">${esc(doc.published || "undated")} · ${esc(doc.source || "")} · ${esc(doc.language || "")}
      ${doc.url ? `· <a href="${esc(doc.url)}" rel="noreferrer noopener">original</a>` : ""}</p>
    <div class="legend"><span class="hl m">entity</span><span class="hl q">quote</span>
      <span class="hl e">event</span><span class="hl t">time</span></div>
    <div class="doc"><div class="doc-text" id="doc-text">${highlight(doc.text, spans)}</div>
      <aside><h2>Entities</h2><ul class="chips">${[...entities].map(([eid, name]) =>
        `<li class="chip">${actorLink(eid, name)}</li>`).join("")}</ul>
      <h2>Quotes</h2><div class="cards">${found.quotes.map((q) => quoteCard({ ...q, doc_id: doc.id,
        title: doc.title, published: doc.published })).join("")}</div>
      <h2>Events</h2><div class="cards">${found.events.map((e) => eventCard({ ...e, doc_id: null })).join("")}</div>
      <h2>Times</h2><ul>${found.times.map((t) => `<li>${esc(t.text)} → ${esc(t.value || "?")}</li>`).join("")}</ul>
      </aside></div>`);
  document.getElementById("doc-text").addEventListener("click", (event) => openSpan(event, spans));
}

// Wrap the text's spans (character offsets, as Python counts them: code points) in <span>s.
function highlight(text, spans) {
  const chars = Array.from(text);
  const cut = new Set([0, chars.length]);
  for (const s of spans) { cut.add(Math.min(s.start, chars.length)); cut.add(Math.min(s.end, chars.length)); }
  const points = [...cut].sort((a, b) => a - b);
  let html = "";
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const piece = esc(chars.slice(a, b).join(""));
    const covering = spans.filter((s) => s.start <= a && s.end >= b);
    if (!covering.length) { html += piece; continue; }
    const classes = [...new Set(covering.map((s) => s.cls))].join(" ");
    html += `<span class="hl ${classes}" data-refs="${covering.map((s) => s.ref).join(" ")}">${piece}</span>`;
  }
  return html;
}

// A click on highlighted text opens the innermost record: an entity's page, else its card.
function openSpan(event, spans) {
  const target = event.target.closest(".hl");
  if (!target) return;
  const refs = target.dataset.refs.split(" ");
  const records = spans.filter((s) => refs.includes(s.ref)).sort((a, b) => (a.end - a.start) - (b.end - b.start));
  const mention = records.find((s) => s.cls === "m" && s.entity);
  if (mention) { location.hash = `#/actor/${encodeURIComponent(mention.entity)}`; return; }
  const card = records.map((s) => document.getElementById(`rec-${s.ref}`)).find(Boolean);
  if (card) {
    card.scrollIntoView({ behavior: "smooth", block: "center" });
    card.classList.add("flash");
    setTimeout(() => card.classList.remove("flash"), 1500);
  }
}

// --- routing ---------------------------------------------------------------------------

async function route() {
  const hash = location.hash.split("?")[0] || "#/";
  show(`<p class="muted">Loading…</p>`);
  try {
    for (const [pattern, render] of routes) {
      const match = hash.match(pattern);
      if (match) return await render(...match.slice(1));
    }
    await homeView();
  } catch (error) {
    failure(error);
  }
}

document.getElementById("search").addEventListener("submit", async (event) => {
  event.preventDefault();
  const q = document.getElementById("q").value.trim();
  if (!q) return;
  try {
    const found = await api("search", { q, limit: 1 });
    location.hash = found.actor
      ? `#/actor/${encodeURIComponent(found.actor)}?from=${encodeURIComponent(q)}`
      : `#/search?q=${encodeURIComponent(q)}`;
  } catch (error) {
    failure(error);
  }
});
window.addEventListener("hashchange", route);
route();
