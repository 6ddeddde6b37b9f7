// RSS and Atom feeds: one article per item or entry, every field where a
// reader of the feed finds it, and problems reported with their line.
#include <gtest/gtest.h>

#include <sstream>

#include "html_text.hpp"
#include "newsdex/dates.hpp"
#include "newsdex/index_writer.hpp"
#include "readers/input.hpp"

namespace {

using newsdex::Article;
using newsdex::Diagnostic;

struct Read {
    std::vector<Article> articles;
    std::vector<std::string> problems;  // "line: reason" of repairs and skips
    std::vector<std::string> notices;
};

Read read_feed(const std::string& xml, newsdex::detail::Encoding encoding = newsdex::detail::Encoding::utf8) {
    std::istringstream in(xml);
    newsdex::detail::Input input{in, {}, "feed.xml", "file:feed.xml"};
    input.encoding = encoding;
    Read out;
    newsdex::detail::feed_format.read(
        input, newsdex::ReadOptions{}, [&](Article&& a) { out.articles.push_back(std::move(a)); },
        [&](const Diagnostic& d) {
            (d.severity == Diagnostic::Severity::notice ? out.notices : out.problems)
                .push_back(std::to_string(d.line) + ": " + d.reason);
        });
    return out;
}

std::int64_t utc(const Article& a) { return a.published ? a.published->seconds : -1; }
std::int64_t utc(const char* iso) { return newsdex::parse_published_date(iso)->seconds; }

TEST(Feeds, Rss2ItemsWithTheirFields) {
    Read r = read_feed(R"(<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>AT&amp;T Daily</title><language>en-gb</language>
<item><title>Rates &amp; bonds</title><link>https://x.example/a</link><guid>a-1</guid>
<pubDate>Tue, 29 Oct 2024 21:30:00 GMT</pubDate>
<description>Teaser &lt;b&gt;only&lt;/b&gt;</description>
<content:encoded><![CDATA[<p>First&nbsp;paragraph &eacute;t&eacute; &amp; more.</p><div class="ad"><script>ad()</script></div><p>Second.</p>]]></content:encoded>
</item>
<item><title>No content</title><link>https://x.example/b</link>
<pubDate>Wed, 30 Oct 2024 09:15 +0100</pubDate>
<description><![CDATA[Plain <i>teaser</i>]]></description></item>
</channel></rss>)");
    ASSERT_EQ(r.articles.size(), 2u);
    EXPECT_TRUE(r.problems.empty()) << r.problems[0];
    const Article& a = r.articles[0];
    EXPECT_EQ(a.id, "a-1");
    EXPECT_EQ(a.title, "Rates & bonds");
    EXPECT_EQ(a.url, "https://x.example/a");
    EXPECT_EQ(a.source, "AT&T Daily");
    EXPECT_EQ(a.lang, "en-gb");
    EXPECT_EQ(a.body, "First\u00a0paragraph \u00e9t\u00e9 & more.\n\nSecond.");  // content:encoded wins
    EXPECT_EQ(utc(a), utc("2024-10-29T21:30:00Z"));
    const Article& b = r.articles[1];
    EXPECT_EQ(b.id, "https://x.example/b");  // no guid: the link
    EXPECT_EQ(b.body, "Plain teaser");
    EXPECT_EQ(utc(b), utc("2024-10-30T08:15:00Z"));  // no seconds, +0100
}

TEST(Feeds, Rfc822DatesInTheirVariants) {
    const std::pair<const char*, const char*> cases[] = {
        {"Tue, 29 Oct 2024 21:30:00 GMT", "2024-10-29T21:30:00Z"},
        {"29 Oct 2024 21:30:00 +0000", "2024-10-29T21:30:00Z"},  // no weekday
        {"Tue, 29 Oct 24 16:30:00 EST", "2024-10-29T21:30:00Z"},  // two-digit year, US zone
        {"Tue, 1 Oct 2024 01:30:00 -0230", "2024-10-01T04:00:00Z"},
        {"tue, 29 oct 2024 21:30:00 utc", "2024-10-29T21:30:00Z"},
        {"2024-10-29T21:30:00.250+00:00", "2024-10-29T21:30:00Z"},  // RFC 3339 where RFC 822 belongs
    };
    for (auto [rss, iso] : cases) {
        SCOPED_TRACE(rss);
        Read r = read_feed(std::string("<rss><channel><item><title>t</title><pubDate>") + rss +
                           "</pubDate></item></channel></rss>");
        ASSERT_EQ(r.articles.size(), 1u);
        EXPECT_TRUE(r.problems.empty());
        EXPECT_EQ(utc(r.articles[0]), utc(iso));
    }
    for (const char* bad : {"Tue, 31 Feb 2024 10:00:00 GMT", "29 Foo 2024 10:00 GMT", "yesterday"}) {
        SCOPED_TRACE(bad);
        Read r = read_feed(std::string("<rss><channel><item><title>t</title><pubDate>") + bad +
                           "</pubDate></item></channel></rss>");
        ASSERT_EQ(r.articles.size(), 1u);
        EXPECT_FALSE(r.articles[0].published);
        ASSERT_EQ(r.problems.size(), 1u);
        EXPECT_NE(r.problems[0].find("date is not a date"), std::string::npos) << r.problems[0];
    }
}

TEST(Feeds, AtomEntriesWithTextHtmlAndXhtmlConstructs) {
    Read r = read_feed(R"(<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="de">
<title type="html">Die &lt;b&gt;Zeitung&lt;/b&gt;</title>
<entry><id>urn:1</id><title>a &lt; b</title>
<link rel="enclosure" href="https://z.example/1.mp3"/><link href="https://z.example/1"/>
<published>2024-10-30T12:00:00.5+01:00</published><updated>2024-11-01T00:00:00Z</updated>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Eins.</p><p>Zwei <b>drei</b>.</p></div></content></entry>
<entry xml:lang="fr"><id>urn:2</id><title type="text">Deux</title><updated>2024-11-02T09:00:00Z</updated>
<summary type="html">&lt;p&gt;R&amp;eacute;sum&amp;eacute;&lt;/p&gt;</summary></entry>
<entry><id>urn:3</id><title>Drei</title><updated>2024-11-02T09:00:00Z</updated>
<content>Text with &lt;tags&gt; as text</content></entry>
</feed>)");
    ASSERT_EQ(r.articles.size(), 3u);
    EXPECT_EQ(r.articles[0].source, "Die Zeitung");
    EXPECT_EQ(r.articles[0].title, "a < b");  // a text construct is not HTML
    EXPECT_EQ(r.articles[0].url, "https://z.example/1");
    EXPECT_EQ(r.articles[0].lang, "de");
    EXPECT_EQ(r.articles[0].body, "Eins.\n\nZwei drei.");
    EXPECT_EQ(utc(r.articles[0]), utc("2024-10-30T11:00:00Z"));  // published before updated
    EXPECT_EQ(r.articles[1].lang, "fr");
    EXPECT_EQ(r.articles[1].body, "R\u00e9sum\u00e9");
    EXPECT_EQ(utc(r.articles[1]), utc("2024-11-02T09:00:00Z"));  // only updated
    EXPECT_EQ(r.articles[2].body, "Text with <tags> as text");
}

TEST(Feeds, BrokenFeedKeepsTheItemsBeforeTheBreakAndSaysWhere) {
    Read r = read_feed("<?xml version=\"1.0\"?>\n<rss><channel><title>W</title>\n"
                       "<item><title>One</title><guid>1</guid><description>fine</description></item>\n"
                       "<item><title>Two</title><guid>2</guid><description>fine too</description></item>\n"
                       "<item><title>Three & </title><guid>3</guid><description>cut sh");
    ASSERT_GE(r.articles.size(), 2u);
    EXPECT_EQ(r.articles[0].title, "One");
    EXPECT_EQ(r.articles[1].body, "fine too");
    ASSERT_FALSE(r.problems.empty());
    EXPECT_EQ(r.problems[0].rfind("5: malformed XML (", 0), 0u) << r.problems[0];  // the first error, on line 5
}

TEST(Feeds, ItemsWithoutDateOrIdAndRepeatedGuids) {
    Read r = read_feed("<rss><channel>\n<item><title>A</title><guid>g</guid></item>\n"
                       "<item><title>B</title><description>body b</description></item>\n"
                       "<item><title>A2</title><guid>g</guid></item>\n<item></item>\n</channel></rss>");
    ASSERT_EQ(r.articles.size(), 3u);
    EXPECT_EQ(r.articles[1].id, newsdex::content_id(r.articles[1]));  // neither guid nor link: the content
    EXPECT_EQ(r.articles[2].id, "g");
    ASSERT_EQ(r.problems.size(), 2u);
    EXPECT_EQ(r.problems[0], "4: feed item repeats the id \"g\" of line 2; the later item replaces the earlier");
    EXPECT_EQ(r.problems[1], "5: feed item has no title and no text");
    EXPECT_EQ(r.notices.size(), 5u);  // three without a date, two without a body
}

TEST(Feeds, Utf16FeedIsConvertedWhateverItsDeclarationSays) {
    const std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><rss><channel><item><title>\u00e9t\u00e9"
                            "</title></item></channel></rss>";
    std::string utf16 = "\xFF\xFE";
    for (std::size_t i = 0; i < xml.size();) {  // UTF-8 -> UTF-16LE, BMP only
        unsigned c = static_cast<unsigned char>(xml[i]);
        unsigned code = c < 0x80 ? c : ((c & 0x1F) << 6) | (static_cast<unsigned char>(xml[i + 1]) & 0x3F);
        i += c < 0x80 ? 1 : 2;
        utf16.push_back(static_cast<char>(code & 0xFF));
        utf16.push_back(static_cast<char>(code >> 8));
    }
    Read r = read_feed(utf16, newsdex::detail::Encoding::utf16le);
    ASSERT_EQ(r.articles.size(), 1u);
    EXPECT_EQ(r.articles[0].title, "\u00e9t\u00e9");
}

TEST(Feeds, RecognisedByTheirRootElement) {
    using newsdex::detail::sniff_format;
    using newsdex::InputFormat;
    EXPECT_EQ(sniff_format("\xef\xbb\xbf<?xml version=\"1.0\"?>\n<!-- a <feed> -->\n<rss version=\"2.0\">"),
              InputFormat::feed);
    EXPECT_EQ(sniff_format("<feed xmlns=\"http://www.w3.org/2005/Atom\">"), InputFormat::feed);
    EXPECT_EQ(sniff_format("<rdf:RDF xmlns:rdf=\"...\">"), InputFormat::feed);
    EXPECT_EQ(sniff_format("<feed-list>"), InputFormat::text);
    EXPECT_EQ(sniff_format("<?xml version=\"1.0\"?><svg><title>rss</title></svg>"), InputFormat::text);
    EXPECT_EQ(sniff_format("Our <rss> feed moved"), InputFormat::text);
    EXPECT_EQ(newsdex::format_of("news.RSS.gz"), InputFormat::feed);
    EXPECT_EQ(newsdex::format_of("a.atom"), InputFormat::feed);
}

TEST(HtmlText, BlocksEntitiesAndScripts) {
    using newsdex::detail::html_to_text;
    EXPECT_EQ(html_to_text("  plain  text "), "plain  text");
    EXPECT_EQ(html_to_text("<p>a&amp;b</p><p>c<br>d</p><script>x()</script><style>p{}</style>"), "a&b\n\nc d");
    EXPECT_EQ(html_to_text("caf&eacute; &#8212; &lt;ok&gt;"), "caf\u00e9 \u2014 <ok>");
    EXPECT_EQ(html_to_text("<ul><li>one</li><li>two</li></ul>"), "one\n\ntwo");
}

}  // namespace
