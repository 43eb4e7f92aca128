// The clinic's content editor (Sveltia CMS) at /admin/: copied there by
// plugins/output/editor.py with config.json, which the build generates from the
// field table (plugins/common/fields.py). This file adds what the editor does not
// know: Pelican's "Key: value" headers (in the order the build hands over, the
// one `invoke new` writes), previews with the site's stylesheet, the review block
// and the disclaimer, and the editor's fonts served from this site.

// The editor waits for CMS.init() below instead of starting when it loads.
window.CMS_MANUAL_INIT = true;

(function () {
  "use strict";

  // The fonts the editor's own stylesheet asks a CDN for, served from admin/fonts/.
  // Faces added here come after the stylesheet's in the document's font list, so
  // these are the ones used and the CDN's are never requested.
  const FONTS = [
    ["Source Sans 3", "fonts/source-sans-3.woff2", { weight: "200 900", display: "swap" }],
    ["Noto Mono", "fonts/noto-mono.woff2", { weight: "400", display: "swap" }],
    ["Material Symbols Outlined", "fonts/material-symbols-outlined.woff2",
      { weight: "400", display: "block" }],
  ];

  function addFonts() {
    for (const [family, url, descriptors] of FONTS) {
      const face = new FontFace(family, `url(${url}) format("woff2")`,
        { style: "normal", ...descriptors });
      document.fonts.add(face);
      face.load().catch(() => {});
    }
  }

  // --- Pelican's metadata: "Key: value" lines, a blank line, then the text ---------

  const HEADER_LINE = /^([A-Za-z][A-Za-z0-9_-]*):[ \t]*(.*)$/;

  function oneLine(value) {
    return String(value ?? "").split(/\s+/).filter(Boolean).join(" ");
  }

  function pelicanFormat(headers) {
    const known = new Map(headers);  // key -> name as writers type it
    return {
      fromFile(text) {
        const lines = String(text).replace(/\r\n?/g, "\n").split("\n");
        const data = {};
        let index = 0;
        for (; index < lines.length; index += 1) {
          const match = HEADER_LINE.exec(lines[index]);
          if (!match) break;
          data[match[1].toLowerCase()] = match[2].trim();
        }
        if (index === 0) return { body: lines.join("\n") };  // no header at all
        data.body = lines.slice(index).join("\n").replace(/^\n+/, "");
        return data;
      },
      toFile(data) {
        const lines = [];
        for (const [key, name] of headers) {
          const value = oneLine(data[key]);
          if (value) lines.push(`${name}: ${value}`);
        }
        // A key the table does not know stays in the file: the build names it.
        for (const [key, value] of Object.entries(data)) {
          if (key !== "body" && !known.has(key) && oneLine(value)) {
            lines.push(`${key.charAt(0).toUpperCase()}${key.slice(1)}: ${oneLine(value)}`);
          }
        }
        const body = String(data.body ?? "").replace(/\r\n?/g, "\n").replace(/\s+$/, "");
        return `${lines.join("\n")}\n\n${body}\n`;
      },
    };
  }

  // --- Previews: the page as the site shows it ----------------------------------

  // Python's strftime, for the codes DEFAULT_DATE_FORMAT may use.
  const MONTHS = ["January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December"];

  function parseDay(text) {
    const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(text ?? ""));
    return match ? { year: +match[1], month: +match[2], day: +match[3] } : null;
  }

  function formatDay(day, format) {
    const codes = {
      "%-d": String(day.day), "%d": String(day.day).padStart(2, "0"),
      "%-m": String(day.month), "%m": String(day.month).padStart(2, "0"),
      "%B": MONTHS[day.month - 1], "%b": MONTHS[day.month - 1].slice(0, 3),
      "%Y": String(day.year),
    };
    return format.replace(/%-?[a-zA-Z]/g, (code) => codes[code] ?? code);
  }

  function isoDay(day) {
    return [day.year, String(day.month).padStart(2, "0"), String(day.day).padStart(2, "0")]
      .join("-");
  }

  // plugins/clinic/review.py's add_months: whole months, clamped to the month's end.
  function addMonths(day, months) {
    const index = day.month - 1 + months;
    const year = day.year + Math.floor(index / 12);
    const month = (index % 12) + 1;
    const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
    return { year, month, day: Math.min(day.day, last) };
  }

  function isNo(value) {
    return ["no", "false", "off", "0", "none"].includes(oneLine(value).toLowerCase());
  }

  function isYes(value) {
    return ["yes", "true", "on", "1"].includes(oneLine(value).toLowerCase());
  }

  function previewTemplate(site, kinds) {
    const h = window.h;
    const isArticle = kinds.includes("article");

    function time(day) {
      return h("time", { dateTime: isoDay(day) }, formatDay(day, site.date_format));
    }

    // theme/templates/components/review/review.html, from the entry's fields.
    function reviewBlock(value) {
      const medical = isArticle ? !isNo(value("medical")) : isYes(value("medical"));
      const reviewer = site.reviewers[oneLine(value("reviewer"))];
      const reviewed = parseDay(value("reviewed"));
      if (!medical || !reviewer || !reviewed) return null;
      const next = parseDay(value("next_review"))
        || addMonths(reviewed, site.review_interval_months);
      const modified = parseDay(value("modified"));
      const who = [reviewer.credentials, reviewer.job_title].filter(Boolean);
      return h("footer", { className: "review-info" },
        h("p", null, "Medically reviewed by ", h("strong", null, reviewer.name),
          who.length ? `, ${who.join(", ")}` : ""),
        h("p", null, "Page last reviewed: ", time(reviewed)),
        h("p", null, "Next review due: ", time(next)),
        modified ? h("p", null, "Last updated: ", time(modified)) : null);
    }

    // The text as Markdown makes it on the site (a line break inside a paragraph is
    // a space), sanitized; images linked as {static}/images/... shown from the
    // editor's copy of the file.
    function bodyHtml(text, getAsset, frame) {
      const holder = frame.createElement("template");  // inert: loads nothing yet
      holder.innerHTML = window.DOMPurify.sanitize(
        window.marked.parse(String(text ?? ""), { breaks: false, gfm: true }));
      for (const image of holder.content.querySelectorAll("img")) {
        const source = decodeURI(image.getAttribute("src") || "");
        if (!source.startsWith("{static}/")) continue;
        const inContent = source.slice("{static}/".length);
        // An image the editor holds in memory (just uploaded) has a blob: address;
        // any other is left without one (its description shows), never a broken request.
        const asset = [source, `${site.content_folder}/${inContent}`,
          `/${site.content_folder}/${inContent}`].map((path) => getAsset(path))
          .find((found) => String(found?.url ?? "").startsWith("blob:"));
        if (asset) image.src = asset.url;
        else image.removeAttribute("src");
      }
      return holder.innerHTML;
    }

    return function Preview({ entry, getAsset, document: frame }) {
      const value = (key) => entry.getIn(["data", key]);
      frame.body.className = isArticle ? "article" : "page";
      const date = parseDay(value("date"));
      const author = oneLine(value("author"));
      const header = isArticle
        ? h("header", { className: "entry-header" },
          h("h1", null, value("title")),
          h("p", { className: "meta" }, author ? `By ${author}` : null,
            date ? [" · Published ", time(date)] : null,
            value("category") ? ` · In ${oneLine(value("category"))}` : null))
        : h("h1", null, value("title"));
      const expected = oneLine(value("expected_results"));
      // The disclaimer as the build renders it (its theme component), unless the page
      // opts out; on the site it follows the writer's text.
      const disclaimer = isNo(value("disclaimer")) ? null
        : h("div", { dangerouslySetInnerHTML: { __html: site.disclaimer_html } });
      return h("main", { id: "main" },
        h("article", { className: "wrap prose" },
          header,
          kinds.includes("story") && expected
            ? h("p", { className: "story-notice" }, expected) : null,
          h("div", { dangerouslySetInnerHTML: {
            __html: bodyHtml(value("body"), getAsset, frame) } }),
          disclaimer,
          reviewBlock(value)));
    };
  }

  async function start() {
    const response = await fetch("config.json", { cache: "no-cache" });
    const { cms, site } = await response.json();
    addFonts();
    window.CMS.registerCustomFormat(site.format, "md", pelicanFormat(site.headers));
    window.CMS.registerPreviewStyle(site.stylesheet);
    for (const [name, collection] of Object.entries(site.collections)) {
      window.CMS.registerPreviewTemplate(name, previewTemplate(site, collection.kinds));
    }
    await window.CMS.init({ config: cms });
  }

  document.addEventListener("DOMContentLoaded", () => {
    start().catch((error) => {
      document.body.textContent = `The editor could not start: ${error}`;
    });
  });
}());
