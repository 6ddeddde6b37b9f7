/// @file archive_printer.cpp
/// --stats and --article as text, for people (JSON is the library's to_json()).
#include <iomanip>
#include <ostream>
#include <sstream>

#include "printers.hpp"

namespace newsdex::searcher {

namespace {

/// "AFP 3, Reuters 2, ..." (the first @p limit; "... and N more").
std::string count_list(const std::vector<std::pair<std::string, std::size_t>>& counts, std::size_t limit) {
    std::ostringstream out;
    for (std::size_t i = 0; i < counts.size() && i < limit; ++i) {
        if (i) out << ", ";
        out << (counts[i].first.empty() ? "(none)" : counts[i].first) << " " << counts[i].second;
    }
    if (counts.size() > limit) out << ", and " << counts.size() - limit << " more";
    if (counts.empty()) out << "-";
    return out.str();
}

}  // namespace

void print_stats_text(const IndexStats& stats, const std::vector<std::string>& dbs, std::ostream& out) {
    std::string names;
    for (const std::string& db : dbs) names += (names.empty() ? "" : ", ") + db;
    out << "index        " << names << "\n";
    out << "articles     " << stats.articles << " (" << stats.undated << " undated)\n";
    out << "dates        "
        << (stats.first_date.empty() ? std::string("-") : stats.first_date + " .. " + stats.last_date) << "\n";
    out << "languages    " << count_list(stats.languages, 20) << "\n";
    out << "sources      " << count_list(stats.sources, 20) << "\n";
    out << "size         " << std::fixed << std::setprecision(1) << stats.bytes / 1e6 << " MB (" << stats.bytes
        << " bytes)\n";
    out << "schema       " << stats.schema_version << "\n";
    out << "last commit  " << (stats.last_modified.empty() ? "-" : stats.last_modified) << "\n";
}

void print_article_text(const Article& article, std::ostream& out) {
    auto field = [&](const char* name, const std::string& value) {
        if (!value.empty()) out << std::left << std::setw(8) << name << value << "\n";
    };
    field("id", article.id);
    field("title", article.title);
    field("date", article.date);
    field("source", article.source);
    field("url", article.url);
    field("lang", article.lang);
    for (auto [type, label] : {std::pair{EntityType::person, "people"}, {EntityType::place, "places"},
                               {EntityType::org, "orgs"}}) {
        std::string names;
        for (const Entity& entity : article.entities) {
            if (entity.type == type) names += (names.empty() ? "" : "; ") + entity.canonical;
        }
        field(label, names);
    }
    out << "\n" << article.body << "\n";
}

}  // namespace newsdex::searcher
