/// @file articles.hpp
/// Articles for tests: a suite sets once what it does not vary (language,
/// date, source) and names only id, title and body per article.
#pragma once

#include <string>
#include <utility>

#include "newsdex/article.hpp"

namespace newsdex::test {

/// Makes test articles: `const ArticleMaker article{"en", "2025-03-14", "Wire"};`
/// then `article("id", "Title", "Body")`, or `article.in("fr", "2024-07-14")(...)`.
struct ArticleMaker {
    std::string lang = "en";
    std::string date;    ///< ISO 8601, or empty for none
    std::string source;

    Article operator()(std::string id, std::string title, std::string body) const {
        Article a;
        a.id = std::move(id);
        a.title = std::move(title);
        a.body = std::move(body);
        a.lang = lang;
        a.date = date;
        a.source = source;
        return a;
    }
    /// The same maker with another language and date.
    ArticleMaker in(std::string other_lang, std::string other_date) const {
        return {std::move(other_lang), std::move(other_date), source};
    }
    /// The same maker with another date.
    ArticleMaker on(std::string other_date) const { return {lang, std::move(other_date), source}; }
};

}  // namespace newsdex::test
