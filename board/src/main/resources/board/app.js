// Switchboard supervisor board. Every value from the server is put on the page with textContent or
// as an SVG attribute, never as HTML: customer text cannot run as code here.
"use strict";

const conversations = new Map();
const insights = new Map();
let selected = null;
let events = null;

const $ = (id) => document.getElementById(id);

function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined && text !== null) e.textContent = text;
  return e;
}

async function api(path, options) {
  // The server takes state changes as JSON from its own origin only (cross-site request forgery).
  const post = options && options.method === "POST"
      ? { headers: { "Content-Type": "application/json" }, body: options.body || "{}" } : {};
  const response = await fetch(path, Object.assign({ credentials: "same-origin" }, options, post));
  if (response.status === 401) {
    showLogin();
    throw new Error("signed out");
  }
  return response;
}

function showLogin() {
  if (events) { events.close(); events = null; }
  $("board").hidden = true;
  $("logout").hidden = true;
  $("who").textContent = "";
  $("login").hidden = false;
  setConnection("offline", "Signed out");
}

let feed = "starting";

function showFeed() {
  if (!events || events.readyState !== EventSource.OPEN) return;
  if (feed === "live") setConnection("live", "Live");
  else if (feed === "catching-up") setConnection("connecting", "Catching up…");
  else if (feed === "reconnecting") setConnection("offline", "Kafka unreachable, reconnecting…");
  else setConnection("connecting", "Starting…");
}

function setConnection(state, text) {
  const c = $("connection");
  c.dataset.state = state;
  c.textContent = text;
}

async function start() {
  const response = await fetch("/api/me", { credentials: "same-origin" });
  if (response.status === 401) { showLogin(); return; }
  showBoard(await response.json());
}

function showBoard(me) {
  $("login").hidden = true;
  $("board").hidden = false;
  $("logout").hidden = false;
  $("who").textContent = me.username + " · " + me.tenant;
  connect();
}

function connect() {
  if (events) events.close();
  setConnection("connecting", "Connecting…");
  events = new EventSource("/api/events");
  events.onopen = () => showFeed();
  events.onerror = async () => {
    // EventSource reconnects by itself; a fresh snapshot follows. Signed out: back to the form.
    setConnection("offline", "Disconnected, reconnecting…");
    try {
      const me = await fetch("/api/me", { credentials: "same-origin" });
      if (me.status === 401) showLogin();
    } catch (e) { /* the server is away; EventSource keeps trying */ }
  };
  // How the board's own feed from Kafka is: "Live" only while it reads the job's topics.
  events.addEventListener("health", (e) => {
    feed = JSON.parse(e.data).feed;
    showFeed();
  });
  events.addEventListener("snapshot", (e) => {
    // A fresh start: the open insights, if any, follow as one "insights" event.
    insights.clear();
    renderInsights();
    conversations.clear();
    for (const c of JSON.parse(e.data)) conversations.set(c.conversationId, c);
    render();
  });
  // Complaint surges and agents under strain of this tenant, open ones only.
  events.addEventListener("insights", (e) => {
    insights.clear();
    for (const i of JSON.parse(e.data)) insights.set(i.episodeId, i);
    renderInsights();
  });
  events.addEventListener("insight", (e) => {
    const i = JSON.parse(e.data);
    if (i.open) insights.set(i.episodeId, i);
    else insights.delete(i.episodeId);
    renderInsights();
  });
  events.addEventListener("conversation", (e) => {
    const c = JSON.parse(e.data);
    if (c.level === "none") conversations.delete(c.conversationId);
    else conversations.set(c.conversationId, c);
    render();
  });
}

const RANK = { escalate: 3, alert: 2, watch: 1 };

function urgentFirst(a, b) {
  return (RANK[b.level] - RANK[a.level])
      || ((a.priority || 9) - (b.priority || 9))
      || (a.escalatedAt - b.escalatedAt);
}

function sinceAgent(c) {
  if (!c.lastAgentAt) return "no agent reply yet";
  const s = Math.max(0, Math.round((Date.now() - c.lastAgentAt) / 1000));
  return "last agent reply " + (s < 60 ? s + " s" : Math.floor(s / 60) + " min " + (s % 60) + " s") + " ago";
}

function sparkline(points, width, height) {
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("width", width);
  svg.setAttribute("height", height);
  svg.setAttribute("viewBox", "0 0 " + width + " " + height);
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", "customer sentiment trend");
  const zero = document.createElementNS(ns, "line");
  zero.setAttribute("x1", 0); zero.setAttribute("x2", width);
  zero.setAttribute("y1", height / 2); zero.setAttribute("y2", height / 2);
  svg.appendChild(zero);
  if (points.length > 0) {
    const step = points.length > 1 ? (width - 4) / (points.length - 1) : 0;
    const coords = points.map((p, i) =>
      (2 + i * step).toFixed(1) + "," + (2 + (1 - (p.score + 1) / 2) * (height - 4)).toFixed(1));
    const line = document.createElementNS(ns, "polyline");
    line.setAttribute("points", coords.length > 1 ? coords.join(" ") : coords[0] + " " + coords[0]);
    svg.appendChild(line);
  }
  return svg;
}

function item(c) {
  const li = el("li", "item " + c.level + (selected === c.conversationId ? " selected" : ""));
  li.dataset.conversationId = c.conversationId;
  li.appendChild(el("span", "level", c.level));
  li.appendChild(el("span", "who", (c.customerId || "unknown customer") + " · " + c.conversationId));
  const trend = el("span", "trend");
  trend.appendChild(sparkline(c.trend || [], 140, 28));
  li.appendChild(trend);
  // The language beside the channel: who can take this customer is often decided by it.
  li.appendChild(el("span", "meta", [c.channel, c.language].filter(Boolean).join(" · ")));
  const meta = el("span", "meta");
  if (c.queue) meta.appendChild(el("span", null, "queue " + c.queue + " · "));
  const since = el("span", "since", sinceAgent(c));
  since.dataset.lastAgentAt = c.lastAgentAt || 0;
  meta.appendChild(since);
  if ((c.reasons || []).length) meta.appendChild(el("span", null, " · " + c.reasons.join(", ")));
  li.appendChild(meta);
  li.appendChild(el("span", "meta", c.priority ? "priority " + c.priority : ""));
  const latest = (c.evidence || []).filter((e) => e.excerpt).slice(-1)[0];
  if (latest) {
    // A score the meaning tier re-read is marked: a supervisor weighing the alert should know.
    const excerpt = el("span", "excerpt", "“" + latest.excerpt + "”" + (latest.secondOpinion ? " · second opinion" : ""));
    li.appendChild(excerpt);
  }
  if (c.ackBy) li.appendChild(el("span", "ackline", c.ackBy + " is on it"));
  li.addEventListener("click", () => { selected = c.conversationId; render(); });
  return li;
}

const TREND_ARROW = { rising: "↑", steady: "→", falling: "↓" };

function surgeItem(i) {
  const li = el("li", "insight surge");
  li.dataset.episodeId = i.episodeId;
  li.appendChild(el("span", "topic", i.topic.replaceAll("_", " ")));
  li.appendChild(el("span", "factor", "×" + i.factor.toFixed(1) + " " + (TREND_ARROW[i.trend] || "")));
  li.appendChild(el("span", "meta", i.count + " complaints in " + i.windowMinutes + " min, "
      + i.expected.toFixed(1) + " expected"));
  const examples = el("ul", "examples");
  for (const x of i.examples || []) {
    examples.appendChild(el("li", null, x.conversationId + (x.excerpt ? ": “" + x.excerpt + "”" : "")));
  }
  li.appendChild(examples);
  return li;
}

const REASON_TEXT = {
  hostile_messages: (i) => i.hostileMessages + " hostile messages",
  escalated_conversations: (i) => i.escalatedConversations + " escalated conversations",
  difficult_run: (i) => i.difficultRun + " difficult contacts in a row",
  negative_time: (i) => i.negativeMinutes + " min in negative conversations",
};

function strainItem(i) {
  const li = el("li", "insight strain " + i.level);
  li.dataset.episodeId = i.episodeId;
  li.appendChild(el("span", "agent", i.agentId));
  li.appendChild(el("span", "level", i.level + " " + (TREND_ARROW[i.trend] || "")));
  li.appendChild(el("span", "meta", (i.reasons || []).map((r) => REASON_TEXT[r] ? REASON_TEXT[r](i) : r).join(", ")
      + " (last " + i.windowMinutes + " min)"));
  if (i.suggestion) li.appendChild(el("span", "suggestion", "Suggestion: " + i.suggestion));
  return li;
}

function renderInsights() {
  const all = [...insights.values()];
  const surges = all.filter((i) => i.kind === "complaint_surge").sort((a, b) => b.factor - a.factor);
  const strain = all.filter((i) => i.kind === "agent_strain")
      .sort((a, b) => (b.level === "high") - (a.level === "high") || a.openedAt - b.openedAt);
  $("surges").replaceChildren(...surges.map(surgeItem));
  $("strain").replaceChildren(...strain.map(strainItem));
  $("surges-panel").hidden = surges.length === 0;
  $("strain-panel").hidden = strain.length === 0;
  $("insights").hidden = all.length === 0;
}

function render() {
  const all = [...conversations.values()];
  for (const level of ["escalate", "alert", "watch"]) {
    $("count-" + level).textContent = all.filter((c) => c.level === level).length;
  }
  const urgent = all.filter((c) => c.level === "alert" || c.level === "escalate").sort(urgentFirst);
  const list = $("list");
  list.replaceChildren(...urgent.map(item));
  $("empty").hidden = urgent.length > 0;
  renderDetail();
}

function detailMeta(c) {
  return [c.level.toUpperCase(), c.channel, c.queue ? "queue " + c.queue : null,
    c.intent ? "intent " + c.intent : null, c.language, c.policy ? "policy " + c.policy : null, sinceAgent(c)]
    .filter(Boolean).join(" · ");
}

function renderDetail() {
  const c = selected ? conversations.get(selected) : null;
  const panel = $("detail");
  panel.hidden = !c;
  if (!c) return;
  $("detail-title").textContent = (c.customerId || "unknown customer") + " · " + c.conversationId;
  $("detail-meta").textContent = detailMeta(c);
  $("detail-trend").replaceChildren(sparkline(c.trend || [], 380, 90));
  $("detail-reasons").replaceChildren(...(c.reasons || []).map((r) => el("li", null, r)));
  $("detail-evidence").replaceChildren(...(c.evidence || []).map((e) =>
    el("li", null, (e.excerpt || "(no text)") + "  [" + e.label + " " + Number(e.score).toFixed(2) + "]")));
  $("detail-ack").textContent = c.ackBy ? c.ackBy + " is on it" : "Nobody has taken it yet.";
  $("detail-ack").className = c.ackBy ? "ack" : "ack nobody";
  $("detail-ack-button").disabled = !!c.ackBy;
}

document.addEventListener("DOMContentLoaded", () => {
  $("login-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const response = await fetch("/api/login", {
      method: "POST", credentials: "same-origin", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ username: $("username").value, password: $("password").value }),
    });
    if (response.ok) {
      $("login-error").hidden = true;
      $("password").value = "";
      showBoard(await response.json());
    } else {
      $("login-error").textContent = "Wrong username or password.";
      $("login-error").hidden = false;
    }
  });
  $("logout").addEventListener("click", async () => {
    await fetch("/api/logout", { method: "POST", credentials: "same-origin", headers: { "Content-Type": "application/json" }, body: "{}" });
    showLogin();
  });
  $("close-detail").addEventListener("click", () => { selected = null; render(); });
  $("detail-ack-button").addEventListener("click", async () => {
    if (!selected) return;
    $("detail-ack-button").disabled = true;
    await api("/api/conversations/" + encodeURIComponent(selected) + "/ack", { method: "POST" });
  });
  // Only the clocks move every second; the list is rebuilt when data changes.
  setInterval(() => {
    for (const s of document.querySelectorAll(".since")) s.textContent = sinceAgent({ lastAgentAt: Number(s.dataset.lastAgentAt) });
    const c = selected ? conversations.get(selected) : null;
    if (c) $("detail-meta").textContent = detailMeta(c);
  }, 1000);
  start();
});
