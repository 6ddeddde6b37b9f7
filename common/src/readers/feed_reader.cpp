/// @file feed_reader.cpp
/// RSS 2.0 (and RSS 1.0/RDF) and Atom feeds: one article per item or entry,
/// parsed with libxml2; the feed's title is each article's source.
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "html_text.hpp"
#include "input.hpp"
#include "newsdex/dates.hpp"
#include "newsdex/index_writer.hpp"

namespace newsdex::detail {

namespace {

bool named(const xmlNode* node, const char* name) {
    return node->type == XML_ELEMENT_NODE && xmlStrcmp(node->name, reinterpret_cast<const xmlChar*>(name)) == 0;
}

/// The namespace prefix-independent test for content:encoded, dc:date and the like.
bool in_namespace(const xmlNode* node, const char* uri_part) {
    return node->ns && node->ns->href && std::strstr(reinterpret_cast<const char*>(node->ns->href), uri_part);
}

std::string text_of(const xmlNode* node) {
    std::unique_ptr<xmlChar, decltype(xmlFree)> content(xmlNodeGetContent(node), xmlFree);
    std::string text = content ? reinterpret_cast<const char*>(content.get()) : "";
    const std::size_t first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) return {};
    return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

std::string attribute(const xmlNode* node, const char* name) {
    std::unique_ptr<xmlChar, decltype(xmlFree)> value(xmlGetProp(node, reinterpret_cast<const xmlChar*>(name)), xmlFree);
    return value ? reinterpret_cast<const char*>(value.get()) : "";
}

/// What one item or entry says, before it becomes an Article.
struct FeedItem {
    long line = 0;
    std::string id, title, url, date, body, lang;
};

FeedItem read_rss_item(const xmlNode* item) {
    FeedItem out;
    out.line = xmlGetLineNo(item);
    std::string description, encoded;
    for (const xmlNode* c = item->children; c; c = c->next) {
        if (named(c, "title")) out.title = html_to_text(text_of(c));
        else if (named(c, "link") && out.url.empty()) out.url = text_of(c);
        else if (named(c, "guid")) out.id = text_of(c);
        else if (named(c, "pubDate") || (named(c, "date") && in_namespace(c, "purl.org/dc"))) out.date = text_of(c);
        else if (named(c, "encoded") && in_namespace(c, "purl.org/rss/1.0/modules/content")) encoded = text_of(c);
        else if (named(c, "description")) description = text_of(c);
    }
    out.body = html_to_text(encoded.empty() ? description : encoded);
    if (const std::string about = attribute(item, "about"); out.id.empty() && !about.empty()) out.id = about;  // RSS 1.0
    return out;
}

/// An Atom text construct (title, summary, content): type "text" (the
/// default) is plain text, "html" escaped HTML, "xhtml" inline XHTML.
std::string atom_text(const xmlNode* node, bool one_line) {
    const std::string type = attribute(node, "type");
    if (type == "html" || type == "text/html") return html_to_text(text_of(node));
    if (type == "xhtml" || type == "application/xhtml+xml") return nodes_to_text(node->children);
    return one_line ? collapse_space(text_of(node)) : text_of(node);
}

FeedItem read_atom_entry(const xmlNode* entry) {
    FeedItem out;
    out.line = xmlGetLineNo(entry);
    std::string summary, content, published, updated;
    for (const xmlNode* c = entry->children; c; c = c->next) {
        if (named(c, "title")) out.title = atom_text(c, true);
        else if (named(c, "id")) out.id = text_of(c);
        else if (named(c, "published")) published = text_of(c);
        else if (named(c, "updated")) updated = text_of(c);
        else if (named(c, "summary")) summary = atom_text(c, false);
        else if (named(c, "content")) content = atom_text(c, false);
        else if (named(c, "link")) {
            const std::string rel = attribute(c, "rel");
            if ((rel.empty() || rel == "alternate") && out.url.empty()) out.url = attribute(c, "href");
        }
    }
    out.date = published.empty() ? updated : published;
    out.body = content.empty() ? summary : content;
    if (xmlChar* lang = xmlNodeGetLang(entry)) {
        out.lang = reinterpret_cast<const char*>(lang);
        xmlFree(lang);
    }
    return out;
}

/// Hands each item to @p on_article with the feed-wide fields, reporting what is wrong.
class ItemSink {
  public:
    ItemSink(const Input& input, std::string source, std::string lang, const ArticleHandler& on_article,
             const DiagnosticHandler& on_diagnostic)
        : input_(input), source_(std::move(source)), lang_(std::move(lang)), on_article_(on_article),
          on_diagnostic_(on_diagnostic) {}

    void add(FeedItem item) {
        const auto line = static_cast<std::size_t>(std::max(0L, item.line));
        auto report = [&](std::string reason, Diagnostic::Severity severity) {
            on_diagnostic_({input_.name, line, std::move(reason), severity});
        };
        if (item.title.empty() && item.body.empty()) {
            report("feed item has no title and no text", Diagnostic::Severity::skipped);
            return;
        }
        Article article;
        article.title = std::move(item.title);
        article.body = std::move(item.body);
        article.url = std::move(item.url);
        article.source = source_;
        article.lang = !item.lang.empty() && is_language_tag(item.lang) ? item.lang : lang_;
        // The guid is the id; without one the link; without either the content.
        article.id = !item.id.empty() ? item.id : !article.url.empty() ? article.url : content_id(article);
        if (item.date.empty()) {
            report("feed item has no date; indexed without one", Diagnostic::Severity::notice);
        } else if (const std::string iso = rfc822_to_iso(item.date); (article.published = parse_published_date(iso))) {
            article.date = iso;
        } else {
            report("feed item date is not a date: \"" + item.date.substr(0, 40) + "\"; indexed without a date",
                   Diagnostic::Severity::repaired);
        }
        if (auto [it, fresh] = first_line_.emplace(article.id, line); !fresh) {
            report("feed item repeats the id \"" + article.id.substr(0, 80) + "\" of line " +
                       std::to_string(it->second) + "; the later item replaces the earlier",
                   Diagnostic::Severity::repaired);
        }
        if (article.body.empty()) report("empty body; indexed by its title", Diagnostic::Severity::notice);
        on_article_(std::move(article));
    }

  private:
    const Input& input_;
    std::string source_, lang_;
    const ArticleHandler& on_article_;
    const DiagnosticHandler& on_diagnostic_;
    std::map<std::string, std::size_t> first_line_;
};

bool sniff_feed(std::string_view head) {
    const std::string root = root_element(head);
    return root == "rss" || root == "feed" || root == "rdf:rdf";
}

/// The first error libxml2 reports while parsing (it keeps only the last):
/// where a feed broke is where the reader should look.
struct FirstXmlError {
    bool seen = false;
    int line = 0;
    std::string message;
};
thread_local FirstXmlError* current_xml_error = nullptr;

void keep_first_error(void*, xmlErrorPtr error) {
    if (!current_xml_error || current_xml_error->seen || !error || error->level < XML_ERR_ERROR) return;
    current_xml_error->seen = true;
    current_xml_error->line = error->line;
    current_xml_error->message = error->message ? error->message : "malformed XML";
    while (!current_xml_error->message.empty() && current_xml_error->message.back() == '\n') {
        current_xml_error->message.pop_back();
    }
}

using XmlDoc = std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)>;

/// Parses @p content forgivingly (what can be recovered after an error is
/// kept); never fetches anything from the network, never expands external
/// entities. @p utf8: the content was converted to UTF-8, whatever its
/// declaration says.
XmlDoc parse_xml(const std::string& content, bool utf8, FirstXmlError& first_error) {
    static const bool parser_ready = (xmlInitParser(), true);  // once, before threads may read feeds
    (void)parser_ready;
    std::unique_ptr<xmlParserCtxt, decltype(&xmlFreeParserCtxt)> context(xmlNewParserCtxt(), xmlFreeParserCtxt);
    if (!context) throw std::bad_alloc();
    context->sax->serror = keep_first_error;
    current_xml_error = &first_error;
    const int flags = XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA;
    XmlDoc doc(xmlCtxtReadMemory(context.get(), content.data(), static_cast<int>(content.size()), nullptr,
                                 utf8 ? "UTF-8" : nullptr, flags),
               xmlFreeDoc);
    current_xml_error = nullptr;
    return doc;
}

void read_feed(Input& input, const ReadOptions& options, const ArticleHandler& on_article,
               const DiagnosticHandler& on_diagnostic) {
    // A feed holds many articles: allow it 16 of them at the largest.
    std::optional<std::string> content = read_whole(input, options.max_article_bytes * 16, options, on_diagnostic);
    if (!content) return;
    std::string note = to_utf8(*content, input.encoding);
    if (!note.empty()) on_diagnostic({input.name, 0, note, Diagnostic::Severity::repaired});
    FirstXmlError error;
    XmlDoc doc = parse_xml(*content, input.encoding != Encoding::utf8, error);
    content.reset();
    const xmlNode* root = doc ? xmlDocGetRootElement(doc.get()) : nullptr;
    if (!root || !(named(root, "rss") || named(root, "feed") || named(root, "RDF"))) {
        on_diagnostic({input.name, 0, "not an RSS or Atom feed (no <rss>, <feed> or <rdf:RDF> root element)",
                       Diagnostic::Severity::skipped});
        return;
    }
    if (error.seen) {
        on_diagnostic({input.name, static_cast<std::size_t>(std::max(0, error.line)),
                       "malformed XML (" + error.message + "); the items before it are indexed, and what could be "
                       "recovered after it",
                       Diagnostic::Severity::repaired});
    }
    const bool atom = named(root, "feed");
    // RSS 2.0 keeps items in <channel>; RSS 1.0 beside it; Atom entries in <feed>.
    const xmlNode* channel = root;
    for (const xmlNode* c = root->children; c && !atom; c = c->next) {
        if (named(c, "channel")) channel = c;
    }
    std::string source, lang;
    for (const xmlNode* c = channel->children; c; c = c->next) {
        if (named(c, "title") && source.empty()) source = html_to_text(text_of(c));
        if (named(c, "language") && is_language_tag(text_of(c))) lang = text_of(c);
    }
    if (xmlChar* feed_lang = xmlNodeGetLang(root); feed_lang) {
        const char* tag = reinterpret_cast<const char*>(feed_lang);
        if (lang.empty() && is_language_tag(tag)) lang = tag;
        xmlFree(feed_lang);
    }
    ItemSink sink(input, source, lang, on_article, on_diagnostic);
    std::size_t items = 0;
    for (const xmlNode* parent : {channel, root}) {
        for (const xmlNode* c = parent->children; c; c = c->next) {
            if (atom && named(c, "entry")) {
                sink.add(read_atom_entry(c));
                ++items;
            } else if (!atom && named(c, "item")) {
                sink.add(read_rss_item(c));
                ++items;
            }
        }
        if (channel == root) break;
    }
    if (items == 0) on_diagnostic({input.name, 0, "feed has no items", Diagnostic::Severity::skipped});
}

}  // namespace

const FormatReader feed_format{InputFormat::feed, "an RSS or Atom feed", ".rss .atom .xml", sniff_feed, read_feed,
                              /*structured=*/true};

}  // namespace newsdex::detail
