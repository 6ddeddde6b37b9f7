#include "stored_article.hpp"

#include <zlib.h>

#include <algorithm>

#include "newsdex/error.hpp"
#include "newsdex/schema.hpp"
#include "varint.hpp"

namespace newsdex::detail {

namespace {

/// 1: body last in the data (schema 1); 2: no body in the data (schema 2).
constexpr char format_with_body = 1;
constexpr char format_without_body = 2;

/// First byte of a slot_body value.
constexpr char body_plain = 0;
constexpr char body_deflated = 1;

void put_string(std::string& out, std::string_view s) {
    put_varint(out, s.size());
    out.append(s);
}

struct Reader {
    std::string_view data;
    std::size_t pos = 0;

    std::size_t varint() {
        std::uint64_t value = 0;
        if (get_varint(data, pos, value)) return static_cast<std::size_t>(value);
        throw Error(pos >= data.size() ? "stored article is truncated" : "stored article has a bad length");
    }
    std::string_view string() {
        std::size_t length = varint();
        if (length > data.size() - pos) throw Error("stored article is truncated");
        std::string_view s = data.substr(pos, length);
        pos += length;
        return s;
    }
};

/// zlib's window and hash table sized to a text of @p bytes: the smallest window
/// that still reaches back over the whole text (zlib keeps MIN_LOOKAHEAD = 262 bytes
/// of it for look-ahead), and as many hash heads as window bytes. The default
/// (32 KB window, 32K heads) costs ~65,000 instructions per article to set up and
/// clear, ten times the deflate of a 2 KB wire story; sized, Reuters-21578's
/// bodies come out 8 bytes larger in all (8,578,437 -> 8,578,445). inflate with
/// a 32 KB window (unserialise_body) reads streams made with any smaller one.
struct DeflateSize {
    int window_bits = 15;
    int mem_level = 8;
};
DeflateSize deflate_size(std::size_t bytes) {
    DeflateSize size;
    size.window_bits = 9;  // zlib's smallest raw-deflate window
    while (size.window_bits < 15 && (std::size_t{1} << size.window_bits) < bytes + 262) ++size.window_bits;
    size.mem_level = std::max(1, size.window_bits - 7);  // 2^(mem_level + 7) hash heads
    return size;
}

/// Raw deflate (no zlib header: the length is stored in front instead).
bool deflate_into(std::string& out, std::string_view in) {
    z_stream z{};
    // Level 6: a 2 KB news body shrinks ~1.9x; faster levels lose 10-15%.
    const DeflateSize size = deflate_size(in.size());
    if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -size.window_bits, size.mem_level, Z_DEFAULT_STRATEGY) !=
        Z_OK) {
        return false;
    }
    const std::size_t start = out.size();
    out.resize(start + deflateBound(&z, static_cast<uLong>(in.size())));
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    z.avail_in = static_cast<uInt>(in.size());
    z.next_out = reinterpret_cast<Bytef*>(&out[start]);
    z.avail_out = static_cast<uInt>(out.size() - start);
    const int rc = deflate(&z, Z_FINISH);
    out.resize(start + z.total_out);
    deflateEnd(&z);
    return rc == Z_STREAM_END;
}

}  // namespace

std::string serialise_article(const Article& a) {
    std::string out;
    out.reserve(a.title.size() + a.id.size() + a.url.size() + 64);
    out.push_back(format_without_body);
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
    return out;
}

std::string serialise_body(std::string_view body) {
    std::string out(1, body_deflated);
    put_varint(out, body.size());
    if (deflate_into(out, body) && out.size() < body.size() + 1) return out;
    out.assign(1, body_plain);
    out.append(body);
    return out;
}

std::string unserialise_body(std::string_view value) {
    if (value.empty()) return {};
    if (value[0] == body_plain) return std::string(value.substr(1));
    if (value[0] != body_deflated) throw Error("not a newsdex stored body");
    Reader r{value, 1};
    const std::size_t size = r.varint();
    if (size > (std::size_t{1} << 31)) throw Error("stored body has a bad length");
    std::string body(size, '\0');
    z_stream z{};
    if (inflateInit2(&z, -15) != Z_OK) throw Error("cannot inflate the stored body (zlib)");
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(value.data() + r.pos));
    z.avail_in = static_cast<uInt>(value.size() - r.pos);
    z.next_out = reinterpret_cast<Bytef*>(body.data());
    z.avail_out = static_cast<uInt>(size);
    const int rc = inflate(&z, Z_FINISH);
    const bool complete = rc == Z_STREAM_END && z.total_out == size;
    inflateEnd(&z);
    if (!complete) throw Error("stored body is corrupt (inflating it failed)");
    return body;
}

Article unserialise_article(std::string_view data, bool with_body) {
    if (data.empty() || (data[0] != format_with_body && data[0] != format_without_body)) {
        throw Error("not a newsdex stored article");
    }
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
    if (with_body && data[0] == format_with_body) a.body = r.string();
    return a;
}

Article read_article(const Xapian::Document& doc, bool with_body) {
    const std::string data = doc.get_data();
    Article a = unserialise_article(data, with_body);
    if (with_body && data[0] == format_without_body) a.body = unserialise_body(doc.get_value(schema::slot_body));
    return a;
}

}  // namespace newsdex::detail
