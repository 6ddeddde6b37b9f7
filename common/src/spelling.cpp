/// @file spelling.cpp
/// suggest_spelling(): Xapian's spelling table, used only where a correction is worth showing.
#include "spelling.hpp"

#include <algorithm>
#include <cctype>

#include "query_syntax.hpp"

namespace newsdex::detail {

std::string suggest_spelling(const Xapian::Database& db, const Analyzer& analyzer, const std::string& query) {
    const Xapian::doccount common = std::max<Xapian::doccount>(3, db.get_doccount() / 20000);
    bool changed = false;
    std::string corrected = rewrite_words(query, [&](const std::string& word) -> std::string {
        std::vector<Token> tokens = analyzer.tokenize(word);
        if (tokens.size() != 1) return {};
        const std::string& term = tokens[0].term;
        // Edits in proportion to the word: one from 4 characters, two from 8
        // (two edits turned the 3-character 乌克兰 into 克).
        const auto characters = static_cast<std::size_t>(
            std::count_if(term.begin(), term.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xc0) != 0x80; }));
        const unsigned edits = characters >= 8 ? 2 : characters >= 4 ? 1 : 0;
        if (edits == 0) return {};
        Xapian::doccount freq = db.get_termfreq(term);
        if (freq >= common) return {};
        std::string better = db.get_spelling_suggestion(term, edits);
        if (better.empty() || better == term) return {};
        // An unknown word takes any known spelling; a rare one only a far more common one.
        Xapian::doccount better_freq = db.get_termfreq(better);
        if (freq == 0 ? better_freq == 0 : better_freq < std::max<Xapian::doccount>(common, 20 * freq)) return {};
        // Keep the writer's capital ("Surender" -> "Surrender").
        if (std::isupper(static_cast<unsigned char>(word[0])) && std::islower(static_cast<unsigned char>(better[0]))) {
            better[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(better[0])));
        }
        changed = true;
        return better;
    });
    return changed ? corrected : std::string();
}

}  // namespace newsdex::detail
