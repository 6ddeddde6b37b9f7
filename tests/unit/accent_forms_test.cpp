// Accented forms (accent_forms.hpp): the XA term of a word and the query's bonus for it.
#include <gtest/gtest.h>

#include <xapian.h>

#include "accent_forms.hpp"
#include "newsdex/analyzer.hpp"

namespace newsdex::detail {
namespace {

TEST(AccentForms, OnlyWordsThatFoldingChangesHaveOne) {
    EXPECT_EQ(accent_form("grève", "greve"), "grève");
    EXPECT_EQ(accent_form("GRÈVE", "greve"), "grève");  // case-folded, marks kept
    EXPECT_EQ(accent_form("Besançon", "besancon"), "besançon");
    EXPECT_EQ(accent_form("greve", "greve"), "");        // ASCII: nothing to keep
    EXPECT_EQ(accent_form("Курске", "курске"), "");      // a script without marks: the folded word itself
    EXPECT_EQ(accent_term_bonus(Xapian::WritableDatabase(std::string(), Xapian::DB_BACKEND_INMEMORY), "Zgrev"), 0);
}

/// An index of one article with "grève" and one with "greve", as the document builder writes them.
Xapian::WritableDatabase strike_index() {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    for (const char* word : {"grève", "greve"}) {
        Xapian::Document doc;
        doc.add_posting("greve", 1);
        const std::string form = accent_form(word, "greve");
        if (!form.empty()) doc.add_term(accent_form_term(form), 0);
        db.add_document(doc);
    }
    db.add_document(Xapian::Document());  // an article without the word: the term has some idf
    return db;
}

TEST(AccentForms, RankedAccentedWordsOfTheQueryGiveTheBonusAndNoOthers) {
    const Xapian::WritableDatabase db = strike_index();
    const Analyzer analyzer;
    const Xapian::Query base("greve");
    auto has_bonus = [&](const std::string& text, bool natural) {
        return with_accent_forms(base, analyzer, db, text, natural).get_description().find("XAgrève") != std::string::npos;
    };
    EXPECT_TRUE(has_bonus("grève", false));
    EXPECT_TRUE(has_bonus("title:grève", false));
    EXPECT_TRUE(has_bonus("la grève des cheminots", true));
    EXPECT_FALSE(has_bonus("greve", false));
    EXPECT_FALSE(has_bonus("-grève", false));
    EXPECT_FALSE(has_bonus("greve NOT grève", false));
    EXPECT_FALSE(has_bonus("source:grève", false));
    EXPECT_FALSE(has_bonus("résumé", false));  // a form the index does not hold
    // The bonus ranks the article with the accent first; what matches is unchanged.
    Xapian::Enquire enquire(db);
    enquire.set_query(with_accent_forms(base, analyzer, db, "grève", false));
    const Xapian::MSet m = enquire.get_mset(0, 10);
    ASSERT_EQ(m.size(), 2u);
    EXPECT_EQ(*m.begin(), 1u);
    EXPECT_GT(m.begin().get_weight(), (++m.begin()).get_weight());
}

}  // namespace
}  // namespace newsdex::detail
