/// @file html_text.cpp
#include "html_text.hpp"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <map>
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

std::string attribute_of(const xmlNode* node, const char* name) {
    std::unique_ptr<xmlChar, decltype(xmlFree)> value(xmlGetProp(node, reinterpret_cast<const xmlChar*>(name)), xmlFree);
    return value ? reinterpret_cast<const char*>(value.get()) : "";
}

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

std::string rfc822_to_iso(const std::string& text) {
    static const char* const months[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                         "jul", "aug", "sep", "oct", "nov", "dec"};
    static const std::map<std::string, const char*> zones = {
        {"gmt", "+00:00"}, {"ut", "+00:00"}, {"utc", "+00:00"}, {"z", "+00:00"}, {"est", "-05:00"},
        {"edt", "-04:00"}, {"cst", "-06:00"}, {"cdt", "-05:00"}, {"mst", "-07:00"}, {"mdt", "-06:00"},
        {"pst", "-08:00"}, {"pdt", "-07:00"}};
    std::string s = text;
    if (const std::size_t comma = s.find(','); comma != std::string::npos && comma < 10) s = s.substr(comma + 1);
    int day = 0, year = 0, hour = 0, minute = 0, second = 0;
    char month_name[4] = {}, zone[8] = {};
    const int fields = std::sscanf(s.c_str(), " %d %3s %d %d:%d:%d %7s", &day, month_name, &year, &hour, &minute,
                                   &second, zone);
    if (fields < 6) {  // no seconds: "29 Oct 2024 14:00 GMT"
        if (std::sscanf(s.c_str(), " %d %3s %d %d:%d %7s", &day, month_name, &year, &hour, &minute, zone) < 5) {
            return text;
        }
        second = 0;
    }
    const auto month = std::find(std::begin(months), std::end(months), ascii_lower(month_name)) - std::begin(months);
    if (month == 12) return text;
    if (year < 100) year += year < 50 ? 2000 : 1900;
    std::string offset = "+00:00";
    const std::string z = ascii_lower(zone);
    if (auto it = zones.find(z); it != zones.end()) {
        offset = it->second;
    } else if (z.size() == 5 && (z[0] == '+' || z[0] == '-')) {
        offset = z.substr(0, 3) + ":" + z.substr(3);
    } else if (!z.empty()) {
        return text;
    }
    char iso[40];
    std::snprintf(iso, sizeof iso, "%04d-%02ld-%02dT%02d:%02d:%02d%s", year, static_cast<long>(month + 1), day, hour,
                  minute, second, offset.c_str());
    return iso;
}

std::string root_element(std::string_view head) {
    std::size_t at = 0;
    if (head.substr(0, 3) == "\xef\xbb\xbf") at = 3;
    while (true) {
        at = head.find_first_not_of(" \t\r\n", at);
        if (at == std::string_view::npos || head[at] != '<') return {};
        std::string_view rest = head.substr(at);
        std::size_t end = std::string_view::npos;
        if (rest.substr(0, 4) == "<!--") {
            end = rest.find("-->", 4);
            if (end != std::string_view::npos) end += 2;
        }
        else if (rest.substr(0, 2) == "<?" || rest.substr(0, 2) == "<!") end = rest.find('>');
        else break;
        if (end == std::string_view::npos) return {};
        at += end + 1;
    }
    std::string name;
    for (std::size_t i = at + 1; i < head.size(); ++i) {
        const char c = head[i];
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != ':' && c != '-' && c != '_' && c != '.') break;
        name += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return name;
}

}  // namespace newsdex::detail
