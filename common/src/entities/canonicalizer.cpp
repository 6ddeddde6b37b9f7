/// @file canonicalizer.cpp
/// Alias table and within-article resolution of names to one canonical form.
#include "canonicalizer.hpp"

#include <array>

#include "newsdex/schema.hpp"

#include "text.hpp"

namespace newsdex::entities {
namespace {

bool parse_type(std::string_view s, EntityType& t) {
    for (EntityType type : {EntityType::person, EntityType::place, EntityType::org}) {
        if (s == schema::entity_type_name(type)) {
            t = type;
            return true;
        }
    }
    return false;
}

std::string map_key(EntityType t, std::string_view name) {
    std::string k(schema::entity_type_name(t));
    k += '\x1f';
    k += alias_key(name);
    return k;
}

}  // namespace

std::string alias_key(std::string_view name) {
    std::string lower = lowercase(name);
    std::string out;
    out.reserve(lower.size());
    std::size_t i = 0;
    bool space = false;
    while (i < lower.size()) {
        char32_t c = next_code_point(lower, i);
        if (c == 0x2019 || c == 0x2018 || c == 0x02BC) c = '\'';
        if (c == '.') continue;
        if (is_space(c) || c == '-' || c == 0x2010 || c == 0x2011) {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        append_utf8(out, c);
    }
    if (out.size() > 2 && out.compare(out.size() - 2, 2, "'s") == 0) out.resize(out.size() - 2);
    if (out.compare(0, 4, "the ") == 0) out.erase(0, 4);
    return out;
}

std::string tidy_name(std::string_view name) {
    // Words are kept as written ("Bank of England", "McDonald", "NATO"); a name typed all in
    // lowercase ("new york") gets each word capitalised.
    bool any_upper = false;
    for (std::size_t i = 0; i < name.size();) {
        if (is_upper(next_code_point(name, i))) any_upper = true;
    }
    std::string out;
    std::size_t i = 0;
    bool word_start = true;
    while (i < name.size()) {
        char32_t c = next_code_point(name, i);
        if (c == 0x2019 || c == 0x2018 || c == 0x02BC) c = '\'';
        if (is_space(c)) {
            word_start = true;
            continue;
        }
        if (word_start && !out.empty()) out += ' ';
        append_utf8(out, word_start && !any_upper ? to_upper(c) : c);
        word_start = false;
    }
    return out;
}

void AliasTable::load(std::string_view tsv) {
    for_each_line(tsv, [&](std::string_view line) {
        const std::size_t t1 = line.find('\t');
        const std::size_t t2 = t1 == std::string_view::npos ? t1 : line.find('\t', t1 + 1);
        if (t2 == std::string_view::npos) return;
        EntityType type;
        if (!parse_type(line.substr(0, t1), type)) return;
        const std::string canonical(line.substr(t1 + 1, t2 - t1 - 1));
        map_.emplace(map_key(type, canonical), canonical);
        std::string_view rest = line.substr(t2 + 1);
        while (!rest.empty()) {
            std::size_t bar = rest.find('|');
            std::string_view alias = rest.substr(0, bar);
            if (!alias.empty()) map_.emplace(map_key(type, alias), canonical);
            if (bar == std::string_view::npos) break;
            rest.remove_prefix(bar + 1);
        }
    });
}

const std::string* AliasTable::find(EntityType type, std::string_view name) const {
    const auto it = map_.find(map_key(type, name));
    return it == map_.end() ? nullptr : &it->second;
}

void retype_from_aliases(const AliasTable& aliases, std::vector<RawMention>& mentions) {
    static constexpr EntityType kAll[] = {EntityType::person, EntityType::place, EntityType::org};
    for (RawMention& m : mentions) {
        if (aliases.find(m.type, m.text)) continue;
        for (EntityType t : kAll) {
            if (t != m.type && aliases.find(t, m.text)) {
                m.type = t;
                break;
            }
        }
    }
}

void harmonise_types(std::vector<RawMention>& mentions) {
    std::unordered_map<std::string, std::array<int, 3>> votes;
    std::unordered_map<std::string, bool> surname;
    for (const RawMention& m : mentions) {
        if (m.words.size() == 1) ++votes[alias_key(m.words[0])][static_cast<int>(m.type)];
        else if (m.type == EntityType::person) surname[alias_key(m.words.back())] = true;
    }
    for (RawMention& m : mentions) {
        if (m.words.size() != 1) continue;
        const std::string key = alias_key(m.words[0]);
        if (surname.count(key)) {
            m.type = EntityType::person;
            continue;
        }
        const auto& v = votes[key];
        int best = static_cast<int>(m.type);
        for (int t = 0; t < 3; ++t) {
            if (v[t] > v[best]) best = t;
        }
        m.type = static_cast<EntityType>(best);
    }
}

std::vector<std::string> resolve_article(const AliasTable& aliases, const std::vector<RawMention>& mentions) {
    std::vector<std::string> out(mentions.size());
    // Full names (two or more words) of people, in order of appearance.
    std::vector<std::size_t> full;
    for (std::size_t i = 0; i < mentions.size(); ++i) {
        if (mentions[i].type == EntityType::person && mentions[i].words.size() >= 2) full.push_back(i);
    }
    for (std::size_t i = 0; i < mentions.size(); ++i) {
        const RawMention& m = mentions[i];
        std::string name = m.text;
        if (m.type == EntityType::person && m.words.size() == 1) {
            // A lone surname (or first name) takes the article's full name containing it:
            // the nearest earlier one, else the first later one.
            const std::string key = alias_key(m.words[0]);
            std::size_t chosen = mentions.size();
            for (std::size_t f : full) {
                const RawMention& fm = mentions[f];
                if (alias_key(fm.words.back()) == key || alias_key(fm.words.front()) == key) {
                    if (f < i || chosen == mentions.size()) chosen = f;
                    if (f > i) break;
                }
            }
            if (chosen < mentions.size()) name = mentions[chosen].text;
        }
        const std::string* canon = aliases.find(m.type, name);
        out[i] = canon ? *canon : tidy_name(name);
    }
    return out;
}

}  // namespace newsdex::entities
