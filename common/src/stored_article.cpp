#include "stored_article.hpp"

#include "newsdex/error.hpp"

namespace newsdex::detail {

namespace {

constexpr char format_version = 1;

void put_varint(std::string& out, std::size_t value) {
    while (value >= 0x80) {
        out.push_back(static_cast<char>((value & 0x7f) | 0x80));
        value >>= 7;
    }
    out.push_back(static_cast<char>(value));
}

void put_string(std::string& out, std::string_view s) {
    put_varint(out, s.size());
    out.append(s);
}

struct Reader {
    std::string_view data;
    std::size_t pos = 0;

    std::size_t varint() {
        std::size_t value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= data.size()) throw Error("stored article is truncated");
            auto byte = static_cast<unsigned char>(data[pos++]);
            value |= static_cast<std::size_t>(byte & 0x7f) << shift;
            if (!(byte & 0x80)) return value;
        }
        throw Error("stored article has a bad length");
    }
    std::string_view string() {
        std::size_t length = varint();
        if (length > data.size() - pos) throw Error("stored article is truncated");
        std::string_view s = data.substr(pos, length);
        pos += length;
        return s;
    }
};

}  // namespace

std::string serialise_article(const Article& a) {
    std::string out;
    out.reserve(a.title.size() + a.body.size() + a.id.size() + 64);
    out.push_back(format_version);
    put_string(out, a.id);
    put_string(out, a.title);
    put_string(out, a.date);
    put_string(out, a.source);
    put_string(out, a.url);
    put_string(out, a.lang);
    put_varint(out, a.entities.size());
    for (const Entity& e : a.entities) {
        put_varint(out, static_cast<std::size_t>(e.type));
        put_string(out, e.canonical);
        put_varint(out, static_cast<std::size_t>(e.mentions));
    }
    put_string(out, a.body);  // last, so readers that skip it stop early
    return out;
}

Article unserialise_article(std::string_view data, bool with_body) {
    if (data.empty() || data[0] != format_version) throw Error("not a newsdex stored article");
    Reader r{data, 1};
    Article a;
    a.id = r.string();
    a.title = r.string();
    a.date = r.string();
    a.source = r.string();
    a.url = r.string();
    a.lang = r.string();
    std::size_t entities = r.varint();
    for (std::size_t i = 0; i < entities && i < 100000; ++i) {
        Entity e;
        std::size_t type = r.varint();
        e.type = type <= 2 ? static_cast<EntityType>(type) : EntityType::person;
        e.canonical = r.string();
        e.mentions = static_cast<int>(r.varint());
        a.entities.push_back(std::move(e));
    }
    if (with_body) a.body = r.string();
    return a;
}

}  // namespace newsdex::detail
