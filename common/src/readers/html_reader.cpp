/// @file html_reader.cpp
/// Saved news pages: one article per page, parsed with libxml2's HTML
/// parser. The fields come from the page's metadata (JSON-LD, Open Graph,
/// <link rel="canonical">, <time>, <html lang>); the body is the main text
/// (main_text.cpp).
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include <cctype>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "html_text.hpp"
#include "input.hpp"
#include "main_text.hpp"
#include "newsdex/dates.hpp"

namespace newsdex::detail {

namespace {

bool is_element(const xmlNode* node, const char* name) {
    return node->type == XML_ELEMENT_NODE && xmlStrcasecmp(node->name, reinterpret_cast<const xmlChar*>(name)) == 0;
}

std::string attribute(const xmlNode* node, const char* name) { return collapse_space(attribute_of(node, name)); }

std::string text_of(const xmlNode* node) {
    std::unique_ptr<xmlChar, decltype(xmlFree)> content(xmlNodeGetContent(node), xmlFree);
    return content ? reinterpret_cast<const char*>(content.get()) : "";
}

/// What the page says about itself, each field from the best place that has it.
struct PageMetadata {
    std::map<std::string, std::string> meta;  ///< <meta property|name|itemprop> -> content (lower-case key; first wins)
    std::string canonical, title_element, first_h1, first_time, html_lang;
    std::string ld_headline, ld_date, ld_publisher, ld_url, ld_lang;

    std::string meta_of(std::initializer_list<const char*> keys) const {
        for (const char* key : keys) {
            if (auto it = meta.find(key); it != meta.end() && !it->second.empty()) return it->second;
        }
        return {};
    }
};

std::string string_of(const nlohmann::json& value) {
    if (value.is_string()) return collapse_space(value.get<std::string>());
    if (value.is_object()) {
        for (const char* key : {"name", "@id", "url"}) {
            if (value.contains(key) && value[key].is_string()) return collapse_space(value[key].get<std::string>());
        }
    }
    if (value.is_array() && !value.empty()) return string_of(value[0]);
    return {};
}

bool is_article_type(const nlohmann::json& type) {
    if (type.is_array()) {
        for (const auto& t : type) {
            if (is_article_type(t)) return true;
        }
        return false;
    }
    if (!type.is_string()) return false;
    const std::string name = type.get<std::string>();
    return name.find("Article") != std::string::npos || name == "BlogPosting" || name == "Report" ||
           name == "LiveBlogPosting";
}

/// The first schema.org article in a JSON-LD value (an object, an array, a @graph).
void read_json_ld(const nlohmann::json& value, PageMetadata& page) {
    if (value.is_array()) {
        for (const auto& item : value) read_json_ld(item, page);
        return;
    }
    if (!value.is_object()) return;
    if (value.contains("@graph")) read_json_ld(value["@graph"], page);
    if (!page.ld_headline.empty() || !value.contains("@type") || !is_article_type(value["@type"])) return;
    auto field = [&](const char* key) { return value.contains(key) ? string_of(value[key]) : std::string(); };
    page.ld_headline = field("headline");
    if (page.ld_headline.empty()) page.ld_headline = field("name");
    page.ld_date = field("datePublished");
    if (page.ld_date.empty()) page.ld_date = field("dateCreated");
    page.ld_publisher = field("publisher");
    page.ld_url = field("url");
    if (page.ld_url.empty()) page.ld_url = field("mainEntityOfPage");
    page.ld_lang = field("inLanguage");
}

void collect_metadata(const xmlNode* node, PageMetadata& page) {
    for (; node; node = node->next) {
        if (node->type != XML_ELEMENT_NODE) continue;
        if (is_element(node, "html")) {
            page.html_lang = attribute(node, "lang");
            if (page.html_lang.empty()) page.html_lang = attribute(node, "xml:lang");
        } else if (is_element(node, "meta")) {
            for (const char* key : {"property", "name", "itemprop"}) {
                const std::string name = ascii_lower(attribute(node, key));
                if (!name.empty()) page.meta.emplace(name, attribute(node, "content"));
            }
        } else if (is_element(node, "link")) {
            if (ascii_lower(attribute(node, "rel")) == "canonical" && page.canonical.empty()) {
                page.canonical = attribute(node, "href");
            }
        } else if (is_element(node, "title") && page.title_element.empty()) {
            page.title_element = collapse_space(text_of(node));
        } else if (is_element(node, "h1") && page.first_h1.empty()) {
            page.first_h1 = collapse_space(text_of(node));
        } else if (is_element(node, "time") && page.first_time.empty()) {
            page.first_time = attribute(node, "datetime");
        } else if (is_element(node, "script") && ascii_lower(attribute(node, "type")) == "application/ld+json") {
            // Broken JSON-LD is common and harmless: the other metadata remain.
            const nlohmann::json ld = nlohmann::json::parse(text_of(node), nullptr, false);
            if (!ld.is_discarded()) read_json_ld(ld, page);
            continue;
        }
        collect_metadata(node->children, page);
    }
}

bool equal_folded(std::string_view a, std::string_view b) { return ascii_lower(a) == ascii_lower(b); }

std::size_t word_count(std::string_view text) {
    std::size_t words = 0;
    bool in_word = false;
    for (const char c : text) {
        const bool space = c == ' ';
        if (!space && !in_word) ++words;
        in_word = !space;
    }
    return words;
}

/// "Port Gazette :: Harbour pilots reach pay deal" when no site name is
/// known: a part of at most three words beside a separator is taken for the
/// site's name when the other part has more words.
std::string without_unnamed_site(const std::string& title) {
    for (const char* separator : {" | ", " :: ", " \u2014 ", " \u2013 ", " - "}) {
        const std::string sep = separator;
        const std::size_t last = title.rfind(sep);
        if (last == std::string::npos) continue;
        const std::string head = title.substr(0, last), tail = title.substr(last + sep.size());
        if (word_count(tail) <= 3 && word_count(head) > word_count(tail)) return head;
        const std::size_t first = title.find(sep);
        const std::string site = title.substr(0, first), rest = title.substr(first + sep.size());
        if (word_count(site) <= 3 && word_count(rest) > word_count(site)) return rest;
    }
    return title;
}

/// "Floods in Valencia | The Herald" -> "Floods in Valencia" when the site is "The Herald".
std::string without_site_name(std::string title, const std::string& site) {
    if (site.empty()) return without_unnamed_site(title);
    for (const char* separator : {" | ", " - ", " \u2013 ", " \u2014 ", " :: ", " \u00b7 ", " : ", " \u2022 "}) {
        const std::string sep = separator;
        const std::size_t n = sep.size() + site.size();
        if (title.size() > n && equal_folded(title.substr(title.size() - n), sep + site)) {
            return title.substr(0, title.size() - n);
        }
        if (title.size() > n && equal_folded(title.substr(0, n), site + sep)) return title.substr(n);
    }
    return title;
}

bool sniff_html(std::string_view head) {
    std::size_t at = head.substr(0, 3) == "\xef\xbb\xbf" ? 3 : 0;
    at = head.find_first_not_of(" \t\r\n", at);
    if (at != std::string_view::npos && ascii_lower(head.substr(at, 14)) == "<!doctype html") return true;
    return root_element(head) == "html";
}

/// Whether the page declares its encoding (a <meta charset>), in its first bytes.
bool declares_charset(std::string_view content) {
    return ascii_lower(content.substr(0, 4096)).find("charset") != std::string::npos;
}

void read_html(Input& input, const ReadOptions& options, const ArticleHandler& on_article,
               const DiagnosticHandler& on_diagnostic) {
    std::optional<std::string> content = read_whole(input, options.max_article_bytes, options, on_diagnostic);
    if (!content) return;
    std::string note = to_utf8(*content, input.encoding);
    if (!note.empty()) on_diagnostic({input.name, 0, note, Diagnostic::Severity::repaired});
    // Without a declaration libxml2 would take Latin-1; saved pages are UTF-8 (repaired later if not).
    const bool utf8 = input.encoding != Encoding::utf8 || !declares_charset(*content);
    const int flags = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET;
    std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)> doc(
        htmlReadMemory(content->data(), static_cast<int>(content->size()), nullptr, utf8 ? "UTF-8" : nullptr, flags),
        xmlFreeDoc);
    const xmlNode* root = doc ? xmlDocGetRootElement(doc.get()) : nullptr;
    if (!root) {
        on_diagnostic({input.name, 0, "not an HTML page (nothing to parse)", Diagnostic::Severity::skipped});
        return;
    }
    PageMetadata page;
    collect_metadata(root, page);
    Article article;
    article.source = page.meta_of({"og:site_name", "application-name"});
    if (article.source.empty()) article.source = page.ld_publisher;
    for (const std::string& title : {page.ld_headline, page.meta_of({"og:title", "twitter:title"}), page.first_h1,
                                     page.title_element}) {
        if (!title.empty()) {
            article.title = without_site_name(title, article.source);
            break;
        }
    }
    article.url = !page.canonical.empty() ? page.canonical : page.meta_of({"og:url"});
    if (article.url.empty()) article.url = page.ld_url;
    // The page's address is its id: the same story saved twice is one article.
    article.id = !article.url.empty() ? article.url : input.id_hint;
    for (const std::string& lang : {page.html_lang, page.ld_lang, page.meta_of({"og:locale", "language"})}) {
        if (!lang.empty() && is_language_tag(lang)) {
            article.lang = lang;
            break;
        }
    }
    const std::string date = [&] {
        for (const std::string& d : {page.ld_date, page.meta_of({"article:published_time", "datepublished",
                                                                  "date", "pubdate", "dc.date", "dcterms.date"}),
                                     page.first_time}) {
            if (!d.empty()) return d;
        }
        return std::string();
    }();
    if (!date.empty()) {
        const std::string iso = rfc822_to_iso(date);
        if ((article.published = parse_published_date(iso))) {
            article.date = iso;
        } else {
            on_diagnostic({input.name, 0, "page date is not a date: \"" + date.substr(0, 40) + "\"; indexed without one",
                           Diagnostic::Severity::repaired});
        }
    }
    article.body = main_text(root, article.title);
    if (article.title.empty() && article.body.empty()) {
        on_diagnostic({input.name, 0, "page has no title and no main text", Diagnostic::Severity::skipped});
        return;
    }
    if (article.body.empty()) {
        on_diagnostic({input.name, 0, "no main text found in the page; indexed by its title",
                       Diagnostic::Severity::notice});
    }
    on_article(std::move(article));
}

}  // namespace

const FormatReader html_format{InputFormat::html, "an HTML page", ".html .htm .xhtml .shtml", sniff_html, read_html,
                               /*structured=*/true};

}  // namespace newsdex::detail
