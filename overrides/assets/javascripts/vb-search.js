/*
 * vb-search.js — the portal's search box (partials/vb-search.html), on a Pagefind index
 * written by vanban.search after the build. No dependency, nothing from another host.
 *
 * 1. Text folding, the twin of vanban.text.fold / tone_normalize (tests/test_search.py runs
 *    both on the same cases): `vbText.fold("Điện Biên") === "dien bien"`.
 * 2. Query: sent to Pagefind as typed (Pagefind folds tone marks and ranks exact marks first;
 *    the index also holds folded "đ" words and glossary counterparts), first to the outline
 *    index (<root>/pagefind/<lang>/: cards, titles, headings, targets), then, when it finds fewer
 *    than RERANK pages or the reader asks, to the full text (<root>/pagefind-full/, searched
 *    by a second instance of the outline's Pagefind module, see load); the best
 *    results are re-ranked: the query's words adjacent (a phrase) in the title or text, with the same
 *    marks, above folded or scattered matches. Excerpts are cut from the page text around the
 *    folded query words, so "dien bien" highlights "Điện Biên".
 * 3. UI: Material's search look (header box, overlay, full screen on phones), filters (type,
 *    year, issuer), keyboard ("/", "s", "f" open; arrows; Enter; Esc), a message when search
 *    cannot run (page opened from file://, index missing).
 */
(function (root) {
  "use strict";

  // ---- 1. folding ------------------------------------------------------------------------
  var SPACE = /[ \u00a0\u2000-\u200a\u202f\u205f\u3000]+/g;
  var MARKS = /\p{Mn}/gu;
  var TONE_PAIRS = {
    "òa": "oà", "óa": "oá", "ỏa": "oả", "õa": "oã", "ọa": "oạ",
    "òe": "oè", "óe": "oé", "ỏe": "oẻ", "õe": "oẽ", "ọe": "oẹ",
    "ùy": "uỳ", "úy": "uý", "ủy": "uỷ", "ũy": "uỹ", "ụy": "uỵ"
  };
  var TONE_RE = new RegExp(Object.keys(TONE_PAIRS).join("|"), "g");

  /** Matching key: lower case, no diacritics, đ→d, single spaces (= vanban.text.fold). */
  function fold(text) {
    var s = String(text).normalize("NFC").toLowerCase().replace(/[đð]/g, "d");
    s = s.normalize("NFD").replace(MARKS, "");
    return s.replace(SPACE, " ").trim();
  }

  /** Old tone placement → new, NFC (= vanban.text.tone_normalize). */
  function toneNormalize(text) {
    return String(text).normalize("NFC").replace(TONE_RE, function (m) { return TONE_PAIRS[m]; });
  }

  /** fold() character by character, keeping one character per character (for offsets). */
  var charCache = {};
  function foldAligned(text) {
    var out = "";
    for (var i = 0; i < text.length; i++) {
      var c = text[i];
      var f = charCache[c];
      if (f === undefined) {
        f = c.toLowerCase().replace(/[đð]/g, "d").normalize("NFD").replace(MARKS, "");
        f = f.length === 1 ? f : (f.length ? f[0] : " ");
        charCache[c] = f;
      }
      out += f;
    }
    return out;
  }

  /** The query as pairs of adjacent syllables, folded, the twin of vanban.pagefind.pairs:
   *  "Công đoàn cơ sở" → "‿cong‿doan ‿co‿so" (an odd last word goes alone); null for one word
   *  or a query with a digit (numbers go to Pagefind as typed). Both indexes hold every pair
   *  of adjacent syllables as one word: Pagefind answers pairs several times faster than the
   *  same common, short syllables one by one. */
  var PAIR = "\u203f";
  var OUTLINE = "pagefind", FULL = "pagefind-full";   // the two bundles (vanban.search)
  var WARM_UP = PAIR + "cong" + PAIR + "doan";    // "công đoàn": on most pages of the portal
  function pairQuery(query) {
    if (/\d/.test(query)) return null;
    var words = fold(query).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    if (words.length < 2) return null;
    var out = [];
    for (var i = 0; i + 1 < words.length; i += 2) out.push(PAIR + words[i] + PAIR + words[i + 1]);
    if (words.length % 2) out.push(words[words.length - 1]);
    return out.join(" ");
  }

  // ---- 2. ranking and excerpts --------------------------------------------------------------
  var MARKER = "⁂⁂";          // starts the index-only block (vanban.pagefind.MARKER)
  var TYPING_PAUSE = 120;     // ms after a key before the search starts
  var WHOLE_INPUT = /^insert(FromPaste|FromDrop|ReplacementText|FromYank)$/;
  var PRELOAD_FROM = 3;       // letters of the word being typed before its chunks are fetched
  var RERANK = 5;             // results whose text is loaded and re-ranked per page of results
  var WORD_CHAR = /[\p{L}\p{N}]/u;

  function escapeHtml(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function terms(query) {
    return fold(query).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  }

  /** Positions in `folded` of the query's words: whole words, and the last one (still
   *  being typed) also as the start of a word: [[start, end, termIndex]]. */
  function hits(folded, ts) {
    var out = [];
    if (!ts.length) return out;
    var re = new RegExp("(^|[^\\p{L}\\p{N}])(" + ts.map(function (t, i) {
      var word = t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      return i === ts.length - 1 ? word : word + "(?![\\p{L}\\p{N}])";
    }).join("|") + ")", "gu");
    var m;
    while ((m = re.exec(folded)) !== null) {
      var start = m.index + m[1].length;
      var end = start + m[2].length;
      while (end < folded.length && WORD_CHAR.test(folded[end])) end++;
      out.push([start, end, ts.indexOf(m[2])]);
      re.lastIndex = start + 1;
    }
    return out;
  }

  function hasPhrase(haystack, phrase) {
    if (!phrase) return false;
    var re = new RegExp("(^|[^\\p{L}\\p{N}])" + phrase.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") +
                        "($|[^\\p{L}\\p{N}])", "u");
    return re.test(haystack);
  }

  /** Re-ranking factor of a result: phrase and exact-mark matches in title and text, times
   *  the page's kind (`rank` meta, vanban.pagefind.WEIGHT_AGENCY …: an agency, guide or
   *  method page names or quotes what a document states; a document has none, 1). */
  function boost(data, query) {
    var ts = terms(query);
    var phrase = ts.join(" ");
    var exact = toneNormalize(query.toLowerCase()).replace(SPACE, " ").trim();
    var title = (data.meta && data.meta.title) || "";
    var body = data.vbBody;
    var fTitle = fold(title).replace(/[^\p{L}\p{N}]+/gu, " ");
    var fBody = data.vbFolded.replace(/[^\p{L}\p{N}]+/gu, " ");
    var b = 1;
    if (hasPhrase(toneNormalize(title.toLowerCase()), exact)) b += 4;
    else if (hasPhrase(fTitle, phrase)) b += 3;
    else if (ts.every(function (t) { return hasPhrase(fTitle, t); })) b += 1;
    if (hasPhrase(toneNormalize(body.toLowerCase()), exact)) b += 2;
    else if (hasPhrase(fBody, phrase)) b += 1;
    var rank = parseFloat((data.meta && data.meta.rank) || "1");
    return b * (rank > 0 ? rank : 1);
  }

  /** An excerpt of the page text around the densest run of query words, marked. */
  function excerpt(data, query, length) {
    var body = data.vbBody, folded = data.vbFolded;
    var ts = terms(query), found = hits(folded, ts);
    var from = 0;
    if (found.length) {
      var best = -1;
      for (var i = 0; i < found.length; i++) {
        var seen = {}, n = 0;
        for (var j = i; j < found.length && found[j][0] - found[i][0] < length; j++) {
          if (!seen[found[j][2]]) { seen[found[j][2]] = 1; n++; }
        }
        if (n > best) { best = n; from = found[i][0]; }
      }
      from = Math.max(0, from - Math.floor(length / 4));
      while (from > 0 && WORD_CHAR.test(body[from - 1])) from--;
    }
    var to = Math.min(body.length, from + length);
    while (to < body.length && WORD_CHAR.test(body[to])) to++;
    var out = from > 0 ? "… " : "", pos = from;
    found.forEach(function (h) {
      if (h[0] < pos || h[1] > to) return;
      out += escapeHtml(body.slice(pos, h[0])) + "<mark>" + escapeHtml(body.slice(h[0], h[1])) +
             "</mark>";
      pos = h[1];
    });
    return out + escapeHtml(body.slice(pos, to)) + (to < body.length ? " …" : "");
  }

  /** A result's data with its page text (before the index-only block) and folded twin. */
  function prepare(data) {
    var content = data.content || "";
    var cut = content.indexOf(MARKER);
    data.vbBody = (cut >= 0 ? content.slice(0, cut) : content).replace(/\s+/g, " ").trim();
    data.vbFolded = foldAligned(data.vbBody);
    return data;
  }

  async function loadData(result) {
    return prepare(await result.data());
  }

  var api = { fold: fold, toneNormalize: toneNormalize, foldAligned: foldAligned,
              pairQuery: pairQuery, boost: boost, excerpt: excerpt, prepare: prepare };
  if (typeof module !== "undefined" && module.exports) { module.exports = api; return; }  // node
  root.vbText = api;

  // ---- 3. the search box ------------------------------------------------------------------
  function SearchBox(el) {
    this.el = el;
    this.labels = JSON.parse(el.getAttribute("data-vb-labels") || "{}");
    this.root = new URL((el.getAttribute("data-vb-base") || ".").replace(/\/?$/, "/"),
                        location.href);
    this.input = el.querySelector("[data-vb-search-query]");
    this.meta = el.querySelector("[data-vb-search-meta]");
    this.list = el.querySelector("[data-vb-search-list]");
    this.filterBox = el.querySelector("[data-vb-search-filters]");
    this.toggle = document.getElementById("__search");
    this.filters = {};
    this.seq = 0;
    this.meta.textContent = this.labels.start || "";
    this.bind();
  }

  SearchBox.prototype.t = function (key, n) {
    return (this.labels[key] || key).replace("{n}", n);
  };

  SearchBox.prototype.bind = function () {
    var self = this;
    var timer = null;
    this.input.addEventListener("focus", function () {
      self.open();
      self.warm();
    });
    // a finger or pointer on the search icon: start loading before the box has focus
    this.el.querySelectorAll("label[for='__search']").forEach(function (label) {
      label.addEventListener("pointerdown", function () { self.warm(); }, { passive: true });
    });
    this.input.addEventListener("input", function (ev) {
      clearTimeout(timer);
      self.typedAt = performance.now();
      // a key: fetch what the words so far need and wait for the next key (TYPING_PAUSE);
      // text pasted, dropped or picked from a phone keyboard's suggestions arrives whole:
      // search at once (a word being composed by a Vietnamese keyboard, "insertComposition
      // Text", is typing)
      var whole = WHOLE_INPUT.test(ev.inputType || "") ||
        (ev.inputType === "insertText" && (ev.data || "").length > 1);
      if (!whole) self.preload();
      timer = setTimeout(function () { self.search(); }, whole ? 0 : TYPING_PAUSE);
    });
    this.el.querySelector("form").addEventListener("reset", function () {
      setTimeout(function () { self.search(); self.input.focus(); }, 0);
    });
    this.el.querySelector("form").addEventListener("submit", function (ev) {
      ev.preventDefault();
      var first = self.list.querySelector("a");
      if (first) first.click();
    });
    if (this.toggle) {
      this.toggle.addEventListener("change", function () {
        if (self.toggle.checked) setTimeout(function () { self.input.focus(); }, 50);
        else self.input.blur();
      });
    }
    document.addEventListener("keydown", function (ev) { self.key(ev); });
  };

  SearchBox.prototype.open = function () {
    if (this.toggle && !this.toggle.checked) this.toggle.checked = true;
  };

  SearchBox.prototype.close = function () {
    if (this.toggle) this.toggle.checked = false;
    this.input.blur();
  };

  SearchBox.prototype.key = function (ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    var target = ev.target;
    var typing = target && (target.isContentEditable ||
                            /^(input|textarea|select)$/i.test(target.tagName));
    var isOpen = this.toggle ? this.toggle.checked : false;
    if (!isOpen && !typing && (ev.key === "/" || ev.key === "s" || ev.key === "f")) {
      ev.preventDefault();
      this.open();
      this.input.focus();
      this.input.select();
      return;
    }
    if (!isOpen) return;
    if (ev.key === "Escape") { ev.preventDefault(); this.close(); return; }
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      var links = Array.prototype.slice.call(this.list.querySelectorAll("a"));
      if (!links.length) return;
      ev.preventDefault();
      var at = links.indexOf(document.activeElement);
      var next = ev.key === "ArrowDown" ? at + 1 : at - 1;
      if (next < 0) { this.input.focus(); return; }
      links[Math.min(next, links.length - 1)].focus();
    }
  };

  SearchBox.prototype.unavailable = function (key) {
    this.meta.textContent = "";
    var p = document.createElement("p");
    p.className = "vb-search__unavailable";
    p.textContent = this.t(key) + " ";
    var a = document.createElement("a");
    a.href = new URL(this.el.getAttribute("data-vb-documents") || "", this.root).href;
    a.textContent = this.t("documents");
    p.appendChild(a);
    this.meta.appendChild(p);
    this.list.textContent = "";
  };

  /** Load the outline index and its filters once (on focus, before the first query);
   *  `data-vb-search-ready` marks the box when done. Then start the full-text engine. */
  SearchBox.prototype.warm = function () {
    var self = this;
    if (!this.ready) {
      this.ready = this.load().then(async function (pf) {
        // one search while the reader types: the browser compiles Pagefind's WebAssembly
        // for speed only once it has run a while (a first search takes twice as long)
        await pf.search(WARM_UP).catch(function () {});
        self.el.setAttribute("data-vb-search-ready", "");
        self.load(FULL).catch(function () {});
        return pf;
      });
      this.ready.catch(function () {});
    }
    return this.ready;
  };

  /** The Pagefind instance of a bundle: OUTLINE or FULL. The outline's (the bundle of the
   *  page's language, data-vb-outline) is its module's own (filters loaded: Pagefind counts
   *  filter values only once they are). The full text is
   *  in shards (vanban.pagefind.SHARD_PAGES; <FULL>/shards.json lists the page language's),
   *  searched as one (Shards) by more instances of the same module (`createInstance`), on
   *  the module's WebAssembly, already compiled and warm: the full-text bundles have no
   *  script of their own and a stub for the wasm (vanban.pagefind.WASM_STUB). They start
   *  once the outline has (instances starting together would each set up the WebAssembly). */
  SearchBox.prototype.load = function (bundle) {
    bundle = bundle || OUTLINE;
    this.instances = this.instances || {};
    if (this.instances[bundle]) return this.instances[bundle];
    if (location.protocol === "file:") {
      this.instances[bundle] = Promise.reject(new Error("file"));
      return this.instances[bundle];
    }
    var root = this.root;
    var options = { baseUrl: root.pathname, noWorker: true, excerptLength: 0,
                    ranking: RANKING };
    if (bundle === OUTLINE) {
      // the outline bundle of the page's language (vanban.pagefind.outline_dir)
      var outline = this.el.getAttribute("data-vb-outline") || "";
      this.instances[bundle] = import(new URL(outline + "pagefind.js", root).href).then(
        async function (pf) {
          await pf.options(options);
          await pf.init();
          await pf.filters();
          return pf;
        });
    } else {
      var shards = fetch(new URL(bundle + "/shards.json", root).href).then(function (r) {
        if (!r.ok) throw new Error(r.status + " " + r.url);
        return r.json();
      });
      this.instances[bundle] = Promise.all([this.load(), shards]).then(async function (got) {
        var lang = (document.documentElement.lang || "").toLowerCase();
        var names = got[1][lang] || got[1][lang.split("-")[0]] || [];
        if (!names.length) throw new Error("no full-text index for " + lang);
        return new Shards(await Promise.all(names.map(async function (name) {
          var path = new URL(bundle + "/" + name, root).pathname;
          var instance = got[0].createInstance(Object.assign({ basePath: path }, options));
          await instance.init();
          return instance;
        })));
      });
    }
    return this.instances[bundle];
  };

  // Pagefind's ranking: a long page is penalised less than by default (pageLength 0.75). A
  // document's outline (card, headings, targets) is long beside an agency's page, which
  // names the same province or body in its heading: by default five agencies of a province
  // ranked above the one document it issued; and the weights vanban.search gives pages by
  // kind (vanban.pagefind.WEIGHT_AGENCY, WEIGHT_WRITTEN) were drowned by length
  var RANKING = { pageLength: 0.3 };

  // a filter no page has: Pagefind then counts a word's pages without scoring them
  var NOTHING = { type: "\u2205" };

  /** The full text's shards (vanban.pagefind.SHARD_PAGES), searched as one: every shard's
   *  results, by score, their filter counts added up. Pagefind leaves out of a search the
   *  words an index does not know, so a shard that lacks a word of the query that another
   *  shard knows would answer for the other words alone: it holds no page with all of
   *  them, and its results are left out. */
  function Shards(parts) {
    this.parts = parts;
  }

  Shards.prototype.preload = function (term, options) {
    return Promise.all(this.parts.map(function (part) { return part.preload(term, options); }));
  };

  Shards.prototype.search = async function (term, options) {
    var words = term.split(/\s+/).filter(Boolean);
    var parts = this.parts;
    // which words each shard knows (one word, no page scored: cheap), asked first: its
    // filter chunks load while the shards search
    var knowing = parts.length < 2 || words.length < 2 ? null : Promise.all(
      parts.map(function (part) {
        return Promise.all(words.map(function (word) {
          return part.search(word, { filters: NOTHING }).then(function (r) {
            return Boolean(r && r.unfilteredResultCount);
          });
        }));
      }));
    var found = await Promise.all(parts.map(function (part) {
      return part.search(term, options);
    }));
    var known = await knowing;
    var results = [], filters = {};
    found.forEach(function (f, n) {
      var lacks = known && words.some(function (_, i) {
        return !known[n][i] && known.some(function (k) { return k[i]; });
      });
      if (!f || lacks) return;
      results = results.concat(f.results);
      Object.keys(f.filters || {}).forEach(function (key) {
        var into = filters[key] = filters[key] || {};
        Object.keys(f.filters[key]).forEach(function (value) {
          into[value] = (into[value] || 0) + f.filters[key][value];
        });
      });
    });
    results.sort(function (a, b) { return b.score - a.score; });
    return { results: results, filters: filters };
  };

  /** While the reader types: fetch the index chunks of the words so far, so that the
   *  search, after the typing pause, finds them loaded. Pagefind reads each word as the
   *  start of longer ones, and a short start ("d", "chi") begins words in many chunks that
   *  the finished query does not need: nothing is fetched for one word of fewer than
   *  PRELOAD_FROM letters, and a word left out of the pairs (the third of "dien bien chi")
   *  waits for the next one ("‿chi‿t" begins few words). When the outline holds the pairs
   *  in fewer than RERANK pages, the search will ask the full text: its shards fetch their
   *  chunks, and once the last word has PRELOAD_FROM letters the full text is searched and
   *  the first results' texts are fetched. Both searches are kept (pairSearch) for the
   *  search after the pause. */
  SearchBox.prototype.preload = function () {
    var value = this.input.value.normalize("NFC").trim();
    var words = terms(value);                   // the words as pairQuery splits them
    if (words.length > 1 && words.length % 2) words.pop();
    var last = words[words.length - 1] || "";
    if (!this.ready || (words.length < 2 && last.length < PRELOAD_FROM)) {
      return Promise.resolve();
    }
    // a number goes to Pagefind as typed (pairQuery), one word as typed, more in pairs
    var self = this, pairs = /\d/.test(value) ? null : pairQuery(words.join(" "));
    var filters = this.activeFilters();
    return this.ready.then(async function (pf) {
      await pf.preload(pairs || value, { filters: filters });
      if (!pairs) return;
      var found = await self.pairSearch(OUTLINE, pairs, filters);
      if (!found || found.results.length >= RERANK) return;
      if (last.length < PRELOAD_FROM) {
        await (await self.load(FULL)).preload(pairs, { filters: filters });
        return;
      }
      var full = await self.pairSearch(FULL, pairs, filters);
      if (full && full.results.length) await firstHoldsPairs(full, pairs);
    }).catch(function () {});
  };

  /** A bundle's (OUTLINE or FULL) search for `pairs`, kept while the words and filters stay
   *  the same: made while the reader types (preload), taken again by the search after the
   *  typing pause; forgotten if it fails (the next asks again). */
  SearchBox.prototype.pairSearch = function (bundle, pairs, filters) {
    var self = this, slot = "kept:" + bundle, key = pairs + "\n" + JSON.stringify(filters);
    if (!this[slot] || this[slot].key !== key) {
      var engine = bundle === OUTLINE ? this.warm() : this.load(FULL);
      var entry = { key: key, found: engine.then(function (pf) {
        return pf.search(pairs, { filters: filters });
      }) };
      entry.found.catch(function () { if (self[slot] === entry) self[slot] = null; });
      this[slot] = entry;
    }
    return this[slot].found;
  };

  SearchBox.prototype.search = async function () {
    var query = this.input.value.normalize("NFC").trim();
    var seq = ++this.seq;
    if (!query) {
      this.meta.textContent = this.t("start");
      this.list.textContent = "";
      return;
    }
    var pf;
    try {
      pf = await this.warm();     // the filter index first: Pagefind counts filter values
    } catch (e) {                 // only once it is loaded
      this.unavailable(location.protocol === "file:" ? "offline" : "failed");
      return;
    }
    var started = performance.now();
    var found = await this.answer(pf, query, seq);
    if (seq !== this.seq || !found) return;
    this.query = query;
    this.results = found.results;      // outline results, then full-text ones (see fullText)
    this.fullSearched = false;
    this.seen = {};
    this.dupes = 0;
    this.scored = [];
    this.renderFilters(found.filters || {});
    await this.more(seq);
    var few = this.results.length < RERANK;
    // the answer is on screen (`data-vb-search-shown`, `-ms`: the time to it) unless the
    // outline found nothing and the full text is still to come
    if (seq === this.seq && (this.results.length || !few)) this.markShown(seq, started);
    // few outline matches: look in the full text at once, and add its pages below
    if (seq === this.seq && few) await this.fullText(seq);
    if (seq === this.seq) {
      if (this.shownSeq !== seq) this.markShown(seq, started);
      this.el.setAttribute("data-vb-search-done", String(seq));
    }
  };

  /** The answer is on screen: `data-vb-search-ms`, the time from the search's start (after
   *  the typing pause); `data-vb-search-typed-ms`, from the last key typed;
   *  `data-vb-search-for`, its query (benchmarks: an answer to the words typed so far may
   *  come first when the reader pauses). */
  SearchBox.prototype.markShown = function (seq, started) {
    var now = performance.now();
    this.shownSeq = seq;
    this.el.setAttribute("data-vb-search-for", this.query);
    this.el.setAttribute("data-vb-search-ms", String(Math.round(now - started)));
    this.el.setAttribute("data-vb-search-typed-ms",
                         String(Math.round(now - Math.min(this.typedAt || started, started))));
    this.el.setAttribute("data-vb-search-shown", String(seq));
  };

  /** Whether a page's indexed text holds every pair of `pairs` (Pagefind leaves out of a
   *  search the words it does not know: a pair that stands nowhere is not required). */
  function holdsPairs(data, pairs) {
    var text = fold(data.content || "");
    return pairs.split(" ").every(function (w) {
      return w.charAt(0) !== PAIR || text.indexOf(fold(w)) >= 0;
    });
  }

  /** Whether a pair search's first result holds every pair (see holdsPairs); the texts of
   *  the first RERANK results are fetched together, for the re-ranking next (more: Pagefind
   *  keeps each fragment it has fetched). */
  async function firstHoldsPairs(found, pairs) {
    found.results.slice(1, RERANK).forEach(function (r) { r.data().catch(function () {}); });
    return holdsPairs(await found.results[0].data(), pairs);
  }

  /** An index's answer (both hold syllable pairs): the query's words in pairs (they stand
   *  together on the page), then, when pairs find fewer than RERANK pages, word by word
   *  (pairs' pages first); word by word alone when some pair stands in no page (the first
   *  result lacks it). `full`: true for the full text's answer (pf its Shards). */
  SearchBox.prototype.answer = async function (pf, query, seq, full) {
    var filters = this.activeFilters();
    var pairs = pairQuery(query);
    var found = await (pairs ? this.pairSearch(full ? FULL : OUTLINE, pairs, filters)
                             : pf.search(query, { filters: filters }));
    if (!pairs || !found || seq !== this.seq) return found;
    // few pages hold the pairs in the outline: the full text will be searched next (see
    // search); ask it now
    var fullFound = !full && found.results.length < RERANK ?
      this.pairSearch(FULL, pairs, filters).catch(function () { return null; }) : null;
    if (found.results.length && !(await firstHoldsPairs(found, pairs))) {
      return pf.search(query, { filters: filters });
    }
    if (found.results.length >= RERANK || seq !== this.seq) return found;
    if (fullFound) {
      // the full text holds the pairs in enough pages: its answer comes next (see search),
      // and scattered words rank below pairs (their search is not made: it is the slowest)
      var early = await fullFound;
      if (seq !== this.seq) return found;
      if (early && early.results.length >= RERANK && await firstHoldsPairs(early, pairs)) {
        return found;
      }
    }
    var words = await pf.search(query, { filters: filters });
    if (!words) return found;
    var seen = {};
    found.results.forEach(function (r) { seen[r.id] = true; });
    // scattered words rank below the pages where they stand together (the two searches'
    // scores are not on one scale)
    var rest = words.results.filter(function (r) { return !seen[r.id]; }).map(function (r) {
      return { id: r.id, score: r.score, data: r.data, vbTier: 1 };
    });
    return { results: found.results.concat(rest), filters: words.filters };
  };

  /** Add the full-text index's results (pages not found in the outline) after the others. */
  SearchBox.prototype.fullText = async function (seq) {
    if (this.fullSearched) return;
    this.fullSearched = true;
    var pf;
    try {
      pf = await this.load(FULL);
    } catch (e) {
      return;
    }
    var found = await this.answer(pf, this.query, seq, true);
    if (seq !== this.seq || !found) return;
    this.results = this.results.concat(found.results);
    await this.more(seq);
  };

  /** Load, re-rank and show the next RERANK results (pages already shown are skipped). */
  SearchBox.prototype.more = async function (seq) {
    var self = this, query = this.query, start = this.scored.length + this.skipped();
    var batch = this.results.slice(start, start + RERANK);
    var datas = await Promise.all(batch.map(loadData));
    if (seq !== this.seq) return;
    var scored = [];
    datas.forEach(function (d, i) {
      if (self.seen[d.url]) { self.dupes = (self.dupes || 0) + 1; return; }
      self.seen[d.url] = true;
      scored.push({ data: d, tier: batch[i].vbTier || 0,
                    score: (batch[i].score || 1) * boost(d, query) });
    });
    scored.sort(function (a, b) { return a.tier - b.tier || b.score - a.score; });
    this.scored = this.scored.concat(scored);
    this.render();
  };

  SearchBox.prototype.skipped = function () { return this.dupes || 0; };

  SearchBox.prototype.activeFilters = function () {
    var out = {};
    Object.keys(this.filters).forEach(function (k) {
      if (this.filters[k]) out[k] = this.filters[k];
    }, this);
    return out;
  };

  SearchBox.prototype.renderFilters = function (available) {
    var self = this;
    var keys = ["type", "year", "issuer"].filter(function (k) {
      return available[k] && Object.keys(available[k]).length;
    });
    this.filterBox.hidden = !keys.length;
    this.filterBox.textContent = "";
    keys.forEach(function (key) {
      var label = document.createElement("label");
      label.className = "vb-search__filter";
      var span = document.createElement("span");
      span.textContent = self.t(key);
      var select = document.createElement("select");
      select.name = key;
      select.setAttribute("data-vb-filter", key);
      var all = document.createElement("option");
      all.value = "";
      all.textContent = self.t("all");
      select.appendChild(all);
      var values = Object.keys(available[key]).sort(function (a, b) {
        return key === "year" ? b.localeCompare(a) : a.localeCompare(b, "vi");
      });
      values.forEach(function (v) {
        var count = available[key][v];
        if (!count && self.filters[key] !== v) return;
        var o = document.createElement("option");
        o.value = v;
        o.textContent = v + " (" + count + ")";
        o.selected = self.filters[key] === v;
        select.appendChild(o);
      });
      select.addEventListener("change", function () {
        self.filters[key] = select.value;
        self.search();
      });
      label.appendChild(span);
      label.appendChild(select);
      self.filterBox.appendChild(label);
    });
  };

  SearchBox.prototype.render = function () {
    var self = this, total = this.results.length - this.skipped();
    this.meta.textContent = total === 0 ? this.t("none")
      : total === 1 ? this.t("one") : this.t("many", total);
    this.list.textContent = "";
    this.scored.forEach(function (r) {
      var d = r.data;
      var li = document.createElement("li");
      li.className = "md-search-result__item";
      var a = document.createElement("a");
      a.className = "md-search-result__link";
      a.href = d.url;
      var art = document.createElement("article");
      art.className = "md-search-result__article md-typeset";
      var h = document.createElement("h1");
      h.textContent = (d.meta && d.meta.title) || d.url;
      art.appendChild(h);
      if (d.meta && d.meta.info) {
        var info = document.createElement("p");
        info.className = "vb-search__info";
        info.textContent = d.meta.info;
        art.appendChild(info);
      }
      var p = document.createElement("p");
      p.className = "vb-search__excerpt";
      p.innerHTML = excerpt(d, self.query, 220);   // escaped by excerpt()
      art.appendChild(p);
      a.appendChild(art);
      li.appendChild(a);
      self.list.appendChild(li);
    });
    var more = this.scored.length + this.skipped() < this.results.length;
    if (more || !this.fullSearched) {
      var li = document.createElement("li");
      li.className = "md-search-result__item vb-search__more";
      var button = document.createElement("button");
      button.type = "button";
      button.className = "md-button";
      button.textContent = this.t(more ? "more" : "full");
      button.setAttribute("data-vb-more", more ? "more" : "full");
      button.addEventListener("click", function () {
        if (more) self.more(self.seq); else self.fullText(self.seq);
      });
      li.appendChild(button);
      this.list.appendChild(li);
    }
  };

  function start() {
    var el = document.querySelector("[data-vb-search]");
    if (el) root.vbSearch = new SearchBox(el);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})(typeof window !== "undefined" ? window : globalThis);
