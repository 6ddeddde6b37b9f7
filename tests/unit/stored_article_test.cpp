// The stored article (schema 2): hit fields in the document data, the body
// deflated in its own slot and read only when asked for.
#include <gtest/gtest.h>

#include <xapian.h>
#include <zlib.h>

#include <random>

#include "newsdex/error.hpp"
#include "newsdex/schema.hpp"
#include "stored_article.hpp"
#include "varint.hpp"

namespace {

using namespace newsdex;

Article sample() {
    Article a;
    a.id = "afp-1";
    a.title = "Kursk: Ukraine's troops withdraw";
    a.date = "2025-03-14";
    a.source = "AFP";
    a.url = "https://example.org/kursk";
    a.lang = "en";
    a.entities = {{EntityType::place, "Kursk", 3}, {EntityType::person, "Vladimir Putin", 1}};
    for (int i = 0; i < 40; ++i) a.body += "Russian forces said they had retaken villages in the Kursk region. ";
    return a;
}

TEST(StoredArticle, DataHoldsEveryHitFieldButNotTheBody) {
    Article a = sample();
    std::string data = detail::serialise_article(a);
    EXPECT_EQ(data.find("retaken"), std::string::npos);
    Article back = detail::unserialise_article(data, true);
    EXPECT_EQ(back.id, a.id);
    EXPECT_EQ(back.title, a.title);
    EXPECT_EQ(back.date, a.date);
    EXPECT_EQ(back.source, a.source);
    EXPECT_EQ(back.url, a.url);
    EXPECT_EQ(back.lang, a.lang);
    ASSERT_EQ(back.entities.size(), 2u);
    EXPECT_EQ(back.entities[1].canonical, "Vladimir Putin");
    EXPECT_EQ(back.entities[0].mentions, 3);
    EXPECT_TRUE(back.body.empty());
}

TEST(StoredArticle, BodyIsDeflatedAndRoundTrips) {
    std::string body = sample().body;
    std::string value = detail::serialise_body(body);
    EXPECT_LT(value.size(), body.size() / 4);  // 40 repeated sentences
    EXPECT_EQ(detail::unserialise_body(value), body);
    // Text that does not shrink is kept as it is (one byte of overhead).
    std::string tiny = "Reuter";
    EXPECT_EQ(detail::serialise_body(tiny).size(), tiny.size() + 1);
    EXPECT_EQ(detail::unserialise_body(detail::serialise_body(tiny)), tiny);
    EXPECT_EQ(detail::unserialise_body(detail::serialise_body("")), "");
}

/// Words drawn from a small vocabulary: text that deflate shrinks, with repeats at every distance.
std::string wire_text(std::size_t bytes, unsigned seed) {
    static const char* const words[] = {"oil", "prices", "rose", "in", "Tokyo", "the", "central", "bank",
                                        "said", "Reuter", "1987", "tonnes", "wheat", "export", "talks"};
    std::mt19937 random(seed);
    std::string text;
    while (text.size() < bytes) {
        text += words[random() % (sizeof words / sizeof *words)];
        text += random() % 9 == 0 ? ".\n" : " ";
    }
    text.resize(bytes);
    return text;
}

TEST(StoredArticle, BodiesOfEverySizeRoundTripThroughTheirSizedWindow) {
    // Around each window the sizing picks (2^w minus zlib's 262 bytes of look-ahead) and far past the largest.
    std::vector<std::size_t> sizes = {1, 30, 249, 250, 251, 5000, 40000, 200000};
    for (int w = 9; w <= 15; ++w) {
        for (long delta : {-1L, 0L, 1L}) sizes.push_back(static_cast<std::size_t>((1L << w) - 262 + delta));
    }
    for (std::size_t size : sizes) {
        const std::string body = wire_text(size, static_cast<unsigned>(size));
        EXPECT_EQ(detail::unserialise_body(detail::serialise_body(body)), body) << size << " bytes";
    }
}

TEST(StoredArticle, BodiesDeflatedWithTheFullWindowStillRead) {
    // Indexes written before the window was sized to the text: 32 KB window, memLevel 8.
    const std::string body = wire_text(3000, 7);
    z_stream z{};
    ASSERT_EQ(deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY), Z_OK);
    std::string deflated(deflateBound(&z, static_cast<uLong>(body.size())), '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(body.data()));
    z.avail_in = static_cast<uInt>(body.size());
    z.next_out = reinterpret_cast<Bytef*>(deflated.data());
    z.avail_out = static_cast<uInt>(deflated.size());
    ASSERT_EQ(deflate(&z, Z_FINISH), Z_STREAM_END);
    deflated.resize(z.total_out);
    deflateEnd(&z);
    std::string value(1, '\1');  // body_deflated
    detail::put_varint(value, body.size());
    value += deflated;
    EXPECT_EQ(detail::unserialise_body(value), body);
    // The sized window loses nothing on a text it covers whole.
    EXPECT_LE(detail::serialise_body(body).size(), value.size() + 4);
}

TEST(StoredArticle, HitIsReadWithoutTouchingTheBody) {
    Xapian::Document doc;
    Article a = sample();
    doc.set_data(detail::serialise_article(a));
    std::string body = detail::serialise_body(a.body);
    body.resize(body.size() / 2);  // a damaged body must not matter unless it is read
    doc.add_value(schema::slot_body, body);
    Article hit = detail::read_article(doc, false);
    EXPECT_EQ(hit.title, a.title);
    EXPECT_TRUE(hit.body.empty());
    try {
        (void)detail::read_article(doc, true);
        FAIL() << "a truncated body must be reported";
    } catch (const Error& e) {
        EXPECT_STREQ(e.what(), "stored body is corrupt (inflating it failed)");
    }
    doc.add_value(schema::slot_body, detail::serialise_body(a.body));
    EXPECT_EQ(detail::read_article(doc, true).body, a.body);
}

TEST(StoredArticle, ReadsSchemaOneDataWithTheBodyInside) {
    // Schema 1: version byte 1, the fields as varint-length strings, the
    // entities, then the body.
    std::string data(1, '\1');
    for (std::string s : {"old-1", "Old title", "1987-02-26", "Reuters", "", "en"}) {
        data.push_back(static_cast<char>(s.size()));
        data += s;
    }
    data += "\1\1\4Iran\2";  // one entity: place "Iran", 2 mentions
    data += std::string("\x0c") + "Oil and Iran";
    Xapian::Document doc;
    doc.set_data(data);
    Article a = detail::read_article(doc, true);
    EXPECT_EQ(a.id, "old-1");
    EXPECT_EQ(a.source, "Reuters");
    ASSERT_EQ(a.entities.size(), 1u);
    EXPECT_EQ(a.entities[0].canonical, "Iran");
    EXPECT_EQ(a.body, "Oil and Iran");
    EXPECT_TRUE(detail::read_article(doc, false).body.empty());
}

TEST(StoredArticle, RejectsWhatIsNotAStoredArticle) {
    EXPECT_THROW(detail::unserialise_article("", false), Error);
    EXPECT_THROW(detail::unserialise_article("\x07xyz", false), Error);
    EXPECT_THROW(detail::unserialise_article(std::string("\2\x50short", 7), false), Error);
    EXPECT_THROW(detail::unserialise_body("\x09"), Error);
}

}  // namespace
