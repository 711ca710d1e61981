// legco-kg offline graph viewer: plain JavaScript, no libraries, no network.
// The data (nodes with precomputed positions, edges) is in the #legco-kg-data script element.
"use strict";
(function () {
  const data = JSON.parse(document.getElementById("legco-kg-data").textContent);
  const SVG = "http://www.w3.org/2000/svg";
  const nodes = data.nodes, edges = data.edges;
  const types = Object.fromEntries(data.types.map(t => [t.type, t]));
  const byId = new Map(nodes.map((n, i) => [n.id, i]));
  const out = nodes.map(() => []), inc = nodes.map(() => []);
  edges.forEach((e, k) => { out[e[0]].push(k); inc[e[1]].push(k); });
  const FACTS = ["amount", "quantity", "date", "duration", "ratio", "kpi"];
  const papersOf = paperMembership();
  const RELATION_TITLES = {has_amount: "Amounts 金額", has_quantity: "Quantities 數量", has_date: "Dates 日期",
    has_duration: "Durations 期間", has_ratio: "Ratios 比例", has_indicator: "Indicators 指標"};
  const ATTRIBUTES = ["value_text", "qualifier", "role", "currency", "period", "begin", "end", "edtf", "vagueness", "anchored_to", "xsd_duration",
    "count_of", "unit", "basis", "year", "indicator", "measure_type", "sectors", "aliases", "responsible", "org_type",
    "abbreviation", "date", "identifier", "work_type", "paper", "paragraph", "iri"];
  const $ = id => document.getElementById(id);
  const esc = s => String(s).replace(/[&<>"']/g, c => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c]));

  // --- drawing --------------------------------------------------------------------------------
  const svg = $("canvas"), viewport = $("viewport");
  const circles = [], lines = [];
  const edgeLayer = $("edges"), nodeLayer = $("nodes"), labelLayer = $("labels");
  edges.forEach(e => {
    const a = nodes[e[0]], b = nodes[e[1]];
    const line = document.createElementNS(SVG, "line");
    line.setAttribute("x1", a.x); line.setAttribute("y1", a.y); line.setAttribute("x2", b.x); line.setAttribute("y2", b.y);
    edgeLayer.appendChild(line); lines.push(line);
  });
  const labelEls = [];
  nodes.forEach((n, i) => {
    const t = types[n.t];
    const c = document.createElementNS(SVG, "circle");
    c.setAttribute("cx", n.x); c.setAttribute("cy", n.y); c.setAttribute("r", t.size / 2);
    c.setAttribute("fill", t.colour); c.setAttribute("stroke-width", Math.max(1, t.size / 12));
    c.setAttribute("class", "node t-" + n.t); c.dataset.id = n.id; c.dataset.index = i;
    const title = document.createElementNS(SVG, "title");
    title.textContent = n.l + (n.a.value_text ? " — " + n.a.value_text : "");
    c.appendChild(title);
    nodeLayer.appendChild(c); circles.push(c);
    if (n.t === "paper" || n.t === "measure" || n.t === "organisation") {
      const text = document.createElementNS(SVG, "text");
      text.setAttribute("x", n.x + t.size / 2 + 2); text.setAttribute("y", n.y + 4);
      text.setAttribute("class", "l-" + n.t);
      text.textContent = n.l.length > 40 ? n.l.slice(0, 39) + "…" : n.l;
      labelLayer.appendChild(text); labelEls.push([i, text]);
    }
  });

  // --- pan and zoom ---------------------------------------------------------------------------
  let view = {x: 0, y: 0, k: 1};
  function apply() {
    viewport.setAttribute("transform", `translate(${view.x},${view.y}) scale(${view.k})`);
    svg.classList.toggle("zoomed", view.k > data.labelZoom);
    labelLayer.style.fontSize = (11 / view.k) + "px";
    labelLayer.style.strokeWidth = (3 / view.k) + "px";
  }
  function fit(indices) {
    const box = svg.getBoundingClientRect();
    const pts = (indices || nodes.map((_, i) => i)).map(i => nodes[i]);
    if (!pts.length) return;
    const xs = pts.map(p => p.x), ys = pts.map(p => p.y), pad = 30;
    const x0 = Math.min(...xs) - pad, x1 = Math.max(...xs) + pad, y0 = Math.min(...ys) - pad, y1 = Math.max(...ys) + pad;
    const k = Math.min(box.width / (x1 - x0), box.height / (y1 - y0), 4);
    view = {k, x: box.width / 2 - k * (x0 + x1) / 2, y: box.height / 2 - k * (y0 + y1) / 2};
    apply();
  }
  function centreOn(i, k) {
    const box = svg.getBoundingClientRect();
    view.k = Math.max(view.k, k || 2);
    view.x = box.width / 2 - view.k * nodes[i].x; view.y = box.height / 2 - view.k * nodes[i].y;
    apply();
  }
  function zoomAt(factor, cx, cy) {
    const k = Math.min(Math.max(view.k * factor, 0.01), 40);
    view.x = cx - (cx - view.x) * k / view.k; view.y = cy - (cy - view.y) * k / view.k; view.k = k;
    apply();
  }
  svg.addEventListener("wheel", ev => {
    ev.preventDefault();
    const box = svg.getBoundingClientRect();
    zoomAt(Math.exp(-ev.deltaY * 0.0015), ev.clientX - box.left, ev.clientY - box.top);
  }, {passive: false});
  let drag = null;
  svg.addEventListener("mousedown", ev => { drag = {x: ev.clientX, y: ev.clientY, vx: view.x, vy: view.y, moved: false}; svg.classList.add("dragging"); });
  window.addEventListener("mousemove", ev => {
    if (!drag) return;
    const dx = ev.clientX - drag.x, dy = ev.clientY - drag.y;
    if (Math.abs(dx) + Math.abs(dy) > 3) drag.moved = true;
    view.x = drag.vx + dx; view.y = drag.vy + dy; apply();
  });
  window.addEventListener("mouseup", () => { svg.classList.remove("dragging"); setTimeout(() => { drag = null; }, 0); });
  $("zoom-in").onclick = () => { const b = svg.getBoundingClientRect(); zoomAt(1.5, b.width / 2, b.height / 2); };
  $("zoom-out").onclick = () => { const b = svg.getBoundingClientRect(); zoomAt(1 / 1.5, b.width / 2, b.height / 2); };
  $("fit").onclick = () => fit(visibleIndices());

  // --- filters and search -----------------------------------------------------------------------
  const shownTypes = new Set(data.types.map(t => t.type));
  const legend = $("legend");
  data.types.forEach(t => {
    const label = document.createElement("label");
    label.innerHTML = `<input type="checkbox" checked data-type="${esc(t.type)}"><span class="swatch" style="background:${esc(t.colour)}"></span>${esc(t.type)} (${t.count})`;
    label.querySelector("input").onchange = ev => { ev.target.checked ? shownTypes.add(t.type) : shownTypes.delete(t.type); refresh(); };
    legend.appendChild(label);
  });
  function options(select, counts, name) {
    [...counts.entries()].sort((a, b) => name(a[0]).localeCompare(name(b[0]))).forEach(([value, count]) => {
      const o = document.createElement("option"); o.value = value; o.textContent = `${name(value)} (${count})`; select.appendChild(o);
    });
  }
  const unitCounts = new Map(), typeCounts = new Map();
  edges.forEach(e => { if (e[2] === "competent_authority") unitCounts.set(nodes[e[1]].id, (unitCounts.get(nodes[e[1]].id) || 0) + 1); });
  nodes.forEach(n => { if (n.t === "measure" && n.a.measure_type) typeCounts.set(n.a.measure_type, (typeCounts.get(n.a.measure_type) || 0) + 1); });
  options($("unit-filter"), unitCounts, id => nodes[byId.get(id)].l);
  options($("type-filter"), typeCounts, t => t);
  $("unit-filter").onchange = refresh; $("type-filter").onchange = refresh;
  const haystack = nodes.map(n => [n.l, n.a.label_en, n.a.label_zh, n.a.label_zh_hans, n.a.aliases, n.a.abbreviation,
    n.a.value_text, n.a.quote_zh, n.a.quote_en, n.a.identifier, n.id].filter(Boolean).join("\n").toLowerCase());
  let hits = new Set();
  $("search").addEventListener("input", () => search($("search").value));
  $("search").addEventListener("keydown", ev => {
    if (ev.key === "Enter") { const first = [...hits].find(i => visible[i]); if (first !== undefined) select(first, true); }
  });
  $("reset").onclick = () => {
    $("search").value = ""; $("unit-filter").value = ""; $("type-filter").value = ""; $("paper-filter").value = "";
    legend.querySelectorAll("input").forEach(i => { i.checked = true; shownTypes.add(i.dataset.type); });
    search(""); refresh(); fit();
  };

  let visible = nodes.map(() => true);
  function focusSet() {
    const unit = $("unit-filter").value, mtype = $("type-filter").value;
    if (!unit && !mtype) return null;
    const focus = new Set();
    nodes.forEach((n, i) => {
      if (n.t !== "measure" || (mtype && n.a.measure_type !== mtype)) return;
      if (unit && !out[i].some(k => edges[k][2] === "competent_authority" && nodes[edges[k][1]].id === unit)) return;
      focus.add(i);
      out[i].forEach(k => {
        const j = edges[k][1]; focus.add(j);
        if (nodes[j].t === "indicator") inc[j].forEach(m => focus.add(edges[m][0]));
      });
    });
    return focus;
  }
  function visibleIndices() { return nodes.map((_, i) => i).filter(i => visible[i]); }
  function refresh() {
    const focus = focusSet();
    const paperFocus = paperFocusSet();
    visible = nodes.map((n, i) => shownTypes.has(n.t) && (!focus || focus.has(i)) && (!paperFocus || paperFocus.has(i)));
    circles.forEach((c, i) => c.classList.toggle("hidden", !visible[i]));
    lines.forEach((l, k) => l.classList.toggle("hidden", !(visible[edges[k][0]] && visible[edges[k][1]])));
    labelEls.forEach(([i, t]) => t.classList.toggle("hidden", !visible[i]));
    $("status").textContent = `${visible.filter(Boolean).length} of ${nodes.length} nodes shown`;
    labelPaper();
    showResults();
  }
  function search(text) {
    const words = text.trim().toLowerCase().split(/\s+/).filter(Boolean);
    hits = new Set(words.length ? nodes.map((_, i) => i).filter(i => words.every(w => haystack[i].includes(w))) : []);
    circles.forEach((c, i) => c.classList.toggle("hit", hits.has(i)));
    svg.classList.toggle("faded", words.length > 0);
    showResults();
  }
  function showResults() {
    const list = $("results");
    const shown = [...hits].filter(i => visible[i]).sort((a, b) => rank(a) - rank(b));
    if (!$("search").value.trim()) { list.innerHTML = ""; return; }
    list.innerHTML = `<div class="where">${shown.length} match${shown.length === 1 ? "" : "es"}</div>` +
      shown.slice(0, 60).map(i => `<div class="result">${link(i)}${paperNote(i)}</div>`).join("");
  }
  function rank(i) { return ["paper", "measure", "organisation", "indicator"].indexOf(nodes[i].t) + 1 || 9; }

  // --- the side panel ---------------------------------------------------------------------------
  function badge(t) { return `<span class="badge" style="background:${esc(types[t].colour)}">${esc(t)}</span>`; }
  function link(i, text) {
    const n = nodes[i];
    return `<a class="node-link" data-index="${i}">${badge(n.t)} ${esc(text || n.l)}${n.a.value_text && !text ? " — " + esc(n.a.value_text) : ""}</a>`;
  }
  // A page as cited (its printed number), with the PDF position beside it when they differ.
  function pageText(page, pdfPage) {
    if (!page && !pdfPage) return "";
    return "p. " + (page || pdfPage) + (pdfPage && String(pdfPage) !== String(page) ? " (PDF p. " + pdfPage + ")" : "");
  }
  function quote(sentence, words, page, paragraph, lang) {
    const text = sentence || words || "";
    const at = words ? text.indexOf(words) : -1;
    const body = at < 0 ? esc(text) : esc(text.slice(0, at)) + `<mark>${esc(words)}</mark>` + esc(text.slice(at + words.length));
    const where = [lang === "zh" ? "中文" : "English", paragraph, page].filter(Boolean).join(" · ");
    return `<blockquote class="quote" lang="${lang === "zh" ? "zh-Hant" : "en"}">${body}</blockquote><div class="where">${esc(where)}</div>`;
  }
  function evidence(n) {
    return ["zh", "en"].filter(l => n.a["quote_" + l]).map(l =>
      `<div class="evidence">${quote(n.a["sentence_" + l], n.a["quote_" + l], pageText(n.a["page_" + l], n.a["pdf_page_" + l]), n.a.paragraph, l)}</div>`).join("");
  }
  function attributes(n) {
    const rows = ATTRIBUTES.filter(k => n.a[k] !== undefined && n.a[k] !== "").map(k =>
      `<tr><td>${esc(k.replace(/_/g, " "))}</td><td>${esc(n.a[k])}</td></tr>`);
    return rows.length ? `<table class="attrs">${rows.join("")}</table>` : "";
  }
  function factItem(j, edge) {
    const f = nodes[j];
    const linkQuotes = edge && edge[3] ? ["zh", "en"].filter(l => edge[3]["quote_" + l]) : [];
    return `<div class="fact">${link(j, f.a.value_text || f.l)}${evidence(f)}` +
      (evidence(f) ? "" : linkQuotes.map(l => quote(edge[3]["quote_" + l], "", pageText(edge[3]["page_" + l], edge[3]["pdf_page_" + l]), "", l)).join("")) + "</div>";
  }
  function details(i) {
    const n = nodes[i];
    const names = [n.a.label_zh, n.a.label_en, n.a.label_zh_hans].filter(x => x && x !== n.l);
    let html = `${badge(n.t)}<h2>${esc(n.l)}</h2>` + names.map(x => `<p class="alt">${esc(x)}</p>`).join("") + paperLine(i);
    if (FACTS.includes(n.t)) html += `<h3>Evidence 出處</h3>${evidence(n)}`;
    html += attributes(n);
    if (n.t === "measure") {
      const groups = {};
      out[i].forEach(k => { const rel = edges[k][2]; (groups[rel] = groups[rel] || []).push(k); });
      Object.keys(RELATION_TITLES).forEach(rel => {
        if (groups[rel]) html += `<h3>${RELATION_TITLES[rel]}</h3>` + groups[rel].map(k => factItem(edges[k][1], edges[k])).join("");
      });
      if (groups.competent_authority) html += "<h3>Responsible units 負責單位</h3>" + groups.competent_authority.map(k => link(edges[k][1])).join("");
      if (groups.announced_in) html += "<h3>Announced in 公布於</h3>" + groups.announced_in.map(k => link(edges[k][1])).join("");
    } else {
      const related = [...out[i].map(k => edges[k][1]), ...inc[i].map(k => edges[k][0])];
      const measures = related.filter(j => nodes[j].t === "measure");
      const facts = related.filter(j => FACTS.includes(nodes[j].t));
      const others = related.filter(j => !FACTS.includes(nodes[j].t) && nodes[j].t !== "measure");
      if (measures.length) html += `<h3>Measures 措施 (${measures.length})</h3>` + measures.map(j => link(j)).join("");
      if (others.length) html += "<h3>Linked 相關</h3>" + others.map(j => link(j)).join("");
      if (facts.length) html += `<h3>Facts 事實 (${facts.length})</h3>` + facts.slice(0, 200).map(j => factItem(j)).join("");
    }
    return html;
  }
  // --- a measure's timeline across papers (data.timelines, see extractor/track.py) --------------
  const timelineOf = new Map();
  (data.timelines || []).forEach(t => t.measures.forEach(id => { if (byId.has(id)) timelineOf.set(byId.get(id), t); }));
  function timelineRow(row) {
    const paper = byId.has(row.paper) ? link(byId.get(row.paper), row.paper.replace(/^paper\//, "")) : esc(row.paper);
    const where = [row.date || "undated", row.series, row.paragraph, row.page ? "p. " + row.page : ""].filter(Boolean).join(" · ");
    const says = [["amounts", row.amounts], ["dates", row.dates], ["KPI targets", row.targets]]
      .filter(([, items]) => items && items.length).map(([name, items]) => `<div class="says">${esc(name)}: ${items.map(esc).join("; ")}</div>`).join("");
    const marks = row.revisions.map(r => `<div class="revision">${esc(r)}</div>`).join("");
    return `<li class="timeline-row${row.revisions.length ? " revised" : ""}">${paper}<div class="where">${esc(where)}</div>${says}${marks}</li>`;
  }
  function timelinePanel(i) {
    const t = timelineOf.get(i);
    if (!t) return "";
    const dropped = t.dropped.map(r => `<div class="revision">${esc(r)}</div>`).join("");
    return `<section id="timeline"><h3>Timeline 時間線 (${t.rows.length} papers)</h3><ol class="timeline">${t.rows.map(timelineRow).join("")}</ol>${dropped}</section>`;
  }

  let selected = null;
  function select(i, centre) {
    if (selected !== null) circles[selected].classList.remove("selected");
    circles.forEach(c => c.classList.remove("near")); lines.forEach(l => l.classList.remove("near"));
    selected = i;
    circles[i].classList.add("selected");
    [...out[i], ...inc[i]].forEach(k => { lines[k].classList.add("near"); circles[edges[k][0]].classList.add("near"); circles[edges[k][1]].classList.add("near"); });
    $("details").innerHTML = details(i) + (nodes[i].t === "measure" ? timelinePanel(i) : "");
    $("details").dataset.id = nodes[i].id;
    labelPaper();
    if (centre) centreOn(i);
  }
  nodeLayer.addEventListener("click", ev => {
    const c = ev.target.closest("circle.node");
    if (c && !(drag && drag.moved)) select(+c.dataset.index, false);
  });
  $("panel").addEventListener("click", ev => {
    const a = ev.target.closest("a.node-link");
    if (a) select(+a.dataset.index, true);
  });

  // --- papers: which paper each node belongs to, naming it, focusing on one ------------------------
  // A fact is stated in its paper, a measure announced in it, an organisation mentioned in (or
  // creator of, or addressed by) it, an indicator measured by the KPI facts of it.
  function paperMembership() {
    const member = nodes.map((n, i) => new Set(n.t === "paper" ? [i] : []));
    edges.forEach(e => {
      const [a, b, relation] = e;
      if (["stated_in", "announced_in", "mentioned_in"].includes(relation) && nodes[b].t === "paper") member[a].add(b);
      if (["creator", "submitted_to"].includes(relation) && nodes[a].t === "paper") member[b].add(a);
    });
    edges.forEach(([a, b, relation]) => { if (relation === "indicator") member[a].forEach(p => member[b].add(p)); });
    return member.map(set => [...set].sort((p, q) => nodes[p].l.localeCompare(nodes[q].l)));
  }
  function paperNote(i) {
    const papers = papersOf[i].filter(p => p !== i);
    if (!papers.length) return "";
    const names = papers.slice(0, 2).map(p => nodes[p].l).join(" · ") + (papers.length > 2 ? ` +${papers.length - 2}` : "");
    return `<span class="paper" data-papers="${esc(papers.map(p => nodes[p].id).join(" "))}">${esc(names)}</span>`;
  }
  function paperLine(i) {
    const papers = papersOf[i].filter(p => p !== i);
    if (!papers.length) return "";
    return `<p class="papers">Paper 文件: ${papers.map(p => link(p)).join(" ")}</p>`;
  }
  function paperFocusSet() {
    const chosen = $("paper-filter").value;
    if (!chosen) return null;
    const p = byId.get(chosen);
    return new Set(nodes.map((_, i) => i).filter(i => papersOf[i].includes(p)));
  }
  // The measures and units of the focused paper (else of the selected node's paper) are labelled
  // at any zoom; other measure and unit labels appear only when zoomed in.
  function labelPaper() {
    const focused = $("paper-filter").value;
    let papers = focused ? [byId.get(focused)] : [];
    if (!focused && selected !== null && nodes[selected].t !== "organisation") papers = papersOf[selected];
    labelEls.forEach(([i, text]) => text.classList.toggle("l-on",
      (nodes[i].t === "measure" || nodes[i].t === "organisation") && papersOf[i].some(p => papers.includes(p))));
  }
  const paperCounts = new Map(nodes.map((n, i) => [n, i]).filter(([n]) => n.t === "paper")
    .map(([n, i]) => [n.id, papersOf.filter(list => list.includes(i)).length - 1]));
  options($("paper-filter"), paperCounts, id => nodes[byId.get(id)].l);
  $("paper-filter").onchange = () => { refresh(); fit(visibleIndices()); };

  $("title").textContent = data.title;
  refresh();
  fit();
  window.legcoKg = {nodes, edges, select, search, refresh, fit, centreOn, byId, papersOf};
})();
