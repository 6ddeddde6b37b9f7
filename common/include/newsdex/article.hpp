/// @file article.hpp
/// A news article as read from input and as stored in the index.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace newsdex {

/// A point in time, parsed from an ISO 8601 string (UTC seconds since the epoch).
struct Timestamp {
    std::int64_t seconds = 0;
    bool has_time = false;  ///< false when only a date (or year/month) was given
    friend bool operator==(const Timestamp& a, const Timestamp& b) {
        return a.seconds == b.seconds && a.has_time == b.has_time;
    }
};

/// The kinds of named entity newsdex extracts.
enum class EntityType { person, place, org };

/// One canonical entity an article mentions (stored with the article).
struct Entity {
    EntityType type = EntityType::person;
    std::string canonical;  ///< e.g. "Vladimir Putin"
    int mentions = 0;       ///< how often the article mentions it
};

struct Article {
    std::string id;      ///< unique; upserting the same id replaces the article
    std::string title;
    std::string body;
    std::string date;    ///< as given (ISO 8601), "" if none
    std::optional<Timestamp> published;  ///< parsed from date
    std::string source;
    std::string url;
    std::string lang;    ///< BCP 47 ("en", "fr", "zh-Hans"); "" = unknown
    std::vector<Entity> entities;
};

}  // namespace newsdex
