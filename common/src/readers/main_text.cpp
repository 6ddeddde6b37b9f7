/// @file main_text.cpp
/// Boilerplate removal for news pages: see main_text.hpp for the method.
#include "main_text.hpp"

#include <libxml/tree.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "html_text.hpp"

namespace newsdex::detail {

namespace {

bool is_element(const xmlNode* node) { return node && node->type == XML_ELEMENT_NODE; }

std::string tag_of(const xmlNode* node) { return ascii_lower(reinterpret_cast<const char*>(node->name)); }

bool tag_in(const std::string& tag, std::initializer_list<const char*> tags) {
    return std::any_of(tags.begin(), tags.end(), [&](const char* t) { return tag == t; });
}

/// An attribute's value, lower-cased: class names and roles compare so.
std::string attribute(const xmlNode* node, const char* name) { return ascii_lower(attribute_of(node, name)); }

/// The words of an element's class and id: "story-body__inner" -> story, body, inner.
std::vector<std::string> class_words(const xmlNode* node) {
    std::vector<std::string> words;
    for (const char* name : {"class", "id"}) {
        std::string word;
        for (const char c : attribute(node, name) + " ") {
            if (std::isalnum(static_cast<unsigned char>(c))) {
                word += c;
            } else if (!word.empty()) {
                words.push_back(std::move(word));
                word.clear();
            }
        }
    }
    return words;
}

// What a class or id says. Tuned on the development pages in tests/data/pages.
const std::set<std::string> never_text_words = {
    "comment", "comments", "disqus", "cookie", "cookies", "consent", "gdpr", "share", "sharing", "social",
    "related", "newsletter", "subscribe", "subscription", "promo", "promotion", "advert", "advertisement",
    "advertising", "ad", "ads", "adslot", "sponsor", "sponsored", "outbrain", "taboola", "paywall", "signup",
    "recommended", "recommendations", "trending", "popular", "mostread", "donate", "jump", "sharebar",
    "responses", "response", "replies", "reply", "discussion", "reactions", "talkback", "forum"};
const std::set<std::string> boilerplate_words = {
    "header", "footer", "nav", "navbar", "navigation", "menu", "sidebar", "aside", "widget", "breadcrumb",
    "breadcrumbs", "banner", "masthead", "byline", "author", "dateline", "timestamp", "meta", "tags", "caption",
    "credit", "toolbar", "skip", "modal", "popup", "overlay", "rail", "teaser", "teasers", "readmore", "print",
    "hidden", "login", "copyright", "legal", "topics", "more"};
const std::set<std::string> content_words = {"article", "body", "content", "entry", "main", "story",
                                             "text", "post", "prose", "articlebody"};

enum class Verdict { keep, drop };

/// The page's first <article> not inside another: what a class word must not
/// drop, nor an element around it (a <div class="nav"> left open by broken
/// markup holds the rest of the page; Substack's post is an
/// <article class="newsletter-post">).
const xmlNode* first_article(const xmlNode* node) {
    for (; node; node = node->next) {
        if (!is_element(node)) continue;
        if (tag_of(node) == "article") return node;
        if (const xmlNode* found = first_article(node->children)) return found;
    }
    return nullptr;
}

bool holds(const xmlNode* node, const xmlNode* inner) {
    for (const xmlNode* n = inner; n; n = n->parent) {
        if (n == node) return true;
    }
    return false;
}

/// Bytes of text below @p node, whatever it is.
std::size_t text_bytes(const xmlNode* node) {
    std::size_t bytes = 0;
    for (const xmlNode* c = node->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE && c->content) bytes += xmlStrlen(c->content);
        else if (is_element(c)) bytes += text_bytes(c);
    }
    return bytes;
}

/// What step 1 needs to know of the whole page.
struct PageShape {
    const xmlNode* article = nullptr;  ///< first_article()
    std::size_t text_bytes = 0;        ///< of the whole page
};

/// Step 1: whether @p node (and all below it) is never main text.
Verdict judge_element(const xmlNode* node, const PageShape& page) {
    const std::string tag = tag_of(node);
    if (tag == "html" || tag == "body") return Verdict::keep;
    if (tag_in(tag, {"script", "style", "noscript", "template", "svg", "iframe", "button", "select", "input",
                     "textarea", "label", "nav", "aside", "footer", "header", "figure", "figcaption", "picture",
                     "video", "audio", "canvas", "object", "embed", "menu", "dialog", "head", "time", "address"})) {
        return Verdict::drop;
    }
    const std::string role = attribute(node, "role");
    if (tag_in(role, {"navigation", "banner", "contentinfo", "complementary", "dialog", "alertdialog", "search"})) {
        return Verdict::drop;
    }
    if (attribute(node, "aria-hidden") == "true" || xmlHasProp(node, reinterpret_cast<const xmlChar*>("hidden"))) {
        return Verdict::drop;
    }
    std::string style = attribute(node, "style");
    style.erase(std::remove(style.begin(), style.end(), ' '), style.end());
    if (style.find("display:none") != std::string::npos || style.find("visibility:hidden") != std::string::npos) {
        return Verdict::drop;
    }
    if (attribute(node, "itemprop") == "articlebody") return Verdict::keep;
    if (page.article && holds(node, page.article)) return Verdict::keep;
    bool boilerplate = false, content = false;
    for (const std::string& word : class_words(node)) {
        if (never_text_words.count(word)) return Verdict::drop;
        boilerplate |= boilerplate_words.count(word) > 0;
        content |= content_words.count(word) > 0;
    }
    if (!boilerplate || content) return Verdict::keep;
    // A "nav" or "header" that holds most of the page's text is one whose
    // end tag is missing, so that the rest of the page sits inside it.
    return text_bytes(node) * 2 > page.text_bytes ? Verdict::keep : Verdict::drop;
}

bool inline_tag(const std::string& tag) {
    return tag_in(tag, {"a", "span", "b", "i", "em", "strong", "u", "small", "sup", "sub", "abbr", "cite", "q",
                        "mark", "code", "font", "s", "del", "ins", "dfn", "kbd", "var", "bdi", "bdo", "wbr"});
}

/// Characters of text (white space runs count one) and those inside links.
struct TextStats {
    std::size_t chars = 0;
    std::size_t link_chars = 0;
    std::size_t commas = 0;
    double link_density() const { return chars ? static_cast<double>(link_chars) / static_cast<double>(chars) : 0; }
};

std::size_t visible_chars(const char* text, std::size_t* commas) {
    std::size_t chars = 0;
    bool space = true;
    for (const char* p = text; p && *p; ++p) {
        const unsigned char c = static_cast<unsigned char>(*p);
        if ((c & 0xC0) == 0x80) continue;  // a UTF-8 continuation byte: one character
        const bool is_space = std::isspace(c) != 0;
        if (is_space && space) continue;
        space = is_space;
        ++chars;
        if (c == ',') ++*commas;
    }
    return chars;
}

/// The page's elements as step 1 left them, with their text statistics.
class Page {
  public:
    explicit Page(const xmlNode* root) : shape_{first_article(root), root ? text_bytes(root) : 0} {
        measure(root, false);
    }

    bool dropped(const xmlNode* node) const { return dropped_.count(node) > 0; }
    const TextStats& stats(const xmlNode* node) const {
        static const TextStats none;
        auto it = stats_.find(node);
        return it == stats_.end() ? none : it->second;
    }
    /// Text of @p node's own text children and inline elements: a <div> used as a paragraph.
    std::size_t own_text(const xmlNode* node) const {
        std::size_t chars = 0, commas = 0;
        for (const xmlNode* c = node->children; c; c = c->next) {
            if (c->type == XML_TEXT_NODE) chars += visible_chars(reinterpret_cast<const char*>(c->content), &commas);
            else if (is_element(c) && !dropped(c) && inline_tag(tag_of(c))) chars += stats(c).chars;
        }
        return chars;
    }

  private:
    TextStats measure(const xmlNode* node, bool in_link) {
        TextStats total;
        for (; node; node = node->next) {
            if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
                const std::size_t chars = visible_chars(reinterpret_cast<const char*>(node->content), &total.commas);
                total.chars += chars;
                if (in_link) total.link_chars += chars;
            } else if (is_element(node)) {
                if (judge_element(node, shape_) == Verdict::drop) {
                    dropped_.insert(node);
                    continue;
                }
                TextStats inner = measure_children(node, in_link || tag_of(node) == "a");
                total.chars += inner.chars;
                total.link_chars += inner.link_chars;
                total.commas += inner.commas;
            }
        }
        return total;
    }
    TextStats measure_children(const xmlNode* node, bool in_link) {
        TextStats inner = measure(node->children, in_link);
        stats_[node] = inner;
        return inner;
    }

    PageShape shape_;
    std::set<const xmlNode*> dropped_;
    std::unordered_map<const xmlNode*, TextStats> stats_;
};

double class_weight(const xmlNode* node) {
    double weight = 0;
    const std::string tag = tag_of(node);
    if (tag == "article" || tag == "main" || attribute(node, "itemprop") == "articlebody") weight += 25;
    for (const std::string& word : class_words(node)) {
        if (content_words.count(word)) weight += 25;
        if (boilerplate_words.count(word)) weight -= 25;
    }
    return std::max(-25.0, std::min(50.0, weight));
}

double tag_weight(const std::string& tag) {
    if (tag == "div" || tag == "article" || tag == "section" || tag == "main") return 5;
    if (tag_in(tag, {"pre", "td", "blockquote"})) return 3;
    if (tag_in(tag, {"ol", "ul", "dl", "dd", "dt", "li", "form"})) return -3;
    if (tag_in(tag, {"h1", "h2", "h3", "h4", "h5", "h6", "th"})) return -5;
    return 0;
}

/// Step 2: the content block(s).
class ContentScorer {
  public:
    explicit ContentScorer(const Page& page) : page_(page) {}

    std::vector<const xmlNode*> choose(const xmlNode* root) {
        score_paragraphs(root);
        const xmlNode* best = nullptr;
        double best_score = 0;
        for (auto& [node, score] : scores_) {
            score *= 1 - page_.stats(node).link_density();
            if (!best || score > best_score || (score == best_score && node < best)) {
                best = node;
                best_score = score;
            }
        }
        if (!best) return {root};
        // Siblings of the best block that score nearly as well (a body cut in
        // sections of one class; less alike, half as well: not the comments
        // under an article), or are plain good paragraphs.
        std::vector<const xmlNode*> chosen;
        const std::string best_class = attribute(best, "class");
        const xmlNode* first = best->parent ? best->parent->children : best;
        for (const xmlNode* sibling = first; sibling; sibling = sibling->next) {
            if (!is_element(sibling) || page_.dropped(sibling)) continue;
            if (sibling == best) {
                chosen.push_back(sibling);
                continue;
            }
            auto it = scores_.find(sibling);
            const bool alike = !best_class.empty() && attribute(sibling, "class") == best_class;
            const double threshold = std::max(10.0, best_score * (alike ? 0.2 : 0.5));
            if ((it != scores_.end() && it->second >= threshold) || good_paragraph(sibling)) {
                chosen.push_back(sibling);
            }
        }
        add_stray_paragraphs(best, chosen);
        return chosen;
    }

  private:
    bool good_paragraph(const xmlNode* node) const {
        const TextStats& stats = page_.stats(node);
        return tag_of(node) == "p" && stats.chars > 80 && stats.link_density() < 0.25;
    }

    /// Broken markup (a stray </div>) leaves the last paragraphs of an
    /// article outside its block, after it: good paragraphs that follow the
    /// block's ancestors (two levels up), before any other text, belong to it.
    void add_stray_paragraphs(const xmlNode* best, std::vector<const xmlNode*>& chosen) const {
        const xmlNode* level = best->parent;
        for (int up = 0; up < 2 && is_element(level) && tag_of(level) != "body"; ++up, level = level->parent) {
            for (const xmlNode* next = level->next; next; next = next->next) {
                if (!is_element(next) || page_.dropped(next) || page_.stats(next).chars == 0) continue;
                if (!good_paragraph(next)) break;
                chosen.push_back(next);
            }
        }
    }

    void score_paragraphs(const xmlNode* node) {
        for (; node; node = node->next) {
            if (!is_element(node) || page_.dropped(node)) continue;
            const std::string tag = tag_of(node);
            const bool paragraph = tag_in(tag, {"p", "pre", "td", "blockquote"}) ||
                                   ((tag == "div" || tag == "section") && page_.own_text(node) >= 25);
            const TextStats& stats = page_.stats(node);
            if (paragraph && stats.chars >= 25) {
                const double score = 1 + static_cast<double>(stats.commas) +
                                     std::min(3.0, static_cast<double>(stats.chars) / 100.0);
                add(node->parent, score);
                if (node->parent) add(node->parent->parent, score / 2);
            }
            score_paragraphs(node->children);
        }
    }
    void add(const xmlNode* node, double score) {
        if (!is_element(node)) return;
        auto [it, fresh] = scores_.emplace(node, 0.0);
        if (fresh) it->second = tag_weight(tag_of(node)) + class_weight(node);
        it->second += score;
    }

    const Page& page_;
    std::unordered_map<const xmlNode*, double> scores_;
};

/// One paragraph of the chosen blocks, as text.
struct Block {
    std::string text;
    std::size_t chars = 0;
    std::size_t link_chars = 0;
    bool heading = false;
};

/// Cuts the chosen blocks into paragraphs (block elements and <br> end one).
class BlockCollector {
  public:
    explicit BlockCollector(const Page& page) : page_(page) {}

    /// @p node and what is below it (not its siblings).
    void walk(const xmlNode* node, bool in_link) {
        if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
            add_text(reinterpret_cast<const char*>(node->content), in_link);
            return;
        }
        if (!is_element(node) || page_.dropped(node)) return;
        const std::string tag = tag_of(node);
        const bool block = !inline_tag(tag);  // <br> too: it ends a line, and a paragraph in <br> layouts
        if (block) end_block();
        current_.heading |= tag_in(tag, {"h1", "h2", "h3", "h4", "h5", "h6"});
        for (const xmlNode* child = node->children; child; child = child->next) {
            walk(child, in_link || tag == "a");
        }
        if (block) end_block();
    }
    std::vector<Block> take() {
        end_block();
        return std::move(blocks_);
    }

  private:
    void add_text(const char* text, bool in_link) {
        for (const char* p = text; p && *p; ++p) {
            const unsigned char c = static_cast<unsigned char>(*p);
            if (std::isspace(c)) {
                space_ = true;
                continue;
            }
            if (space_ && !current_.text.empty()) {
                current_.text += ' ';
                ++current_.chars;
                if (in_link) ++current_.link_chars;
            }
            space_ = false;
            current_.text += static_cast<char>(c);
            if ((c & 0xC0) != 0x80) {
                ++current_.chars;
                if (in_link) ++current_.link_chars;
            }
        }
    }
    void end_block() {
        if (!current_.text.empty()) blocks_.push_back(std::move(current_));
        current_ = Block{};
        space_ = false;
    }

    const Page& page_;
    std::vector<Block> blocks_;
    Block current_;
    bool space_ = false;
};

enum class Quality { good, short_text, bad };

bool ends_like_a_sentence(const std::string& text) {
    static const char* const ends[] = {".", "!", "?", "\"", "\u201d", "\u00bb", "\u3002", ":", ")", "\u2019"};
    return std::any_of(std::begin(ends), std::end(ends), [&](const char* end) {
        const std::size_t n = std::strlen(end);
        return text.size() >= n && text.compare(text.size() - n, n, end) == 0;
    });
}

/// Phrases of page furniture that slip into a content block.
bool furniture(const std::string& text) {
    const std::string low = ascii_lower(text.substr(0, 80));
    for (const char* start : {"advertisement", "read more", "read next", "continue reading", "share this",
                              "sign up", "subscribe", "follow us", "copyright", "\u00a9", "all rights reserved",
                              "related:", "see also", "click here", "published", "updated", "by "}) {
        if (low.rfind(start, 0) == 0) return text.size() < 120;
    }
    return false;
}

/// Step 3: jusText's judgement, paragraph by paragraph.
Quality judge(const Block& block) {
    const double link_density =
        block.chars ? static_cast<double>(block.link_chars) / static_cast<double>(block.chars) : 0;
    if (link_density > 0.5 || furniture(block.text)) return Quality::bad;
    if (block.heading) return Quality::short_text;
    if (block.chars >= 70 && link_density <= 0.3) return Quality::good;
    if (block.chars >= 30 && ends_like_a_sentence(block.text)) return Quality::good;
    return Quality::short_text;
}

}  // namespace

std::string main_text(const xmlNode* root, const std::string& title) {
    Page page(root);
    std::vector<const xmlNode*> chosen = ContentScorer(page).choose(root);
    BlockCollector collector(page);
    for (const xmlNode* node : chosen) collector.walk(node, false);
    std::vector<Block> blocks = collector.take();
    std::vector<Quality> quality;
    for (const Block& block : blocks) quality.push_back(judge(block));
    // A short paragraph or subheading stays when the next judged paragraph is good
    // and (for a paragraph, not a heading) the previous one too.
    auto neighbour_good = [&](std::size_t i, int step) {
        for (std::size_t j = i; step > 0 ? j + 1 < blocks.size() : j > 0;) {
            j = step > 0 ? j + 1 : j - 1;
            if (quality[j] != Quality::short_text) return quality[j] == Quality::good;
        }
        return false;
    };
    std::string text;
    for (std::size_t i = 0; i < blocks.size(); ++i) {
        bool keep = quality[i] == Quality::good;
        if (quality[i] == Quality::short_text) {
            keep = neighbour_good(i, +1) && (blocks[i].heading || neighbour_good(i, -1));
        }
        if (!keep || blocks[i].text == title) continue;  // the headline is the title, not the body
        if (!text.empty()) text += "\n\n";
        text += blocks[i].text;
    }
    return text;
}

}  // namespace newsdex::detail
