#include <algorithm>
#include <cctype>
#include <cmath>
#include <iomanip>
#include <ostream>
#include <set>
#include <sstream>

#include "printers.hpp"

namespace newsdex::searcher {

namespace {

/// "2025-03-01" and, when the article gives a time, "2025-03-01 09:30" (as
/// written, offset kept): same-day results sorted by date then read in order.
std::string shown_date(const std::string& date) {
    std::string out = date.substr(0, 10);
    const bool has_time = date.size() >= 16 && (date[10] == 'T' || date[10] == ' ') &&
                          std::isdigit(static_cast<unsigned char>(date[11])) && date[13] == ':';
    if (!has_time) return out;
    out += " " + date.substr(11, 5);
    // The zone as given: "Z" or "+02:00" after the (fractional) seconds.
    std::size_t zone = date.find_first_of("Z+-", 16);
    if (zone != std::string::npos) out += date[zone] == 'Z' ? std::string(" UTC") : " " + date.substr(zone);
    return out;
}

constexpr const char* highlight_on = "\033[1;33m";
constexpr const char* title_on = "\033[1m";
constexpr const char* dim_on = "\033[2m";
constexpr const char* reset = "\033[0m";

// Display width of UTF-8 text: code points, with East Asian wide characters as two.
int display_width(const std::string& s) {
    int width = 0;
    for (std::size_t i = 0; i < s.size();) {
        auto c = static_cast<unsigned char>(s[i]);
        unsigned cp = 0;
        int len = 1;
        if (c < 0x80) cp = c;
        else if ((c >> 5) == 6) { cp = c & 0x1F; len = 2; }
        else if ((c >> 4) == 14) { cp = c & 0x0F; len = 3; }
        else { cp = c & 0x07; len = 4; }
        for (int k = 1; k < len && i + static_cast<std::size_t>(k) < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]) & 0x3F);
        i += static_cast<std::size_t>(len);
        bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
                    (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                    (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
        width += wide ? 2 : 1;
    }
    return width;
}

struct Piece {
    std::string text;
    bool highlighted;
};

// Splits text into highlighted and plain pieces.
std::vector<Piece> pieces(const std::string& text, const std::vector<std::pair<std::size_t, std::size_t>>& spans) {
    std::vector<Piece> out;
    std::size_t at = 0;
    for (auto [b, e] : spans) {
        if (b < at || e > text.size() || b >= e) continue;
        if (b > at) out.push_back({text.substr(at, b - at), false});
        out.push_back({text.substr(b, e - b), true});
        at = e;
    }
    if (at < text.size()) out.push_back({text.substr(at), false});
    return out;
}

std::string render(const std::vector<Piece>& parts, const TextStyle& style, const char* plain_on = nullptr) {
    std::string out;
    for (const Piece& p : parts) {
        if (p.highlighted) {
            out += style.colour ? std::string(highlight_on) + p.text + reset + (plain_on ? plain_on : "") : "**" + p.text + "**";
        } else {
            out += p.text;
        }
    }
    return out;
}

// Word-wraps highlighted text to the width, indenting every line.
void wrap(const std::vector<Piece>& parts, const TextStyle& style, const std::string& indent, std::ostream& out) {
    // Break into words; a word may contain highlighted and plain parts.
    std::vector<std::vector<Piece>> words(1);
    for (const Piece& p : parts) {
        std::size_t at = 0;
        while (at <= p.text.size()) {
            std::size_t space = p.text.find(' ', at);
            std::string chunk = p.text.substr(at, space == std::string::npos ? std::string::npos : space - at);
            if (!chunk.empty()) words.back().push_back({chunk, p.highlighted});
            if (space == std::string::npos) break;
            if (!words.back().empty()) words.emplace_back();
            at = space + 1;
        }
    }
    int column = 0;
    int limit = std::max(20, style.width) - 1;
    out << indent;
    column = static_cast<int>(indent.size());
    bool first_on_line = true;
    for (const auto& word : words) {
        if (word.empty()) continue;
        int w = 0;
        for (const Piece& p : word) w += display_width(p.text) + (p.highlighted && !style.colour ? 4 : 0);
        if (!first_on_line && column + 1 + w > limit) {
            out << "\n" << indent;
            column = static_cast<int>(indent.size());
            first_on_line = true;
        }
        if (!first_on_line) {
            out << ' ';
            ++column;
        }
        out << render(word, style);
        column += w;
        first_on_line = false;
    }
    out << "\n";
}

/// What "No results for:" names: the query and the date window, so that
/// `--since 7d` alone does not read "No results for: " with nothing after it.
std::string searched_for(const SearchResults& results, const SearchRequest& request) {
    std::string window;
    if (!request.like_id.empty()) window = "like " + request.like_id;
    if (!request.expand_id.empty()) window += (window.empty() ? "" : ", ") + ("versions of " + request.expand_id);
    if (!request.since.empty()) window += (window.empty() ? "" : ", ") + ("since " + request.since);
    if (!request.until.empty()) window += (window.empty() ? "" : ", ") + ("until " + request.until);
    if (window.empty()) return results.query;
    if (results.query.find_first_not_of(" \t\n\r") == std::string::npos) return "articles " + window;
    return results.query + " (" + window + ")";
}

}  // namespace

void print_text(const SearchResults& results, const SearchRequest& request, const TextStyle& style, std::ostream& out) {
    if (results.auto_corrected) {
        out << "Showing results for: " << results.suggestion << "\n(searched instead of: " << results.query << ")\n";
    } else if (!results.suggestion.empty()) {
        out << "Did you mean: " << results.suggestion << "\n";
    }
    if (results.hits.empty()) {
        if (results.offset > 0 && results.total_estimate > 0) {
            out << results.total_estimate << (results.total_estimate == 1 ? " result" : " results")
                << "; none after " << results.offset << "\n";
        } else if (results.total_estimate > 0) {  // --limit 0: counts and facets only
            out << (results.total_lower_bound == results.total_upper_bound ? "" : "About ") << results.total_estimate
                << (results.total_estimate == 1 ? " result" : " results") << "\n";
        } else {
            out << "No results for: " << searched_for(results, request) << "\n";
        }
    } else {
        std::size_t first = results.offset + 1;
        std::size_t last = results.offset + results.hits.size();
        out << (results.total_lower_bound == results.total_upper_bound ? "" : "About ") << results.total_estimate
            << (results.total_estimate == 1 ? " result" : " results") << "; showing " << first << "-" << last << "\n\n";
    }
    for (const Hit& hit : results.hits) {
        const Article& a = hit.article;
        std::string number = std::to_string(hit.rank) + ". ";
        std::string title = a.title.empty() ? "(untitled)" : a.title;
        auto title_parts = a.title.empty() ? std::vector<Piece>{{title, false}} : pieces(title, hit.title_highlights);
        out << number << (style.colour ? title_on : "") << render(title_parts, style, style.colour ? title_on : nullptr)
            << (style.colour ? reset : "") << "\n";
        std::ostringstream meta;
        std::string separator;
        auto add = [&](const std::string& s) {
            if (s.empty()) return;
            meta << separator << s;
            separator = " · ";
        };
        add(shown_date(a.date));
        add(a.source);
        add(a.lang);
        add("id " + a.id);
        std::ostringstream score;
        score << "score " << std::fixed << std::setprecision(2) << hit.score;
        add(score.str());
        if (hit.similar > 0) add("+" + std::to_string(hit.similar) + " similar");
        std::string indent(number.size(), ' ');
        out << indent << (style.colour ? dim_on : "") << meta.str() << (style.colour ? reset : "") << "\n";
        if (!a.url.empty()) out << indent << (style.colour ? dim_on : "") << a.url << (style.colour ? reset : "") << "\n";
        for (const Snippet& s : hit.snippets) {
            auto parts = pieces(s.text, s.highlights);
            if (s.starts_mid_text) parts.insert(parts.begin(), Piece{"…", false});
            if (s.ends_mid_text) parts.push_back({"…", false});
            wrap(parts, style, indent, out);
        }
        if (request.explain) {
            double sum = 0, feedback = 0, recency = 0, neighbours = 0;
            bool regularised = false;
            for (const TermExplanation& e : hit.explain) {
                std::ostringstream line;
                line << std::fixed << std::setprecision(2) << std::setw(6) << e.weight << "  " << e.term << " ("
                     << e.kind;
                std::string where;
                for (const std::string& f : e.fields) where += (where.empty() ? "" : "+") + f;
                if (!where.empty()) line << " in " << where;
                if (e.wdf > 0) line << ", x" << e.wdf;
                line << ")";
                out << indent << (style.colour ? dim_on : "") << line.str() << (style.colour ? reset : "") << "\n";
                sum += e.weight;
                if (e.kind == "feedback") feedback += e.weight;
                else if (e.kind == "recency") recency += e.weight;
                else if (e.kind == "neighbours") neighbours += e.weight, regularised = true;
            }
            std::ostringstream total;
            total << std::fixed << std::setprecision(2) << std::setw(6) << sum << "  = sum (score "
                  << hit.score;
            if (feedback > 0 || recency > 0 || regularised) {
                total << ": query " << sum - feedback - recency - neighbours;
                if (feedback > 0) total << " + feedback " << feedback;
                if (recency > 0) total << " + recency " << recency;
                if (regularised) total << (neighbours < 0 ? " - neighbours " : " + neighbours ") << std::abs(neighbours);
            }
            total << ")";
            out << indent << (style.colour ? dim_on : "") << total.str() << (style.colour ? reset : "") << "\n";
        }
        out << "\n";
    }
    // In the order asked (results.facets is sorted by name).
    std::set<std::string> printed;
    for (const std::string& name : request.facets) {
        auto found = results.facets.find(name);
        if (found == results.facets.end() || !printed.insert(name).second) continue;
        const std::vector<FacetValue>& values = found->second;
        out << name << ":";
        if (values.empty()) out << " (none)";
        out << "\n";
        for (const FacetValue& v : values) out << "  " << std::setw(6) << v.count << "  " << v.value << "\n";
    }
    if (request.related > 0) {
        // "Related people: Nancy Pelosi (5), Adam Schiff (2)": (N) = in N of the top results.
        static const std::pair<const char*, const char*> headings[] = {
            {"person", "people"}, {"place", "places"}, {"org", "organisations"}};
        for (const auto& [type, heading] : headings) {
            auto found = results.related.find(type);
            if (found == results.related.end() || found->second.empty()) continue;
            out << "Related " << heading << ":";
            const char* separator = " ";
            for (const RelatedEntity& e : found->second) {
                out << separator << e.value << " (" << e.count << ")";
                separator = ", ";
            }
            out << "\n";
        }
        out << "(related: entities most distinctive of the top " << results.related_sample
            << (results.related_sample == 1 ? " result" : " results") << "; (N) = how many of them name it)\n";
    }
    if (results.collapsed && std::any_of(results.hits.begin(), results.hits.end(),
                                         [](const Hit& h) { return h.similar > 0; })) {
        out << "(+N similar: near-duplicate versions collapsed; --expand ID lists them, --no-collapse shows all)\n";
    }
}

}  // namespace newsdex::searcher
