/// The one query lexer (query_lexer.hpp) and the passes that read it.
#include <gtest/gtest.h>

#include "newsdex/error.hpp"
#include "query_lexer.hpp"
#include "query_syntax.hpp"

using namespace newsdex;
using namespace newsdex::detail;

namespace {

/// "kind:text" per lexeme, fields as "[name=field value]".
std::string describe(std::string_view query) {
    std::string out;
    for (const Lexeme& l : lex_query(query)) {
        if (!out.empty()) out += ' ';
        switch (l.kind) {
            case LexemeKind::word: out += "w"; break;
            case LexemeKind::phrase: out += "p"; break;
            case LexemeKind::open: out += "("; break;
            case LexemeKind::close: out += ")"; break;
            case LexemeKind::op: out += "op"; break;
        }
        out += ":" + l.text;
        if (!l.field_name.empty()) {
            out += "[" + l.field_name + "=" + (l.field ? std::string(l.field->name) : "?") + " " +
                   std::string(query.substr(l.value, l.end - l.value)) + "]";
        }
        if (l.unclosed_quote) out += "!";
    }
    return out;
}

}  // namespace

TEST(QueryLexer, SplitsWordsPhrasesBracketsOperatorsAndFields) {
    EXPECT_EQ(describe("Kursk surrender"), "w:Kursk w:surrender");
    EXPECT_EQ(describe("(kursk OR belgorod) NEAR/3 \"Kursk region\""),
              "(:( w:kursk op:OR w:belgorod ):) op:NEAR/3 p:\"Kursk region\"");
    EXPECT_EQ(describe("+title:kursk -source:AFP"), "w:+title:kursk[title=title kursk] w:-source:AFP[source=source AFP]");
    EXPECT_EQ(describe("TITLE:\"a (b) c\""), "p:TITLE:\"a (b) c\"[TITLE=title \"a (b) c\"]");
    EXPECT_EQ(describe("colour:red"), "w:colour:red[colour=? colour:red]");
    EXPECT_EQ(describe("title:(a b)"), "w:title:[title=title ] (:( w:a w:b ):)");
    EXPECT_EQ(describe("date: 2025 10:30 a::b"), "w:date: w:2025 w:10:30 w:a::b");
    EXPECT_EQ(describe("year:2025"), "w:year:2025[year=? year:2025]");  // a facet, not a query field
    EXPECT_EQ(describe("a \"b c"), "w:a p:\"b c!");
    EXPECT_EQ(describe("and Or NOT"), "w:and w:Or op:NOT");
    EXPECT_EQ(describe(""), "");
}

TEST(QueryLexer, EveryPassSeesTheSameFields) {
    // The field a lexeme names is the one the syntax check accepts, the one
    // whose value "did you mean" leaves alone, and the one lang: reads.
    EXPECT_NO_THROW(validate_query_syntax("TITLE:kursk -Source:AFP lang:fr"));
    EXPECT_EQ(query_language_field("kursk -LANG:fr"), "fr");
    EXPECT_EQ(query_language_field("\"lang:fr\" kursk"), "");
    auto upper = [](const std::string& w) { return w == "kursk" || w == "afp" ? std::string("X") : std::string(); };
    EXPECT_EQ(rewrite_words("Title:kursk source:afp kursk", upper), "Title:X source:afp X");
    EXPECT_EQ(rewrite_words("colour:kursk", upper), "colour:kursk");
}

TEST(QueryLexer, SyntaxErrorsNameTheirPlace) {
    auto message = [](const std::string& query) {
        try {
            validate_query_syntax(query);
        } catch (const QueryError& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    EXPECT_NE(message("colour:red").find("unknown field \"colour:\" (fields: date, title, id, source, lang, url, person, "
                                         "place, org)"),
              std::string::npos);
    EXPECT_NE(message("a) b").find("unbalanced ')' at character 2"), std::string::npos);
    EXPECT_NE(message("a \"b\" \"c").find("unbalanced '\"' at character 7"), std::string::npos);
    EXPECT_NE(message("(a (b)").find("unbalanced '(': 1 not closed"), std::string::npos);
    EXPECT_NE(message("\"colour:red\"").find("no error"), std::string::npos);  // in a phrase: words
    EXPECT_NE(message("10:30").find("no error"), std::string::npos);
}
