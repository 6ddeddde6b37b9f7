/// @file html_text.cpp
#include "html_text.hpp"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include <cstring>
#include <memory>

namespace newsdex::detail {

namespace {

bool is_one_of(const xmlChar* name, std::initializer_list<const char*> names) {
    for (const char* candidate : names) {
        if (xmlStrcasecmp(name, reinterpret_cast<const xmlChar*>(candidate)) == 0) return true;
    }
    return false;
}

/// Collects text, blocks separated by "\n\n", white space collapsed.
class TextCollector {
  public:
    void walk(const xmlNode* node) {
        for (; node; node = node->next) {
            if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
                add_text(reinterpret_cast<const char*>(node->content));
            } else if (node->type == XML_ELEMENT_NODE) {
                if (is_one_of(node->name, {"script", "style", "template", "noscript", "head"})) continue;
                const bool block = is_one_of(node->name, {"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5",
                                                          "h6", "blockquote", "pre", "tr", "table", "section",
                                                          "article", "figure", "figcaption", "header", "footer",
                                                          "dd", "dt", "hr"});
                if (is_one_of(node->name, {"br"})) space_ = true;
                if (block) end_block();
                walk(node->children);
                if (block) end_block();
            }
        }
    }
    std::string take() {
        while (!text_.empty() && (text_.back() == ' ' || text_.back() == '\n')) text_.pop_back();
        return std::move(text_);
    }

  private:
    void add_text(const char* content) {
        if (!content) return;
        for (const char* p = content; *p; ++p) {
            const char c = *p;
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
                space_ = true;
                continue;
            }
            if (paragraph_ && !text_.empty()) {
                text_ += "\n\n";
            } else if (space_ && !text_.empty() && text_.back() != '\n') {
                text_ += ' ';
            }
            paragraph_ = space_ = false;
            text_ += c;
        }
    }
    void end_block() { paragraph_ = true; }

    std::string text_;
    bool space_ = false;
    bool paragraph_ = false;
};

}  // namespace

std::string html_to_text(std::string_view html) {
    if (html.find('<') == std::string_view::npos && html.find('&') == std::string_view::npos) {
        const std::size_t first = html.find_first_not_of(" \t\r\n");
        if (first == std::string_view::npos) return {};
        return std::string(html.substr(first, html.find_last_not_of(" \t\r\n") - first + 1));
    }
    // A fragment is parsed inside a document of its own; the parser adds <html><body>.
    const int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET;
    std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)> doc(
        htmlReadMemory(html.data(), static_cast<int>(html.size()), nullptr, "UTF-8", options), xmlFreeDoc);
    if (!doc) return {};
    return nodes_to_text(xmlDocGetRootElement(doc.get()));
}

std::string nodes_to_text(const xmlNode* first) {
    TextCollector collector;
    collector.walk(first);
    return collector.take();
}

std::string collapse_space(std::string_view text) {
    std::string out;
    bool space = false;
    for (const char c : text) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += c;
    }
    return out;
}

}  // namespace newsdex::detail
