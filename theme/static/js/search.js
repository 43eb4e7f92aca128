// Shows search results for ?q= on the search page, from the Pagefind index.
// Only the search page loads this file; it loads Pagefind only when there is a query.
const form = document.querySelector("[data-search-form]");
const output = document.querySelector("[data-search-results]");
const query = (new URLSearchParams(location.search).get("q") || "").trim();

function paragraph(text) {
  const p = document.createElement("p");
  p.textContent = text;
  return p;
}

async function showResults() {
  output.replaceChildren(paragraph("Searching…"));
  const pagefind = await import(new URL(form.dataset.indexScript, document.baseURI).href);
  await pagefind.options({ baseUrl: new URL(form.dataset.siteRoot, document.baseURI).pathname });
  const search = await pagefind.search(query);
  const found = await Promise.all(search.results.slice(0, 20).map((result) => result.data()));
  const heading = document.createElement("h2");
  const count = search.results.length;
  heading.textContent = `${count} ${count === 1 ? "result" : "results"} for “${query}”`;
  const list = document.createElement("ol");
  list.className = "search-result-list";
  for (const item of found) {
    const entry = document.createElement("li");
    const link = document.createElement("a");
    link.href = item.url;
    link.textContent = item.meta.title || item.url;
    const excerpt = document.createElement("p");
    // Pagefind's excerpt is escaped page text with <mark> around the matches.
    excerpt.innerHTML = item.excerpt;
    entry.append(link, excerpt);
    list.append(entry);
  }
  output.replaceChildren(heading, ...(count ? [list] : [paragraph("Try another word, or browse the site below.")]));
}

document.querySelector("[data-search-needs-js]")?.remove();

if (form && output && query) {
  form.elements.q.value = query;
  showResults().catch(() => {
    output.replaceChildren(paragraph("Search is not available right now. Please browse the site below."));
  });
}
